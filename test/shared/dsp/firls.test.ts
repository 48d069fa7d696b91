import { describe, expect, it } from 'vitest'
import { designFir, firAmplitude, interpolateLogGain } from '@shared/dsp/firls'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { goldenJson, type GoldenCoefficients } from '../../helpers/golden'

const golden = goldenJson<GoldenCoefficients>('coefficients.json')
const fir = goldenJson<{ device: string; taps: number; h: number[] }>('fir_b.json')

describe('designFir', () => {
  it('reproduces fir_b.json within 1e-6 of the largest tap', () => {
    const h = designFir(
      { frequenciesHz: golden.frequencies, gains: golden.unaligned.b },
      { taps: fir.taps, sampleRate: golden.sampleRate },
    )
    const peak = Math.max(...fir.h.map(Math.abs))
    const worst = Math.max(...fir.h.map((e, i) => Math.abs(h[i] - e)))
    expect(h.length).toBe(1025)
    expect(worst / peak).toBeLessThan(1e-6)
  })

  it('is symmetric and passes a flat curve as a unit impulse', () => {
    const h = designFir(
      { frequenciesHz: [0, 22050], gains: [2, 2] },
      { taps: 31, sampleRate: 44100 },
    )
    expect(h[15]).toBeCloseTo(2, 12)
    h.forEach((v, i) => i !== 15 && expect(Math.abs(v)).toBeLessThan(1e-12))
    const g = designFir(
      { frequenciesHz: golden.frequencies, gains: golden.unaligned.c },
      { taps: 101, sampleRate: 44100 },
    )
    g.forEach((v, i) => expect(v).toBe(g[100 - i]))
  })

  it('realises the target closely where the curve is smooth', () => {
    const freqs = fftFrequencies({ sampleRate: 44100, nFft: 2048 })
    const target = freqs.map((f) => 1 + 0.5 * Math.sin(f / 3000))
    const h = designFir({ frequenciesHz: freqs, gains: target }, { taps: 1025, sampleRate: 44100 })
    const a = firAmplitude(h, freqs, 44100)
    // Away from the band edges, where the truncated cosine series rings (Gibbs).
    const worst = Math.max(
      ...a.map((v, k) => (freqs[k] > 200 && freqs[k] < 21800 ? Math.abs(v - target[k]) : 0)),
    )
    expect(worst).toBeLessThan(1e-3)
  })

  it('names bad arguments', () => {
    const curve = { frequenciesHz: [0, 100], gains: [1, 1] }
    expect(() => designFir(curve, { taps: 1024, sampleRate: 44100 })).toThrow(
      /taps=1024 must be an odd/,
    )
    expect(() => designFir(curve, { taps: 5, sampleRate: 0 })).toThrow(/sampleRate=0/)
    expect(() =>
      designFir({ frequenciesHz: [0, 100], gains: [1, Number.NaN] }, { taps: 5, sampleRate: 8000 }),
    ).toThrow(/gain NaN at 100 Hz/)
  })
})

describe('interpolateLogGain', () => {
  it('is the identity on the same grid and log-linear between points', () => {
    const curve = { frequenciesHz: [0, 1000, 2000], gains: [1, 4, 16] }
    expect([...interpolateLogGain(curve, [0, 1000, 2000])]).toEqual([1, 4, 16])
    expect(interpolateLogGain(curve, [500])[0]).toBeCloseTo(2, 12)
    expect([...interpolateLogGain(curve, [-5, 5000])]).toEqual([1, 16])
  })

  it('carries a 44.1 kHz curve to 48 kHz bins, holding the top gain above 22.05 kHz', () => {
    const to48 = fftFrequencies({ sampleRate: 48000, nFft: 2048 })
    const g = interpolateLogGain(
      { frequenciesHz: golden.frequencies, gains: golden.unaligned.b },
      to48,
    )
    expect(g[g.length - 1]).toBeCloseTo(golden.unaligned.b[1024], 12)
    expect(g[0]).toBeCloseTo(golden.unaligned.b[0], 12)
  })
})
