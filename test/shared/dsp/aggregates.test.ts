// The aggregates give the unaligned and aligned estimates and the device means of the direct
// computation, including the cases the golden corpus lacks: several recordings of a device in one
// group, unequal frame counts, recordings without a group, devices that never share a group.
import { describe, expect, it } from 'vitest'
import {
  AggregateBuilder,
  Dcase2019Builder,
  estimateFromAggregates,
  meanLogByDevice,
  mostRecordedDevice,
} from '@shared/dsp/aggregates'
import { estimateCorrection, type SummaryRecord } from '@shared/dsp/estimate'
import { seededRandom } from '@shared/dsp/random'
import { expectSameEstimate } from '../../helpers/estimates'

const BINS = 33

function corpus(): SummaryRecord[] {
  const random = seededRandom(7)
  const records: SummaryRecord[] = []
  const add = (device: string, group: string | null, frames: number): void => {
    const tilt = device.charCodeAt(0) / 50
    const meanLogMagnitude = Float32Array.from(
      { length: BINS },
      (_, k) => -3 + tilt * Math.log1p(k) + random(),
    )
    records.push({
      id: records.length + 1,
      device,
      group,
      frames,
      meanLogMagnitude,
      meanMagnitude: meanLogMagnitude.map(Math.exp),
    })
  }
  for (let g = 0; g < 40; g++) {
    add('a', `g${g}`, 20)
    if (g % 3 !== 0) add('b', `g${g}`, 20)
    if (g % 5 === 0) add('b', `g${g}`, g % 2 ? 20 : 19)
    if (g % 2 === 0) add('c', `g${g}`, 20)
  }
  for (let i = 0; i < 6; i++) add(i % 2 ? 'a' : 'c', i % 3 ? null : '', 20)
  add('z', 'lonely', 20)
  // Shuffled, so nothing relies on the order of the spectra.
  return records.sort(() => random() - 0.5)
}

function aggregate(records: readonly SummaryRecord[]) {
  const b = new AggregateBuilder(records, BINS)
  for (const r of records) b.add(r.id, r.meanLogMagnitude)
  return b.result()
}

describe('summary aggregates', () => {
  const records = corpus()
  const a = aggregate(records)

  it('give the unaligned and aligned estimates of the direct computation', () => {
    for (const variant of ['unaligned', 'aligned'] as const) {
      for (const reference of ['a', 'b', 'c', 'z']) {
        expectSameEstimate(
          estimateFromAggregates(a, { variant, reference }),
          estimateCorrection(records, { variant, reference }),
        )
      }
    }
    // The corpus does exercise the cases: unequal frames, several per group, missing pairs.
    const aligned = estimateFromAggregates(a, { variant: 'aligned', reference: 'a' })
    expect(aligned.devices.b.unequalFramePairs).toBeGreaterThan(0)
    expect(aligned.devices.b.recordings).toBeGreaterThan(aligned.devices.b.segments)
    expect(aligned.missing.map((m) => m.device)).toEqual(['z'])
  })

  it('give the dcase2019 estimate from streamed magnitudes, when each group holds one of a device', () => {
    // b has two recordings in some groups: towards a, only the direct computation gives it.
    expect(Dcase2019Builder.supports(records, 'a')).toBe(false)
    expect(Dcase2019Builder.supports(records, 'b')).toBe(true)
    const seen = new Set<string>()
    const single = records.filter((r) => {
      const cell = `${r.device}/${r.group}`
      if (r.device === 'a' || !r.group) return true
      if (seen.has(cell)) return false
      seen.add(cell)
      return true
    })
    const agg = aggregate(single)
    for (const reference of ['a', 'b', 'c', 'z']) {
      expect(Dcase2019Builder.supports(single, reference)).toBe(true)
      const b = new Dcase2019Builder(agg, single, reference)
      for (const r of single) if (r.device === reference) b.addReference(r.id, r.meanMagnitude)
      for (const r of single) if (r.device !== reference) b.add(r.id, r.meanMagnitude)
      expectSameEstimate(
        b.result(),
        estimateCorrection(single, { variant: 'dcase2019', reference }),
      )
      expect(() => b.addReference(single[0].id, single[0].meanMagnitude)).toThrow(
        /must come before/,
      )
    }
  })

  it('give each device its mean spectrum and the most recorded device', () => {
    for (const [device, mean] of meanLogByDevice(a)) {
      const own = records.filter((r) => r.device === device)
      mean.forEach((v, k) => {
        const direct = own.reduce((s, r) => s + r.meanLogMagnitude[k], 0) / own.length
        expect(Math.abs(v - direct)).toBeLessThan(1e-12)
      })
    }
    expect(mostRecordedDevice(a)).toBe('a')
    expect([...a.ids]).toEqual(records.map((r) => r.id).sort((x, y) => x - y))
  })

  it('refuse a reference without recordings, a foreign or repeated spectrum, a missing one', () => {
    expect(() => estimateFromAggregates(a, { variant: 'aligned', reference: 'q' })).toThrow(
      /reference=q has no analysed recordings \(devices: a, b, c, z\)/,
    )
    const b = new AggregateBuilder(records.slice(0, 2), BINS)
    expect(() => b.add(9999, new Float32Array(BINS))).toThrow(/recording 9999 is not one/)
    expect(() => b.add(records[0].id, new Float32Array(BINS + 1))).toThrow(/another STFT size/)
    b.add(records[0].id, records[0].meanLogMagnitude)
    expect(() => b.add(records[0].id, records[0].meanLogMagnitude)).toThrow(/twice/)
    expect(() => b.result()).toThrow(`recording ${records[1].id} has no spectrum`)
  })
})
