import { kernels } from './wasm/kernels'

/** Σx and Σx² (float64), max|x| and the count of |x| >= 1 − 2^−15 of one array. */
export interface SignalScan {
  sum: number
  sumSquares: number
  peak: number
  clipped: number
}

/**
 * Scans `x` with the SIMD statistics kernel, whose squares are rounded to float32 before they
 * are summed in float64 (the tail is zero-padded, which changes none of the four figures).
 */
export function scanSignal(x: Float32Array): SignalScan {
  return withCopy(x, 64, (src, n4, out) => {
    const k = kernels()
    k.stats(src, n4, out)
    const d = out >> 3
    const f = out >> 2
    return {
      sum: k.f64[d] + k.f64[d + 1],
      sumSquares: k.f64[d + 2] + k.f64[d + 3],
      peak: Math.max(k.f32[f + 8], k.f32[f + 9], k.f32[f + 10], k.f32[f + 11]),
      clipped: k.i32[f + 12] + k.i32[f + 13] + k.i32[f + 14] + k.i32[f + 15],
    }
  })
}

/** Runs `fn` on a copy of `x` in kernel memory (the last x.length % 4 samples zero-padded). */
function withCopy<T>(
  x: Float32Array,
  outBytes: number,
  fn: (src: number, n4: number, out: number) => T,
): T {
  const k = kernels()
  const n4 = Math.ceil(x.length / 4)
  const bytes = Math.max(16, n4 * 16)
  const src = k.alloc(bytes, false)
  const out = k.alloc(outBytes)
  try {
    k.f32.set(x, src >> 2)
    k.f32.fill(0, (src >> 2) + x.length, (src >> 2) + n4 * 4)
    return fn(src, n4, out)
  } finally {
    k.release(src, bytes)
    k.release(out, outBytes)
  }
}

/** Σx in float64 (SIMD kernel). */
export function sumOf(x: Float32Array): number {
  return withCopy(x, 32, (src, n4, out) => {
    const k = kernels()
    k.sum(src, n4, out)
    const d = out >> 3
    return k.f64[d] + k.f64[d + 1] + k.f64[d + 2] + k.f64[d + 3]
  })
}

/** max|x| (SIMD kernel). */
export function peakOf(x: Float32Array): number {
  return withCopy(x, 16, (src, n4, out) => {
    const k = kernels()
    k.peak(src, n4, out)
    const f = out >> 2
    return Math.max(k.f32[f], k.f32[f + 1], k.f32[f + 2], k.f32[f + 3])
  })
}

/** dst ← x − offset (SIMD kernel); dst may be x. */
export function subtractOffset(
  x: Float32Array,
  offset: number,
  dst: Float32Array = x,
): Float32Array {
  return withCopy(x, 16, (src, n4) => {
    const k = kernels()
    k.shift(src, src, offset, n4)
    dst.set(k.f32.subarray(src >> 2, (src >> 2) + x.length))
    return dst
  })
}
