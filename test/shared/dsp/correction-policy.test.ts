import { beforeAll, describe, expect, it } from 'vitest'
import {
  appliedCurve,
  planCorrection,
  type CorrectionPlan,
  type PolicyInput,
} from '@shared/dsp/correction-policy'
import { deviceSpectra, pairedSpreads, type DeviceSpectrum } from '@shared/dsp/device-spectra'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { loadFft } from '@shared/dsp/fft'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { validBand } from '@shared/dsp/valid-band'
import { goldenJson, type GoldenCoefficients } from '../../helpers/golden'
import { goldenSummaries } from '../../helpers/golden-summaries'

const golden = goldenJson<GoldenCoefficients>('coefficients.json')
const fir = goldenJson<{ taps: number; h: number[] }>('fir_b.json')
const analysis = { sampleRate: 44100, nFft: 2048 }
const f = fftFrequencies(analysis)
let spectra: Record<string, DeviceSpectrum>
let records: SummaryRecord[]

beforeAll(async () => {
  await loadFft()
  records = goldenSummaries()
  spectra = deviceSpectra(records, { sampleRate: 44100 })
})

/** The policy's input for golden device `d` towards a, with the golden unaligned coefficients. */
function input(d: string, over: Partial<PolicyInput> = {}): PolicyInput {
  return {
    deviceDb: spectra[d].meanLogDb,
    referenceDb: spectra.a.meanLogDb,
    coefficients: golden.unaligned[d],
    bandHz: validBand(spectra[d], spectra.a, {
      ...analysis,
      spreads: pairedSpreads(records, d, 'a'),
    }).bandHz,
    analysis,
    sampleRate: 44100,
    ...over,
  }
}

function expectKind<K extends CorrectionPlan['kind']>(
  plan: CorrectionPlan,
  kind: K,
): Extract<CorrectionPlan, { kind: K }> {
  expect(plan.kind, JSON.stringify(plan.kind === 'refused' ? plan.reason : plan.reasons)).toBe(kind)
  return plan as Extract<CorrectionPlan, { kind: K }>
}

describe('appliedCurve', () => {
  it('with `hold`, holds the coefficients flat outside the band, at the band’s edge bins', () => {
    const hz = [0, 100, 200, 300, 400]
    const hold = (c: number[], band: [number, number] | null): number[] => [
      ...appliedCurve(c, hz, band, 'hold'),
    ]
    expect(hold([9, 2, 3, 4, 9], [100, 300])).toEqual([2, 2, 3, 4, 4])
    expect(hold([9, 2, 3, 4, 9], [150, 250])).toEqual([3, 3, 3, 3, 3])
    expect(hold([9, 2, 3, 4, 9], [200, 200])).toEqual([3, 3, 3, 3, 3])
    expect(hold([9, 2, 3, 4, 9], null)).toEqual([9, 2, 3, 4, 9])
  })

  it('by default tapers a boost to 0 dB within an octave outside the band, and holds a cut', () => {
    const hz = [0, 50, 100, 141.42, 200, 400, 565.69, 800, 1600]
    const c = [5, 5, 100, 100, 100, 0.1, 0.1, 0.1, 0.1]
    const out = appliedCurve(c, hz, [200, 400])
    // Below the band the edge gain is a boost (+40 dB): half an octave down it is halfway in dB,
    // an octave down and beyond 0 dB, and DC follows its neighbour.
    expect(20 * Math.log10(out[3])).toBeCloseTo(20, 2)
    expect([out[0], out[1], out[2]]).toEqual([1, 1, 1])
    // Above it the edge gain is a cut (−20 dB): held.
    expect([...out.slice(5)]).toEqual([0.1, 0.1, 0.1, 0.1])
    expect(out[4]).toBe(100)
    // A band starting at the first bin above DC: DC takes that bin's value, no jump.
    expect([...appliedCurve([5, 100, 100, 100], [0, 50, 100, 200], [50, 200])]).toEqual([
      100, 100, 100, 100,
    ])
  })
})

