// The kernel wrappers of signal-scan.ts against the scalar references, on arrays of any length
// (the kernels take groups of 4; the wrappers zero-pad the tail) that start anywhere in their
// buffer.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { peakOf, scanSignal, subtractOffset, sumOf } from '@shared/dsp/signal-scan'
import { expectSum, peakRef, shiftRef, statsRef, sumRef } from './wasm/reference'

const CLIP = 1 - 2 ** -15
/** Finite samples, many at and around the clipping level. */
const sample = fc.oneof(
  fc.float({ min: -2, max: 2, noNaN: true }),
  fc.float({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(CLIP, -CLIP, 1 - 2 ** -15 - 2 ** -24, 0, -0),
)
/** A Float32Array of 0 to 70 samples at an offset of 0 to 5 floats in a larger buffer. */
const signal = fc
  .tuple(fc.array(sample, { maxLength: 70 }), fc.integer({ min: 0, max: 5 }))
  .map(([values, at]) => {
    const x = new Float32Array(new ArrayBuffer(4 * (values.length + at + 3)), 4 * at, values.length)
    x.set(values)
    return x
  })

describe('signal scans (SIMD kernels) against the scalar references', () => {
  it('scanSignal: Σx, Σx² (squares in float32), max|x| and the clipped count', () => {
    fc.assert(
      fc.property(signal, (x) => {
        const r = scanSignal(x)
        const ref = statsRef(x)
        expectSum(r.sum, ref.sum, x)
        expectSum(
          r.sumSquares,
          ref.sumSquares,
          Array.from(x, (v) => Math.fround(v * v)),
        )
        expect(r.peak).toBe(ref.peak)
        expect(r.clipped).toBe(ref.clipped)
      }),
      { numRuns: 500 },
    )
  })

  it('sumOf and peakOf', () => {
    fc.assert(
      fc.property(signal, (x) => {
        expectSum(sumOf(x), sumRef(x), x)
        expect(peakOf(x)).toBe(peakRef(x))
      }),
      { numRuns: 500 },
    )
  })

  it('subtractOffset into another array and in place, leaving the rest of the buffer', () => {
    fc.assert(
      fc.property(signal, fc.double(), (x, offset) => {
        const expected = shiftRef(x, offset)
        const around = new Float32Array(x.buffer).slice()
        const dst = new Float32Array(x.length)
        expect(subtractOffset(x, offset, dst)).toBe(dst)
        expect(dst).toEqual(expected)
        expect(subtractOffset(x, offset)).toBe(x)
        expect(x).toEqual(expected)
        const after = new Float32Array(x.buffer)
        const inside = (i: number) => i >= x.byteOffset / 4 && i < x.byteOffset / 4 + x.length
        expect(after.filter((_, i) => !inside(i))).toEqual(around.filter((_, i) => !inside(i)))
      }),
      { numRuns: 500 },
    )
  })
})
