import { describe, expect, it } from 'vitest'
import { designRelativeFir } from '@shared/dsp/fir-design'
import { firMagnitude, responseErrorDb } from '@shared/dsp/fir-response'
import { designFir } from '@shared/dsp/firls'
import { regularize } from '@shared/dsp/regularize'
import { fftFrequencies } from '@shared/dsp/stft-options'

const fs = 48000
const f = fftFrequencies({ sampleRate: fs, nFft: 2048 })

/** The inverse of an 8th-order Butterworth high-pass at 250 Hz, held flat below 94 Hz (+60 dB). */
const phoneCorrection = regularize(
  f.map((x) => Math.sqrt(1 + (250 / Math.max(x, 1)) ** 16)),
  f,
  { bandHz: [94, 24000] },
)

describe('designRelativeFir', () => {
  it('passes a flat curve as a scaled unit impulse, symmetric', () => {
    const h = designRelativeFir(
      { frequenciesHz: [0, 24000], gains: [3, 3] },
      { taps: 31, sampleRate: fs },
    )
    expect(h[15]).toBeCloseTo(3, 10)
    h.forEach((v, i) => i !== 15 && expect(Math.abs(v)).toBeLessThan(1e-10))
    const g = designRelativeFir(
      { frequenciesHz: f, gains: phoneCorrection },
      { taps: 101, sampleRate: fs },
    )
    g.forEach((v, i) => expect(v).toBe(g[100 - i]))
  })

  it('follows a steep +60 dB correction in dB where the paper’s least squares rings', () => {
    const band: [number, number] = [94, 24000]
    const error = (h: Float64Array): number =>
      responseErrorDb(firMagnitude(h, f, fs), phoneCorrection, f, band).rmsDb
    const curve = { frequenciesHz: f, gains: phoneCorrection }
    const relative = error(designRelativeFir(curve, { taps: 1025, sampleRate: fs }))
    const paper = error(designFir(curve, { taps: 1025, sampleRate: fs }))
    expect(relative).toBeLessThan(0.5)
    expect(paper).toBeGreaterThan(3)
  })

  it('equals the paper’s design when the curve is flat in level (equal weights)', () => {
    // With D constant the weights are equal, and the solution is firls's.
    const wiggle = f.map((x) => 1 + 0.01 * Math.sin(x / 700))
    const h = designRelativeFir({ frequenciesHz: f, gains: wiggle }, { taps: 257, sampleRate: fs })
    const p = designFir({ frequenciesHz: f, gains: wiggle }, { taps: 257, sampleRate: fs })
    const peak = Math.max(...p.map(Math.abs))
    expect(Math.max(...h.map((v, i) => Math.abs(v - p[i])))).toBeLessThan(0.02 * peak)
  })

  it('names bad arguments', () => {
    const curve = { frequenciesHz: [0, 100], gains: [1, 1] }
    expect(() => designRelativeFir(curve, { taps: 1024, sampleRate: fs })).toThrow(/taps=1024/)
    expect(() => designRelativeFir(curve, { taps: 5, sampleRate: -1 })).toThrow(/sampleRate=-1/)
    expect(() =>
      designRelativeFir({ frequenciesHz: [0, 100], gains: [0, 0] }, { taps: 5, sampleRate: fs }),
    ).toThrow(/positive gain/)
  })
})