describe('planCorrection', () => {
  it('keeps the paper’s exact FIR one option away: it reproduces fir_b.json', () => {
    const plan = expectKind(planCorrection(input('b'), { paperExact: true }), 'fir')
    const peak = Math.max(...fir.h.map(Math.abs))
    expect(plan.taps).toBe(1025)
    expect(plan.design).toBe('paper-exact')
    expect(Math.max(...fir.h.map((e, i) => Math.abs(plan.h[i] - e))) / peak).toBeLessThan(1e-6)
    // It reports what that FIR realises: its target is missed by 2.3 dB RMS, 40 dB max.
    expect(plan.error.rmsDb).toBeGreaterThan(1)
    expect(plan.error.maxDb).toBeGreaterThan(20)
  })

  it('picks by default a FIR that follows the applied curve and brings the device closer', () => {
    const plan = expectKind(planCorrection(input('b')), 'fir')
    expect(plan.design).toBe('relative-ls')
    expect(plan.taps).toBe(1025)
    expect(plan.error.rmsDb).toBeLessThan(0.5)
    expect(plan.error.maxDb).toBeLessThan(3)
    expect(plan.beforeDb).toBeGreaterThan(10)
    expect(plan.afterDb).toBeLessThan(0.5)
    expect(plan.reasons[0]).toMatch(/1025-tap FIR realises the applied curve within/)
  })

  it('leaves the reference as it is: nothing to correct counts as close enough', () => {
    const ones = new Float64Array(1025).fill(1)
    const plan = expectKind(
      planCorrection({ ...input('a'), coefficients: ones, bandHz: [f[1], 22050] }),
      'fir',
    )
    expect(plan.beforeDb).toBe(0)
    expect(plan.afterDb).toBeLessThan(1e-6)
    expect(plan.h[512]).toBeCloseTo(1, 9)
  })

  it('uses more taps when the first FIR misses its target', () => {
    const plan = expectKind(planCorrection(input('b'), { limits: { maxErrorDb: 1.5 } }), 'fir')
    expect(plan.trials.map((t) => t.taps)).toEqual([1025, 2049])
    expect(plan.taps).toBe(2049)
    expect(plan.error.maxDb).toBeLessThan(1.5)
  })

  it('falls back to the STFT path with the reason when no FIR will do', () => {
    const limits = { maxTaps: 2049, maxErrorDb: 0.2 }
    const plan = expectKind(planCorrection(input('b'), { limits }), 'stft')
    expect(plan.trials.map((t) => t.taps)).toEqual([1025, 2049])
    expect(plan.reasons[0]).toMatch(/no FIR up to 2049 taps realises the applied curve/)
    expect(plan.afterDb).toBeLessThan(plan.beforeDb)
    expect([...plan.gains]).toEqual([...appliedCurve(golden.unaligned.b, f, plan.bandHz)])
    // Asked for a FIR, it refuses instead, naming the flags that override it.
    const refused = expectKind(planCorrection(input('b'), { limits, method: 'fir' }), 'refused')
    expect(refused.overrides).toEqual([
      '--method stft',
      '--taps 2049',
      '--paper-exact',
      '--max-boost 20',
    ])
  })

  it('refuses a correction that would move the device away, and names the overrides', () => {
    const away = golden.unaligned.b.map((c) => 1 / c)
    const plan = expectKind(planCorrection(input('b', { coefficients: away })), 'refused')
    expect(plan.reason).toMatch(/nor does the STFT path/)
    expect(plan.overrides).toContain('--paper-exact')
    expect(plan.overrides).not.toContain('--method stft')
    expect(plan.afterDb).toBeGreaterThan(plan.beforeDb)
  })

  it('refuses a band narrower than an octave (a mean dragged down by digital silence)', () => {
    const plan = expectKind(planCorrection(input('b', { bandHz: [f[1], f[1]] })), 'refused')
    expect(plan.reason).toMatch(/share signal over 22–22 Hz only \(0\.00 octaves/)
    expect(plan.overrides).toEqual(['--method stft', '--paper-exact'])
    expect(planCorrection(input('b', { bandHz: [f[1], f[1]] }), { method: 'stft' }).kind).toBe(
      'stft',
    )
  })

  it('refuses when the pair shares no band with signal', () => {
    const plan = expectKind(planCorrection(input('b', { bandHz: null })), 'refused')
    expect(plan.reason).toMatch(/share no band/)
    expect(plan.overrides).toEqual(['--paper-exact', '--method stft'])
  })

  it('honours a user’s explicit choice, with a warning when it misses', () => {
    const short = expectKind(planCorrection(input('b'), { taps: 65 }), 'fir')
    expect(short.taps).toBe(65)
    expect(short.trials).toHaveLength(1)
    expect(short.reasons.join(' ')).toMatch(/65 taps, as asked.*misses its target/)
    const stft = expectKind(planCorrection(input('b'), { method: 'stft' }), 'stft')
    expect(stft.reasons).toEqual(['the STFT path, as asked (--method stft)'])
    const away = golden.unaligned.b.map((c) => 1 / c)
    const paper = expectKind(
      planCorrection(input('b', { coefficients: away }), { paperExact: true }),
      'fir',
    )
    expect(paper.reasons[1]).toMatch(/predicted to leave the device .* dB from the reference/)
  })

  it('designs for the files’ own rate and measures only what they cover', () => {
    const plan = expectKind(planCorrection(input('c', { sampleRate: 16000 })), 'fir')
    expect(plan.bandHz![1]).toBeLessThanOrEqual(0.9 * 8000)
    expect(plan.error.bins).toBeGreaterThan(900)
    const stft = expectKind(
      planCorrection(input('c', { sampleRate: 16000 }), { method: 'stft' }),
      'stft',
    )
    expect(stft.gains.length).toBe(1025)
  })

  it('names bad input', () => {
    expect(() => planCorrection(input('b'), { taps: 1024 })).toThrow(/taps=1024/)
    expect(() => planCorrection(input('b', { sampleRate: 0 }))).toThrow(/sampleRate=0/)
    expect(() => planCorrection(input('b', { coefficients: [1, 2] }))).toThrow(
      /coefficients has 2 bins; nFft=2048 needs 1025/,
    )
  })
})
