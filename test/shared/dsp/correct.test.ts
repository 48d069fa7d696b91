import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { loadFft } from '@shared/dsp/fft'
import { applyFirCentered, CenteredFir } from '@shared/dsp/fir-filter'
import { correctStft, StftCorrector } from '@shared/dsp/stft-correct'
import { signalMean } from '@shared/dsp/summary'
import { GOLDEN_AUDIO, goldenF32, goldenJson, type GoldenCoefficients } from '../../helpers/golden'
import { readPcm16Mono } from '../../helpers/pcm16'

const golden = goldenJson<GoldenCoefficients>('coefficients.json')
const fir = goldenJson<{ h: number[] }>('fir_b.json')
const { samples } = readPcm16Mono(join(GOLDEN_AUDIO, 'park-lyon-0-0-b.wav'))
const mean = signalMean(samples)
const stftOpts = { nFft: 2048, hopLength: 512 }

beforeAll(() => loadFft())

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
  return worst
}

/** Feeds `x` in blocks of the given sizes (cycled) through a push/finish streamer. */
function streamed(
  make: () => { push(x: Float32Array): Float32Array; finish(): Float32Array; dispose(): void },
  x: Float32Array,
  sizes: number[],
): Float32Array {
  const s = make()
  const parts: Float32Array[] = []
  let at = 0
  for (let i = 0; at < x.length; i++) {
    const n = sizes[i % sizes.length]
    parts.push(s.push(x.subarray(at, at + n)))
    at += n
  }
  parts.push(s.finish())
  s.dispose()
  const y = new Float32Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) y.set(p, (o += p.length) - p.length)
  return y
}

describe('FIR correction, centred', () => {
  it('reproduces corrected_fir_b.f32 within 1e-4 of full scale', () => {
    const y = applyFirCentered(samples, fir.h, mean)
    expect(maxAbsDiff(y, goldenF32('corrected_fir_b.f32'))).toBeLessThan(1e-4)
  })

  it('gives the same output whatever the block sizes', () => {
    const whole = applyFirCentered(samples, fir.h, mean)
    const parts = streamed(() => new CenteredFir(fir.h, mean), samples, [1, 1000, 4096, 31, 70000])
    expect(maxAbsDiff(parts, whole)).toBeLessThan(1e-6)
  })

  it('equals direct convolution on a short signal, zero outside', () => {
    const x = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) + (i % 3))
    const h = [0.1, -0.2, 0.5, 0.3, 0.05]
    const y = applyFirCentered(x, h)
    for (let n = 0; n < x.length; n++) {
      let e = 0
      for (let k = 0; k < h.length; k++) {
        const i = n + 2 - k
        if (i >= 0 && i < x.length) e += h[k] * x[i]
      }
      expect(y[n]).toBeCloseTo(e, 5)
    }
    expect(() => applyFirCentered(x, [1, 2])).toThrow(/taps=2 must be odd/)
  })
})

describe('STFT correction', () => {
  it('reproduces corrected_stft_b.f32 within 1e-4 of full scale', () => {
    const y = correctStft(samples, golden.unaligned.b, stftOpts, mean)
    expect(maxAbsDiff(y, goldenF32('corrected_stft_b.f32'))).toBeLessThan(1e-4)
  })

  it('gives the same output whatever the block sizes', () => {
    const whole = correctStft(samples, golden.unaligned.b, stftOpts, mean)
    const parts = streamed(
      () => new StftCorrector(golden.unaligned.b, stftOpts, mean),
      samples,
      [7, 513, 2048, 99999],
    )
    expect(maxAbsDiff(parts, whole)).toBeLessThan(1e-6)
  })

  it('is the identity (minus the mean) for unit gains', () => {
    const ones = new Float64Array(1025).fill(1)
    const y = correctStft(samples, ones, stftOpts, mean)
    let worst = 0
    for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(y[i] - (samples[i] - mean)))
    expect(worst).toBeLessThan(1e-6)
  })

  it('names a gain vector of the wrong length', () => {
    expect(() => correctStft(samples, [1, 2, 3], stftOpts)).toThrow(
      /3 gains given for nFft=2048; need 1025/,
    )
  })
})
