import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeWav } from '../../../src-main/audio'
import { decodeInterleaved } from '../../../src-main/audio/pcm-decode'
import { pcm16Simd, SIMD_CHUNK } from '../../../src-main/audio/pcm16-simd'
import { sampleBytes } from './wav-builder'

describe('PCM16 fast path (speed: see npm run bench)', () => {
  it('has WebAssembly SIMD here, so the fast path is the one measured', () => {
    expect(pcm16Simd()).not.toBeNull()
  })

  it('decodes every int16 code to exactly s / 32768, at every chunk position', () => {
    const codes = Array.from({ length: 65536 * 2 + 5 }, (_, i) => ((i * 40503) % 65536) - 32768)
    const bytes = sampleBytes('pcm16', [codes])
    const out = new Float32Array(codes.length + 3)
    expect(decodeInterleaved(bytes.subarray(0), 'pcm16', codes.length, [out], 3)).toBe(-1)
    expect(out.subarray(3)).toEqual(Float32Array.from(codes, (s) => s / 32768))
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 0])
  })

  it('encodes mono (SIMD) exactly as the plain loop does (stereo), clipping included', () => {
    let seed = 12345
    const random = () =>
      ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2.4 - 1.2
    const x = Float32Array.from({ length: 200_003 }, (_, i) =>
      i % 7 === 0 ? (Math.round(random() * 32768) + 0.5) / 32768 : random(),
    )
    const mono = encodeWav([x], 44100, 'pcm16')
    const stereo = encodeWav([x, x], 44100, 'pcm16')
    expect(stereo.clippedSamples).toBe(2 * mono.clippedSamples)
    expect(mono.clippedSamples).toBeGreaterThan(10_000) // |x| > 1 for about 1/6 of the samples
    const m = new Int16Array(mono.bytes.slice(44).buffer)
    const s = new Int16Array(stereo.bytes.slice(44).buffer).filter((_, i) => i % 2 === 0)
    expect(m).toEqual(s)
  })
})

/** Scalar reference of decode: s / 32768 per little-endian int16 sample. */
function decodeRef(bytes: Uint8Array, n: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 2 * n)
  return Float32Array.from({ length: n }, (_, i) => view.getInt16(2 * i, true) / 32768)
}

/** Scalar reference of encode: round-half-even(x · 32768) as int16, or null if one is out of range. */
function encodeRef(x: Float32Array): Int16Array | null {
  const out = new Int16Array(x.length)
  for (let i = 0; i < x.length; i++) {
    const v = x[i] * 32768
    let r = Math.round(v) // halves up
    if (r - v === 0.5 && r % 2 !== 0) r -= 1
    if (!(r >= -32768 && r <= 32767)) return null // NaN fails both
    out[i] = r
  }
  return out
}

describe('PCM16 kernels (pcm16-simd.wat) against scalar references', () => {
  const kernels = pcm16Simd()!
  const length = fc.oneof(
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: SIMD_CHUNK - 9, max: SIMD_CHUNK }),
  )

  it('decode: every sample exactly s / 32768, wherever the bytes and the output start', () => {
    const data = fc.tuple(length, fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 5 }))
    fc.assert(
      fc.property(data, fc.integer(), ([n, byteAt, outAt], seed) => {
        const bytes = new Uint8Array(new ArrayBuffer(2 * n + byteAt), byteAt, 2 * n)
        for (let i = 0; i < bytes.length; i++)
          bytes[i] = (Math.imul(seed ^ i, 2654435761) >>> 13) & 255
        const out = new Float32Array(n + outAt + 2).fill(7)
        kernels.decode(bytes, n, out, outAt)
        const expected = decodeRef(bytes, n)
        // compared by hand: toEqual is slow on 65536 elements
        const wrong = expected.findIndex((v, i) => out[outAt + i] !== v)
        expect(wrong, `sample ${wrong}`).toBe(-1)
        expect([...out.subarray(0, outAt), ...out.subarray(outAt + n)].every((v) => v === 7)).toBe(
          true,
        )
      }),
      { numRuns: 100 },
    )
  })

  it('encode: round half to even, or false when a sample is out of range or not finite', () => {
    const edge = [32767, 32767.5, 32766.5, -32768, -32768.5, -32767.5, 0.5, 1.5, -0.5, -2.5]
    const sample = fc.oneof(
      { weight: 4, arbitrary: fc.float({ min: -1, max: 1, noNaN: true }) },
      fc.integer({ min: -32768, max: 32767 }).map((i) => (i + 0.5) / 32768),
      fc.constantFrom(...edge.map((v) => v / 32768)),
      fc.float(),
    )
    const data = fc.tuple(fc.array(sample, { maxLength: 40 }), fc.integer({ min: 0, max: 5 }))
    fc.assert(
      fc.property(data, ([values, from]) => {
        const src = new Float32Array(values.length + from)
        src.set(values, from)
        const bytes = new Uint8Array(2 * values.length)
        const expected = encodeRef(src.subarray(from))
        expect(kernels.encode(src, from, values.length, bytes)).toBe(expected !== null)
        if (expected) expect(new Int16Array(bytes.buffer)).toEqual(expected)
      }),
      { numRuns: 500 },
    )
  })
})
