import { describe, expect, it } from 'vitest'
import { encodeWav } from '../../../src-main/audio'
import { decodeInterleaved } from '../../../src-main/audio/pcm-decode'
import { pcm16Simd } from '../../../src-main/audio/pcm16-simd'
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
