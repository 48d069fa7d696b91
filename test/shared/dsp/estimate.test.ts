import { beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import { estimateCorrection, type SummaryRecord } from '@shared/dsp/estimate'
import { goldenJson, type GoldenCoefficients } from '../../helpers/golden'
import { goldenSummaries } from '../../helpers/golden-summaries'

const golden = goldenJson<GoldenCoefficients>('coefficients.json')
let records: SummaryRecord[]

beforeAll(async () => {
  await loadFft()
  records = goldenSummaries(golden.nFft, golden.hop)
})

/** Largest |a/b − 1| over all bins. */
function worstRelative(actual: ArrayLike<number>, expected: readonly number[]): number {
  let worst = 0
  expected.forEach((e, k) => (worst = Math.max(worst, Math.abs(actual[k] / e - 1))))
  return worst
}

const db = (x: number): number => 20 * Math.log10(x)

describe('estimators on the golden corpus', () => {
  for (const variant of ['unaligned', 'aligned', 'dcase2019'] as const) {
    it(`${variant} matches coefficients.json within 1e-3 relative at every bin`, () => {
      const est = estimateCorrection(records, { variant, reference: golden.reference })
      for (const device of ['a', 'b', 'c']) {
        const worst = worstRelative(est.devices[device].coefficients, golden[variant][device])
        expect(worst, `${variant} ${device}`).toBeLessThan(1e-3)
      }
    })
  }

  it('counts what entered each estimate', () => {
    const un = estimateCorrection(records, { variant: 'unaligned', reference: 'a' })
    expect(un.devices.c.recordings).toBe(5)
    const al = estimateCorrection(records, { variant: 'aligned', reference: 'a' })
    expect(al.devices.c.segments).toBe(4)
    expect(al.devices.b.segments).toBe(5)
    expect(al.devices.c.unequalFramePairs).toBe(0)
  })

  it('aligned and unaligned differ for device c as the golden data says, but not for b', () => {
    const un = estimateCorrection(records, { variant: 'unaligned', reference: 'a' })
    const al = estimateCorrection(records, { variant: 'aligned', reference: 'a' })
    const gap = (d: string): number =>
      Math.max(
        ...al.devices[d].coefficients.map((c, k) =>
          Math.abs(db(c) - db(un.devices[d].coefficients[k])),
        ),
      )
    expect(gap('c')).toBeGreaterThan(0.5)
    expect(gap('b')).toBeLessThan(1e-6)
  })

  it('recovers trueCorrection where the device passes sound: aligned within 0.06 dB, unaligned c within 1.4 dB', () => {
    // Where a device attenuates by more than 12 dB its recordings hold mostly noise, so no
    // estimate can recover the response there (the golden numbers miss by up to 48 dB at DC).
    const miss = (coef: ArrayLike<number>, d: string): number =>
      Math.max(
        ...golden.trueCorrection[d].map((t, k) =>
          Math.abs(db(t)) <= 12 ? Math.abs(db(coef[k]) - db(t)) : 0,
        ),
      )
    const al = estimateCorrection(records, { variant: 'aligned', reference: 'a' })
    const un = estimateCorrection(records, { variant: 'unaligned', reference: 'a' })
    expect(miss(al.devices.b.coefficients, 'b')).toBeLessThan(0.06)
    expect(miss(al.devices.c.coefficients, 'c')).toBeLessThan(0.06)
    expect(miss(un.devices.b.coefficients, 'b')).toBeLessThan(0.06)
    const missC = miss(un.devices.c.coefficients, 'c')
    expect(missC).toBeGreaterThan(0.3)
    expect(missC).toBeLessThan(1.45)
  })

  it('gives exactly 1 for the reference device', () => {
    for (const variant of ['unaligned', 'aligned', 'dcase2019'] as const) {
      const est = estimateCorrection(records, { variant, reference: 'b' })
      expect([...est.devices.b.coefficients].every((c) => c === 1)).toBe(true)
    }
  })

  it('moves only the level of a curve when a whole device changes gain', () => {
    const gain = 0.25
    const louder = records.map((r) =>
      r.device === 'c'
        ? {
            ...r,
            meanLogMagnitude: Array.from(r.meanLogMagnitude, (v) => v + Math.log(gain)),
            meanMagnitude: Array.from(r.meanMagnitude, (v) => v * gain),
          }
        : r,
    )
    for (const variant of ['unaligned', 'aligned', 'dcase2019'] as const) {
      const before = estimateCorrection(records, { variant, reference: 'a' }).devices.c
      const after = estimateCorrection(louder, { variant, reference: 'a' }).devices.c
      after.coefficients.forEach((c, k) => {
        expect(c * gain).toBeCloseTo(before.coefficients[k], 9)
      })
    }
  })

  it('draws reproducible subsets of at most N per device', () => {
    const a = estimateCorrection(records, {
      variant: 'unaligned',
      reference: 'a',
      maxPerDevice: 2,
      seed: 7,
    })
    const b = estimateCorrection(records, {
      variant: 'unaligned',
      reference: 'a',
      maxPerDevice: 2,
      seed: 7,
    })
    const c = estimateCorrection(records, {
      variant: 'unaligned',
      reference: 'a',
      maxPerDevice: 2,
      seed: 8,
    })
    expect(a.devices.b.recordings).toBe(2)
    expect(a.devices.b.coefficients).toEqual(b.devices.b.coefficients)
    expect(a.devices.b.coefficients).not.toEqual(c.devices.b.coefficients)
  })

  it('draws each device its subset once, so changing the reference only rescales the curves', () => {
    const options = { variant: 'unaligned', maxPerDevice: 2, seed: 3 } as const
    const toA = estimateCorrection(records, { ...options, reference: 'a' })
    const toB = estimateCorrection(records, { ...options, reference: 'b' })
    // C_c→a = C_c→b · C_b→a, bin by bin.
    const worst = Math.max(
      ...toA.devices.c.coefficients.map((c, k) =>
        Math.abs(db(c) - db(toB.devices.c.coefficients[k]) - db(toA.devices.b.coefficients[k])),
      ),
    )
    expect(worst).toBeLessThan(1e-9)
    // The same subset of c whichever devices are estimated alongside it.
    const alone = estimateCorrection(records, { ...options, reference: 'a', devices: ['c'] })
    expect(alone.devices.c.coefficients).toEqual(toA.devices.c.coefficients)
  })

  it('names what is wrong', () => {
    expect(() => estimateCorrection(records, { variant: 'unaligned', reference: 'z' })).toThrow(
      /reference=z has no analysed recordings/,
    )
    expect(() =>
      estimateCorrection(records, { variant: 'median' as 'aligned', reference: 'a' }),
    ).toThrow(/variant=median/)
    const lone = estimateCorrection(
      records.filter((r) => r.group !== 'street-paris-5-50'),
      {
        variant: 'aligned',
        reference: 'a',
        devices: ['c', 'x'],
      },
    )
    expect(lone.missing).toEqual([{ device: 'x', reason: 'no alignment group holds both x and a' }])
  })
})
