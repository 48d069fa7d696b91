import { describe, expect, it } from 'vitest'
import {
  bandLevelDb,
  causalAsCentred,
  deviceIr,
  firGains,
  inverseCurve,
  irTarget,
} from '@shared/dsp/device-ir'
import { fft64 } from '@shared/dsp/fft64'
import { minimumPhaseFir } from '@shared/dsp/minimum-phase'
import { fftFrequencies } from '@shared/dsp/stft-options'

const analysis = { sampleRate: 48000, nFft: 1024 }
const f = fftFrequencies(analysis)

/** Share of the energy of `h` in its first `n` taps. */
const early = (h: ArrayLike<number>, n: number): number => {
  let head = 0
  let all = 0
  for (let t = 0; t < h.length; t++) {
    all += h[t] * h[t]
    if (t < n) head += h[t] * h[t]
  }
  return head / all
}

describe('fft64', () => {
  it('inverts itself and matches a direct DFT', () => {
    const x = Float64Array.from({ length: 16 }, (_, t) => Math.sin(t * 1.3) + t / 10)
    const re = x.slice()
    const im = new Float64Array(16)
    fft64(re, im)
    const k = 3
    let dr = 0
    let di = 0
    for (let t = 0; t < 16; t++) {
      dr += x[t] * Math.cos((2 * Math.PI * k * t) / 16)
      di -= x[t] * Math.sin((2 * Math.PI * k * t) / 16)
    }
    expect(re[k]).toBeCloseTo(dr, 12)
    expect(im[k]).toBeCloseTo(di, 12)
    fft64(re, im, true)
    re.forEach((v, t) => expect(v).toBeCloseTo(x[t], 12))
    expect(() => fft64(new Float64Array(12), new Float64Array(12))).toThrow(/12 and 12/)
  })
})

describe('minimum-phase FIR', () => {
  it('recovers a minimum-phase filter from its magnitude alone', () => {
    // 1 − 0.5 z⁻¹ has its zero inside the unit circle: it is its own minimum-phase filter.
    const fs = 8000
    const grid = Float64Array.from({ length: 513 }, (_, k) => (k * fs) / 1024)
    const gains = firGains([1, -0.5], grid, fs)
    const m = minimumPhaseFir({ frequenciesHz: grid, gains }, { taps: 8, sampleRate: fs })
    expect(m.h[0]).toBeCloseTo(1, 4)
    expect(m.h[1]).toBeCloseTo(-0.5, 4)
    for (let t = 2; t < 8; t++) expect(Math.abs(m.h[t])).toBeLessThan(1e-4)
    expect(m.aliasingError).toBeLessThanOrEqual(1e-5)
    expect(m.tailEnergy).toBeLessThan(1e-8)
  })

  it('follows the magnitude and puts the energy first', () => {
    const curve = {
      frequenciesHz: f,
      gains: Float64Array.from(f, (hz) => Math.pow(10, (hz < 4000 ? 6 : -12) / 20)),
    }
    const m = minimumPhaseFir(curve, { taps: 513, sampleRate: 48000 })
    const g = firGains(m.h, f, 48000)
    for (const k of [10, 40, 200, 400]) {
      expect(20 * Math.log10(g[k] / curve.gains[k])).toBeCloseTo(0, 0)
    }
    expect(early(m.h, 32)).toBeGreaterThan(0.95)
    expect(() => minimumPhaseFir(curve, { taps: 0, sampleRate: 48000 })).toThrow(/taps=0/)
  })
})

describe('device IR', () => {
  // A device 6 dB louder than the reference below 2 kHz, 10 dB quieter above it: C = H_r/H_d.
  const deviceDb = Float64Array.from(f, (hz) => (hz < 2000 ? 6 : -10))
  const coefficients = deviceDb.map((db) => Math.pow(10, -db / 20))
  const referenceDb = Float64Array.from(f, () => -30)

  it('inverts the curve inside the band and holds it flat outside', () => {
    const inv = inverseCurve(coefficients, f, [100, 8000])
    expect(20 * Math.log10(inv[10])).toBeCloseTo(6, 9)
    expect(20 * Math.log10(inv[100])).toBeCloseTo(-10, 9)
    const above = f.findIndex((hz) => hz > 9000)
    expect(20 * Math.log10(inv[above])).toBeCloseTo(-10, 9)
    expect(() => inverseCurve([0, 1], [0, 1], null)).toThrow(/coefficient 0 at 0 Hz/)
  })

  it('measures the energy-weighted level over the band', () => {
    expect(bandLevelDb([2, 2, 2], [0, 1, 2], [0, 2])).toBeCloseTo(6.0206, 4)
    // Weighted by power: the loud bin (0 dB) dominates the quiet one (−20 dB).
    const level = bandLevelDb([1, 10], [0, 1], [0, 1], [0, -20])
    expect(level).toBeCloseTo(10 * Math.log10((1 + 0.01 * 100) / 1.01), 9)
    expect(() => bandLevelDb([1], [5], [0, 1])).toThrow(/holds no bin/)
  })

  it('is normalised to 0 dB over the band, with the true level reported', () => {
    const input = { coefficients, referenceDb, bandHz: [50, 16000] as const, analysis }
    const target = irTarget(input)
    const inBand = f.filter((hz) => hz >= 50 && hz <= 16000).length
    const loud = f.filter((hz) => hz >= 50 && hz < 2000).length
    const expected = 10 * Math.log10((loud * 10 ** 0.6 + (inBand - loud) * 10 ** -1) / inBand)
    expect(target.levelDb).toBeCloseTo(expected, 9)
    for (const phase of ['minimum', 'linear'] as const) {
      const ir = deviceIr(input, { phase, taps: 1025, sampleRate: 48000 })
      expect(ir.levelDb).toBeCloseTo(expected, 9)
      const g = firGains(ir.h, f, 48000)
      expect(bandLevelDb(g, f, [50, 16000], referenceDb)).toBeCloseTo(0, 1)
      expect(ir.error.rmsDb).toBeLessThan(0.5)
      if (phase === 'linear') {
        for (let t = 0; t < 512; t++) expect(ir.h[t]).toBeCloseTo(ir.h[1024 - t], 12)
      } else {
        expect(early(ir.h, 64)).toBeGreaterThan(0.9)
      }
    }
  })

  it('carries the curve to another rate and names bad options', () => {
    const input = { coefficients, referenceDb, bandHz: [50, 20000] as const, analysis }
    const ir = deviceIr(input, { phase: 'minimum', taps: 257, sampleRate: 16000 })
    expect(ir.bandHz).toEqual([50, 8000])
    expect(ir.h.length).toBe(257)
    expect(() => deviceIr(input, { phase: 'linear', taps: 256, sampleRate: 48000 })).toThrow(
      /taps=256 must be a positive integer, odd for linear phase/,
    )
    expect(() =>
      deviceIr({ ...input, bandHz: null }, { phase: 'minimum', taps: 9, sampleRate: 48000 }),
    ).toThrow(/share no band/)
    expect(() => deviceIr(input, { phase: 'minimum', taps: 9, sampleRate: 80 })).toThrow(
      /sampleRate=80 Hz is too low/,
    )
  })

  it('runs a causal FIR centred as its causal convolution', () => {
    expect(Array.from(causalAsCentred([1, 2, 3]))).toEqual([0, 0, 1, 2, 3])
  })
})
