import { describe, expect, it } from 'vitest'
import {
  analysisGainsDb,
  firMagnitude,
  realisedResponse,
  responseErrorDb,
} from '@shared/dsp/fir-response'
import { designFir, firAmplitude } from '@shared/dsp/firls'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { goldenJson, type GoldenCoefficients } from '../../helpers/golden'

const golden = goldenJson<GoldenCoefficients>('coefficients.json')
const fir = goldenJson<{ h: number[] }>('fir_b.json')

describe('realised response', () => {
  it('is |DTFT| at the STFT bins of the FIR’s rate', () => {
    const r = realisedResponse(fir.h, { sampleRate: 44100, nFft: 2048 })
    const direct = firAmplitude(fir.h, golden.frequencies, 44100)
    expect(r.length).toBe(1025)
    r.forEach((v, k) => expect(v).toBeCloseTo(Math.abs(direct[k]), 9))
    expect(() => firMagnitude([1, 2], [0], 44100)).toThrow(/taps=2 must be odd/)
    expect(() => firMagnitude([1], [0], 0)).toThrow(/sampleRate=0/)
  })

  it('measures the error against the target in dB over a band', () => {
    const f = [100, 200, 300, 400]
    const e = responseErrorDb([1, 2, 1, 100], [1, 1, 1, 1], f, [100, 300])
    expect(e.bins).toBe(3)
    expect(e.maxDb).toBeCloseTo(6.0206, 4)
    expect(e.maxAtHz).toBe(200)
    expect(e.rmsDb).toBeCloseTo(6.0206 / Math.sqrt(3), 4)
    expect(() => responseErrorDb([1], [1, 1], [1, 2], [0, 5])).toThrow(/1 realised and 2 target/)
    expect(() => responseErrorDb([1], [1], [10], [20, 30])).toThrow(/holds no frequency/)
  })

  it('shows the golden FIR of b missing its target where the paper’s design rings', () => {
    const r = realisedResponse(fir.h, { sampleRate: 44100, nFft: 2048 })
    const e = responseErrorDb(r, golden.unaligned.b, golden.frequencies, [22, 22050])
    expect(e.rmsDb).toBeGreaterThan(1)
    expect(e.maxDb).toBeGreaterThan(20)
  })
})

describe('analysisGainsDb', () => {
  const analysis = { sampleRate: 44100, nFft: 2048 }
  const f = fftFrequencies(analysis)

  it('is 20·log10 |A(f_k)| for a smooth response', () => {
    const gains = f.map((x) => 1 + 0.5 * Math.sin(x / 3000))
    const h = designFir({ frequenciesHz: f, gains }, { taps: 255, sampleRate: 44100 })
    const seen = analysisGainsDb(h, 44100, analysis)
    const a = firMagnitude(h, f, 44100)
    for (let k = 5; k < 1020; k++) expect(seen[k]).toBeCloseTo(20 * Math.log10(a[k]), 2)
  })

  it('averages a ripple faster than the bins: mean power, as the output measures it', () => {
    // h = δ[n] + ½δ[n ± 4000]: A(f) = 1 + cos(2π·4000·f/fs) ripples every 11 Hz (bins: 21.5 Hz),
    // so the analysis sees the mean of |A|², 1 + ½ = 1.5 (1.76 dB), not |A(f_k)|.
    const h = new Float64Array(8001)
    h[4000] = 1
    h[0] = h[8000] = 0.5
    const seen = analysisGainsDb(h, 44100, analysis)
    for (let k = 10; k < 1015; k += 37) expect(seen[k]).toBeCloseTo(10 * Math.log10(1.5), 1)
  })

  it('reads 0 dB above the Nyquist frequency of a FIR at a lower rate', () => {
    const h = designFir(
      { frequenciesHz: [0, 8000], gains: [2, 2] },
      { taps: 31, sampleRate: 16000 },
    )
    const seen = analysisGainsDb(h, 16000, { sampleRate: 48000, nFft: 2048 })
    expect(seen[100]).toBeCloseTo(20 * Math.log10(2), 6)
    expect(seen[900]).toBe(0)
  })
})
