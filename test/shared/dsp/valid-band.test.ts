import { describe, expect, it } from 'vitest'
import { deviceSpectra, pairedSpreads, type PairedSpreads } from '@shared/dsp/device-spectra'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { validBand, type BandSpectrum } from '@shared/dsp/valid-band'

const GRID = { sampleRate: 48000, nFft: 2048 }
const f = fftFrequencies(GRID)

/** A spectrum of `levelDb(f)` covering `coveredBins` bins. */
function spectrum(levelDb: (fHz: number) => number, coveredBins = 1025): BandSpectrum {
  return { meanLogDb: f.map(levelDb), coveredBins }
}

/** Spreads over `groups` shared groups: the device's and the reference's, in dB per frequency. */
function spreads(
  deviceDb: (fHz: number) => number,
  referenceDb: (fHz: number) => number = () => 4,
  groups = 5,
): PairedSpreads {
  return { deviceDb: f.map(deviceDb), referenceDb: f.map(referenceDb), groups }
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

  it('stops where the device records only its noise floor: it stops varying as the reference does', () => {
    const floor = (x: number): number =>
      Math.max(pink(x) - 10 * Math.log10(1 + (x / 8000) ** 8), -20)
    const quiet = (x: number): number => (x < 12000 ? 4 : 0.3)
    const band = validBand(spectrum(floor), spectrum(pink), { ...GRID, spreads: spreads(quiet) })
    expect(band.limits).toEqual(['dc', 'device-noise'])
    expect(band.bandHz![1]).toBeGreaterThan(10000)
    expect(band.bandHz![1]).toBeLessThan(12500)
    // Without spreads, or from too few shared groups, or where the reference hardly varies
    // either, there is no verdict: levels alone decide.
    for (const s of [
      undefined,
      spreads(quiet, undefined, 2),
      spreads(
        (x) => (x < 12000 ? 0.9 : 0.3),
        () => 0.9,
      ),
    ]) {
      const none = validBand(spectrum(floor), spectrum(pink), { ...GRID, spreads: s })
      expect(none.limits).toEqual(['dc', 'nyquist'])
    }
    // And the other way round for the reference.
    const ref = validBand(spectrum(pink), spectrum(floor), {
      ...GRID,
      spreads: spreads(() => 4, quiet),
    })
    expect(ref.limits).toEqual(['dc', 'reference-noise'])
  })

  it('stops where a recording rate covers no further', () => {
    const band = validBand(spectrum(pink, 308), spectrum(pink), GRID)
    expect(band.bins).toEqual([1, 307])
    expect(band.limits).toEqual(['dc', 'device-coverage'])
    const ref = validBand(spectrum(pink), spectrum(pink, 500), GRID)
    expect(ref.limits).toEqual(['dc', 'reference-coverage'])
  })

  it('takes the longest run in octaves, and reports none when nothing qualifies', () => {
    // A deep notch from 2 to 3 kHz: 20 Hz–2 kHz (6.6 octaves) beats 3–24 kHz (3 octaves).
    const notch = (x: number): number => (x > 2000 && x < 3000 ? -100 : pink(x))
    const band = validBand(spectrum(notch), spectrum(pink), GRID)
    expect(band.bandHz![1]).toBeLessThan(2000)
    expect(band.limits).toEqual(['dc', 'device-level'])
    expect(band.mask[f.findIndex((x) => x > 5000)]).toBe(1)
    const none = validBand(spectrum(pink, 1), spectrum(pink), GRID)
    expect(none).toMatchObject({ bandHz: null, bins: null, limits: null })
  })

  it('names bad options and mismatched spectra', () => {
    const s = spectrum(pink)
    expect(() => validBand(s, s, { ...GRID, dynamicRangeDb: 0 })).toThrow(/dynamicRangeDb=0/)
    expect(() => validBand(s, s, { ...GRID, noiseSpreadRatio: 1 })).toThrow(/noiseSpreadRatio=1/)
    expect(() => validBand(s, s, { ...GRID, minGroups: 1 })).toThrow(/minGroups=1/)
    expect(() => validBand(s, s, { ...GRID, minSpreadDb: -1 })).toThrow(/minSpreadDb=-1/)
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

  it('averages log spectra in dB per device, with their coverage', () => {
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
    expect(s.x.recordings).toBe(2)
    expect(s.x.coveredBins).toBe(3)
    expect(() => deviceSpectra([rec(1, 'x', [0]), rec(2, 'y', [0, 0])])).toThrow(
      /recording 2 has 2 bins, not 1/,
    )
  })

  it('measures how two devices vary over the groups they share', () => {
    const ln = Math.LN10 / 20
    const g = (id: number, device: string, group: string | null, db: number[]): SummaryRecord => ({
      ...rec(
        id,
        device,
        db.map((v) => v * ln),
      ),
      group,
    })
    const spreads = pairedSpreads(
      [
        g(1, 'x', 'g1', [0, 10]),
        g(2, 'r', 'g1', [0, 0]),
        g(3, 'x', 'g2', [0, 10]),
        g(4, 'r', 'g2', [2, 20]),
        g(5, 'x', null, [50, 50]),
        g(6, 'x', 'g3', [9, 9]),
      ],
      'x',
      'r',
    )
    expect(spreads.groups).toBe(2)
    expect([...spreads.deviceDb]).toEqual([0, 0])
    expect(spreads.referenceDb[0]).toBeCloseTo(Math.SQRT2, 9)
    expect(spreads.referenceDb[1]).toBeCloseTo(10 * Math.SQRT2, 9)
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
