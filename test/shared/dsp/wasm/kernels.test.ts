// Differential tests: every kernel of kernels.wat against its scalar reference (reference.ts), on
// generated data of 0 to 40 groups at any byte alignment. Element-wise kernels must agree bit
// for bit (any NaN matches any NaN); the sums, which the kernels add per lane, within the bound
// of expectSum (reference.ts).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Kernels } from '@shared/dsp/wasm/kernels'
import {
  accumulateRef,
  gainsRef,
  normalizeRef,
  olaRef,
  peakRef,
  expectSum,
  shiftRef,
  statsRef,
  sumRef,
  windowRef,
} from './reference'

const k = new Kernels()
const RUNS = { numRuns: 300 }

type Floats = Float32Array | Float64Array

/** Regions of kernel memory at chosen byte misalignments, released after each run. */
class Scratch {
  private readonly regions: [ptr: number, bytes: number][] = []

  /** Copies `data` into kernel memory `shift` bytes past a 16-byte boundary; its address. */
  put(data: Floats, shift: number): number {
    const bytes = data.byteLength + 16
    const base = k.alloc(bytes)
    this.regions.push([base, bytes])
    const ptr = base + shift
    new Uint8Array(k.f32.buffer).set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      ptr,
    )
    return ptr
  }

  /** An empty region of `length` float32 or float64 values. */
  zeros(length: number, shift: number, type: 'f32' | 'f64' = 'f32'): number {
    return this.put(type === 'f32' ? new Float32Array(length) : new Float64Array(length), shift)
  }

  /** `length` float32 values read back from `ptr`. */
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(k.f32.buffer.slice(ptr, ptr + 4 * length))
  }

  /** `length` float64 values read back from `ptr`. */
  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(k.f32.buffer.slice(ptr, ptr + 8 * length))
  }

  release(): void {
    for (const [ptr, bytes] of this.regions) k.release(ptr, bytes)
  }
}

function withScratch(fn: (s: Scratch) => void): void {
  const s = new Scratch()
  try {
    fn(s)
  } finally {
    s.release()
  }
}

/** Bit-for-bit equality, except that every NaN equals every NaN (their sign is unspecified). */
function expectSame(actual: Floats, expected: Floats): void {
  const canonical = (a: Floats) => Array.from(a, (v) => (Number.isNaN(v) ? NaN : v))
  expect(canonical(actual)).toEqual(canonical(expected))
}

/** Any float32: ±0, subnormals, huge values, ±Infinity and NaN included. */
const anyFloat = fc.float()
/** Values of audio and spectra, where the results must be exact to the bit. */
const audioFloat = fc.float({ min: -2, max: 2, noNaN: true })
const float = fc.oneof(audioFloat, anyFloat)
const shift = fc.integer({ min: 0, max: 15 })
const groups = fc.integer({ min: 0, max: 40 })
const floats = (length: number, value = float) =>
  fc.array(value, { minLength: length, maxLength: length }).map((v) => Float32Array.from(v))

