// Scalar references of the WebAssembly kernels in src-shared/dsp/wasm/kernels.wat, one sample
// at a time in plain TypeScript. Math.fround after each float32 operation gives exactly the
// kernel's rounding: a float64 result of +, −, ×, ÷ or √ on float32 values, rounded once to
// float32, equals the float32 operation (53 ≥ 2·24 + 2 bits). The reductions (stats, sum) add
// in index order, as a scalar loop would; the kernels add per lane, so they differ by rounding.
import { expect } from 'vitest'
import { CLIP_LEVEL, POWER_FLOOR, POWER_SCALE } from '@shared/dsp/wasm/kernels'

const f32 = Math.fround

/** window: (src − offset) · win, float32. */
export function windowRef(src: Float32Array, win: Float32Array, offset: number): Float32Array {
  const o = f32(offset)
  return src.map((x, i) => f32(f32(x - o) * win[i]))
}

/**
 * accumulate, in place: for each bin of `spec` (groups of [4 re][4 im]), p = re² + im² in
 * float32, then sumMag += √p and prod *= p·POWER_SCALE + POWER_FLOOR·POWER_SCALE in float64.
 */
export function accumulateRef(spec: Float32Array, sumMag: Float64Array, prod: Float64Array): void {
  for (let bin = 0; bin < sumMag.length; bin++) {
    const at = 8 * (bin >> 2) + (bin & 3)
    const re = spec[at]
    const im = spec[at + 4]
    const p = f32(f32(re * re) + f32(im * im))
    sumMag[bin] += f32(Math.sqrt(p))
    prod[bin] *= p * POWER_SCALE + POWER_FLOOR * POWER_SCALE
  }
}

/** gains, in place: re and im of each bin of `spec` times the bin's gain. */
export function gainsRef(spec: Float32Array, gains: Float32Array): void {
  for (let bin = 0; bin < gains.length; bin++) {
    const at = 8 * (bin >> 2) + (bin & 3)
    spec[at] = f32(spec[at] * gains[bin])
    spec[at + 4] = f32(spec[at + 4] * gains[bin])
  }
}

/** ola, in place: acc += frame · window; windowSum += windowSquared (float32). */
export function olaRef(
  frame: Float32Array,
  window: Float32Array,
  windowSquared: Float32Array,
  acc: Float32Array,
  windowSum: Float32Array,
): void {
  for (let i = 0; i < frame.length; i++) {
    acc[i] = f32(acc[i] + f32(frame[i] * window[i]))
    windowSum[i] = f32(windowSum[i] + windowSquared[i])
  }
}

/** normalize: acc / windowSum where windowSum > 1e-30 (as float32), else acc. */
export function normalizeRef(acc: Float32Array, windowSum: Float32Array): Float32Array {
  const tiny = f32(1e-30)
  return acc.map((a, i) => (windowSum[i] > tiny ? f32(a / windowSum[i]) : a))
}

/** shift: src − offset, float32. */
export function shiftRef(src: Float32Array, offset: number): Float32Array {
  const o = f32(offset)
  return src.map((x) => f32(x - o))
}

/** Σx in float64, in index order. */
export function sumRef(x: Float32Array): number {
  let sum = 0
  for (let i = 0; i < x.length; i++) sum += x[i]
  return sum
}

/** max|x| (0 for no samples). */
export function peakRef(x: Float32Array): number {
  let peak = 0
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]))
  return peak
}

/** stats: Σx and Σx² (x² rounded to float32) in float64, max|x|, and |x| >= CLIP_LEVEL counted. */
export function statsRef(x: Float32Array): {
  sum: number
  sumSquares: number
  peak: number
  clipped: number
} {
  let sumSquares = 0
  let clipped = 0
  for (let i = 0; i < x.length; i++) {
    sumSquares += f32(x[i] * x[i])
    if (Math.abs(x[i]) >= CLIP_LEVEL) clipped++
  }
  return { sum: sumRef(x), sumSquares, peak: peakRef(x), clipped }
}

/**
 * Bound on the difference of two float64 sums of `terms` in different orders: each is within
 * (n − 1)·2^−53·Σ|t| of the exact sum, so they differ by at most n·2^−52·Σ|t|.
 */
function reorderTolerance(terms: ArrayLike<number>): number {
  let magnitude = 0
  for (let i = 0; i < terms.length; i++) magnitude += Math.abs(terms[i])
  return terms.length * 2 ** -52 * magnitude
}

/** A kernel's sum of `terms` against the scalar one: equal when infinite, else within the bound. */
export function expectSum(actual: number, expected: number, terms: ArrayLike<number>): void {
  if (!Number.isFinite(expected)) expect(actual).toBe(expected)
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(reorderTolerance(terms))
}
