import { describe, expect, it } from 'vitest'
import { deviceSpectra } from '@shared/dsp/device-spectra'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { validBand, type BandSpectrum } from '@shared/dsp/valid-band'

const GRID = { sampleRate: 48000, nFft: 2048 }
const f = fftFrequencies(GRID)

/** A spectrum of `levelDb(f)` with a spread of `spreadDb(f)` over 5 recordings. */
function spectrum(
  levelDb: (fHz: number) => number,
  spreadDb: (fHz: number) => number = () => 4,
  coveredBins = 1025,
): BandSpectrum {
  return {
    meanLogDb: f.map(levelDb),
    spreadDb: f.map(spreadDb),
    recordings: 5,
    coveredBins,
  }
}

const pink = (x: number): number => 10 - 3 * Math.log2(Math.max(x, 20) / 20)

describe('validBand', () => {
  it('spans DC to Nyquist when both carry signal everywhere', () => {
    const band = validBand(spectrum(pink), spectrum(pink), GRID)
    expect(band.bins).toEqual([1, 1024])
    expect(band.bandHz).toEqual([f[1], 24000])
    expect(band.limits).toEqual(['dc', 'nyquist'])
  })

  it('stops where the device falls further than the dynamic range below its own level', () => {
    // 8th-order high-pass at 250 Hz: −48 dB per octave below it.
    const phone = (x: number): number => pink(x) - 10 * Math.log10(1 + (250 / Math.max(x, 1)) ** 16)
    const band = validBand(spectrum(phone), spectrum(pink), GRID)
    expect(band.limits![0]).toBe('device-level')
    expect(band.bandHz![0]).toBeGreaterThan(80)
    expect(band.bandHz![0]).toBeLessThan(160)
    // A 40 dB range cuts higher up.
    const narrow = validBand(spectrum(phone), spectrum(pink), { ...GRID, dynamicRangeDb: 40 })
    expect(narrow.bandHz![0]).toBeGreaterThan(band.bandHz![0])
  })

  it('stops where the reference has no signal', () => {
    const dark = (x: number): number => pink(x) - 10 * Math.log10(1 + (x / 3000) ** 12)
    const band = validBand(spectrum(pink), spectrum(dark), GRID)
    expect(band.limits).toEqual(['dc', 'reference-level'])
    expect(band.bandHz![1]).toBeGreaterThan(5000)
    expect(band.bandHz![1]).toBeLessThan(12000)
  })

  it('stops where the device records only its noise floor: its recordings stop differing', () => {
    const floor = (x: number): number =>
      Math.max(pink(x) - 10 * Math.log10(1 + (x / 8000) ** 8), -20)
    const spread = (x: number): number => (x < 12000 ? 4 : 0.3)
    const band = validBand(spectrum(floor, spread), spectrum(pink), GRID)
    expect(band.limits).toEqual(['dc', 'device-noise'])
    expect(band.bandHz![1]).toBeGreaterThan(10000)
    expect(band.bandHz![1]).toBeLessThan(12500)
    // Too few recordings to judge the spread: the floor is not detected.
    const few = validBand({ ...spectrum(floor, spread), recordings: 2 }, spectrum(pink), GRID)
    expect(few.limits).toEqual(['dc', 'nyquist'])
    // And the other way round for the reference.
    const ref = validBand(spectrum(pink), spectrum(floor, spread), GRID)
    expect(ref.limits).toEqual(['dc', 'reference-noise'])
  })

  it('stops where a recording rate covers no further', () => {
    const band = validBand(spectrum(pink, undefined, 308), spectrum(pink), GRID)
    expect(band.bins).toEqual([1, 307])
    expect(band.limits).toEqual(['dc', 'device-coverage'])
    const ref = validBand(spectrum(pink), spectrum(pink, undefined, 500), GRID)
    expect(ref.limits).toEqual(['dc', 'reference-coverage'])
  })

  it('takes the longest run in octaves, and reports none when nothing qualifies', () => {
    // A deep notch from 2 to 3 kHz: 20 Hz–2 kHz (6.6 octaves) beats 3–24 kHz (3 octaves).
    const notch = (x: number): number => (x > 2000 && x < 3000 ? -100 : pink(x))
    const band = validBand(spectrum(notch), spectrum(pink), GRID)
    expect(band.bandHz![1]).toBeLessThan(2000)
    expect(band.limits).toEqual(['dc', 'device-level'])
    expect(band.mask[f.findIndex((x) => x > 5000)]).toBe(1)
    const none = validBand(spectrum(pink, undefined, 1), spectrum(pink), GRID)
    expect(none).toMatchObject({ bandHz: null, bins: null, limits: null })
  })

  it('names bad options and mismatched spectra', () => {
    const s = spectrum(pink)
    expect(() => validBand(s, s, { ...GRID, dynamicRangeDb: 0 })).toThrow(/dynamicRangeDb=0/)
    expect(() => validBand(s, s, { ...GRID, noiseSpreadRatio: 1 })).toThrow(/noiseSpreadRatio=1/)
    expect(() => validBand(s, s, { ...GRID, minRecordings: 1 })).toThrow(/minRecordings=1/)
    expect(() => validBand(s, s, { ...GRID, smoothingOctaves: 0 })).toThrow(/smoothingOctaves=0/)
    expect(() => validBand(s, s, { ...GRID, nFft: 1024 })).toThrow(/nFft=1024/)
  })
})

describe('deviceSpectra', () => {
  const rec = (
    id: number,
    device: string,
    values: number[],
    sampleRate = 48000,
  ): SummaryRecord => ({
    id,
    device,
    group: null,
    frames: 10,
    sampleRate,
    meanLogMagnitude: values,
    meanMagnitude: values.map(Math.exp),
  })

  it('averages log spectra in dB per device, with their spread and coverage', () => {
    const ln = Math.LN10 / 20 // one dB in natural-log units
    const s = deviceSpectra(
      [
        rec(1, 'x', [0, 10 * ln, 20 * ln]),
        rec(2, 'x', [0, 20 * ln, 40 * ln]),
        rec(3, 'y', [0, 0, 0]),
      ],
      {},
    )
    expect(Object.keys(s)).toEqual(['x', 'y'])
    expect([...s.x.meanLogDb].map((v) => +v.toFixed(9))).toEqual([0, 15, 30])
    expect(s.x.spreadDb[2]).toBeCloseTo(Math.SQRT2 * 10, 9)
    expect(s.x.recordings).toBe(2)
    expect(Number.isNaN(s.y.spreadDb[0])).toBe(true)
  })

  it('leaves bins above a recording’s own rate out of its device’s mean', () => {
    const values = Array.from({ length: 1025 }, () => 1)
    const empty = values.map((v, k) => (k < 308 ? v : -23))
    const s = deviceSpectra([rec(1, 'x', values), rec(2, 'x', empty, 16000)], {
      sampleRate: 48000,
    })
    expect(s.x.meanLogDb[1000]).toBeCloseTo(20 / Math.LN10, 9)
    expect(s.x.coveredBins).toBe(1025)
    const only16k = deviceSpectra([rec(2, 'x', empty, 16000)], { sampleRate: 48000 })
    expect(only16k.x.coveredBins).toBe(308)
    expect(only16k.x.meanLogDb[1000]).toBe(only16k.x.meanLogDb[307])
    expect(() => deviceSpectra([])).toThrow(/no recordings/)
  })
})