describe('kernels.wat against the scalar references', () => {
  it('window: (src − offset) · win', () => {
    const data = groups.chain((n) =>
      fc.tuple(floats(4 * n), floats(4 * n), fc.double(), fc.tuple(shift, shift, shift)),
    )
    fc.assert(
      fc.property(data, ([src, win, offset, [a, b, c]]) =>
        withScratch((s) => {
          const n4 = src.length / 4
          const dst = s.zeros(4 * n4, c)
          k.window(s.put(src, a), s.put(win, b), dst, offset, n4)
          expectSame(s.f32(dst, 4 * n4), windowRef(src, win, offset))
        }),
      ),
      RUNS,
    )
  })

  it('window in place (dst = src), as the summary calls it', () => {
    fc.assert(
      fc.property(
        groups.chain((n) => fc.tuple(floats(4 * n), floats(4 * n), fc.float(), shift)),
        ([src, win, offset, a]) =>
          withScratch((s) => {
            const ptr = s.put(src, a)
            k.window(ptr, s.put(win, 0), ptr, offset, src.length / 4)
            expectSame(s.f32(ptr, src.length), windowRef(src, win, offset))
          }),
      ),
      RUNS,
    )
  })

  it('accumulate: float64 sums of |S| and products of scaled floored powers', () => {
    const spectrumValue = fc.oneof(
      audioFloat,
      fc.constant(0),
      anyFloat,
      fc.float({ min: -1e6, max: 1e6 }),
    )
    const data = groups.chain((n) =>
      fc.tuple(
        floats(8 * n, spectrumValue),
        fc.array(fc.double({ min: 0, max: 1e3, noNaN: true }), {
          minLength: 4 * n,
          maxLength: 4 * n,
        }),
        fc.array(fc.double({ min: 1e-30, max: 1e30, noNaN: true }), {
          minLength: 4 * n,
          maxLength: 4 * n,
        }),
        fc.tuple(shift, shift, shift),
      ),
    )
    fc.assert(
      fc.property(data, ([spec, sums, prods, [a, b, c]]) =>
        withScratch((s) => {
          const sumMag = Float64Array.from(sums)
          const prod = Float64Array.from(prods)
          const sumPtr = s.put(sumMag, b)
          const prodPtr = s.put(prod, c)
          k.accumulate(s.put(spec, a), sumPtr, prodPtr, spec.length / 8)
          accumulateRef(spec, sumMag, prod)
          expectSame(s.f64(sumPtr, sumMag.length), sumMag)
          expectSame(s.f64(prodPtr, prod.length), prod)
        }),
      ),
      RUNS,
    )
  })

  it('accumulate: a silent bin multiplies the product by exactly POWER_FLOOR · POWER_SCALE', () => {
    withScratch((s) => {
      const prod = s.put(new Float64Array([1, 1, 1, 1]), 0)
      k.accumulate(s.put(new Float32Array(8), 0), s.zeros(4, 0, 'f64'), prod, 1)
      const expected = new Float64Array(4)
      accumulateRef(new Float32Array(8), new Float64Array(4), expected.fill(1))
      expectSame(s.f64(prod, 4), expected)
    })
  })

  it('gains: re and im of each bin times its gain', () => {
    const data = groups.chain((n) => fc.tuple(floats(8 * n), floats(4 * n), shift, shift))
    fc.assert(
      fc.property(data, ([spec, gains, a, b]) =>
        withScratch((s) => {
          const ptr = s.put(spec, a)
          k.gains(ptr, s.put(gains, b), gains.length / 4)
          const expected = spec.slice()
          gainsRef(expected, gains)
          expectSame(s.f32(ptr, spec.length), expected)
        }),
      ),
      RUNS,
    )
  })

  it('ola: acc += frame · window; windowSum += windowSquared', () => {
    const data = groups.chain((n) =>
      fc.tuple(
        fc.tuple(floats(4 * n), floats(4 * n), floats(4 * n), floats(4 * n), floats(4 * n)),
        fc.tuple(shift, shift, shift, shift, shift),
      ),
    )
    fc.assert(
      fc.property(data, ([[frame, window, square, acc, sum], [a, b, c, d, e]]) =>
        withScratch((s) => {
          const accPtr = s.put(acc, d)
          const sumPtr = s.put(sum, e)
          k.ola(
            s.put(frame, a),
            s.put(window, b),
            s.put(square, c),
            accPtr,
            sumPtr,
            frame.length / 4,
          )
          const [accRef, sumRef] = [acc.slice(), sum.slice()]
          olaRef(frame, window, square, accRef, sumRef)
          expectSame(s.f32(accPtr, acc.length), accRef)
          expectSame(s.f32(sumPtr, sum.length), sumRef)
        }),
      ),
      RUNS,
    )
  })

  it('normalize: acc / windowSum where windowSum > 1e-30, else acc', () => {
    const weight = fc.oneof(
      float,
      fc.constantFrom(0, -0, 1e-30, Math.fround(1e-30), 1.0000001e-30, 1e-31, -1),
    )
    const data = groups.chain((n) =>
      fc.tuple(floats(4 * n), floats(4 * n, weight), fc.tuple(shift, shift, shift)),
    )
    fc.assert(
      fc.property(data, ([acc, sum, [a, b, c]]) =>
        withScratch((s) => {
          const dst = s.zeros(acc.length, c)
          k.normalize(s.put(acc, a), s.put(sum, b), dst, acc.length / 4)
          expectSame(s.f32(dst, acc.length), normalizeRef(acc, sum))
        }),
      ),
      RUNS,
    )
  })

  it('shift: src − offset', () => {
    const data = groups.chain((n) => fc.tuple(floats(4 * n), fc.double(), shift, shift))
    fc.assert(
      fc.property(data, ([src, offset, a, b]) =>
        withScratch((s) => {
          const dst = s.zeros(src.length, b)
          k.shift(s.put(src, a), dst, offset, src.length / 4)
          expectSame(s.f32(dst, src.length), shiftRef(src, offset))
        }),
      ),
      RUNS,
    )
  })

  /** Finite samples, many at and around the clipping level. */
  const sample = fc.oneof(
    audioFloat,
    fc.float({ noNaN: true, noDefaultInfinity: true }),
    // CLIP_LEVEL = 1 − 2^−15 and the float32 just below it (spacing 2^−24 there)
    fc.constantFrom(
      1 - 2 ** -15,
      -(1 - 2 ** -15),
      1 - 2 ** -15 - 2 ** -24,
      -(1 - 2 ** -15 - 2 ** -24),
    ),
    fc.constantFrom(1, -1, 0, -0),
  )

  /** Checks a reduction kernel on generated samples and a zeroed 64-byte output, misaligned. */
  function reduction(check: (s: Scratch, x: Float32Array, src: number, out: number) => void): void {
    const data = groups.chain((n) => fc.tuple(floats(4 * n, sample), shift, shift))
    fc.assert(
      fc.property(data, ([x, a, b]) =>
        withScratch((s) => check(s, x, s.put(x, a), s.zeros(16, b))),
      ),
      RUNS,
    )
  }

  it('stats: per-lane Σx, Σx², max|x| and clipped count, summed over the lanes', () => {
    reduction((s, x, src, out) => {
      k.stats(src, x.length / 4, out)
      const [sum, sumSquares] = [s.f64(out, 2), s.f64(out + 16, 2)]
      const peak = s.f32(out + 32, 4)
      const clipped = new Int32Array(k.f32.buffer.slice(out + 48, out + 64))
      const ref = statsRef(x)
      const squares = Array.from(x, (v) => Math.fround(v * v))
      expectSum(sum[0] + sum[1], ref.sum, x)
      expectSum(sumSquares[0] + sumSquares[1], ref.sumSquares, squares)
      expect(Math.max(...peak)).toBe(ref.peak)
      expect(clipped.reduce((t, c) => t + c, 0)).toBe(ref.clipped)
    })
  })

  it('sum: per-lane Σx in float64', () => {
    reduction((s, x, src, out) => {
      k.sum(src, x.length / 4, out)
      const lanes = s.f64(out, 4)
      expectSum(lanes[0] + lanes[1] + lanes[2] + lanes[3], sumRef(x), x)
    })
  })

  it('peak: per-lane max|x|', () => {
    reduction((s, x, src, out) => {
      k.peak(src, x.length / 4, out)
      expect(Math.max(...s.f32(out, 4))).toBe(peakRef(x))
    })
  })
})
