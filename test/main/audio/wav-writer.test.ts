import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createWavWriter,
  decodeAudioFile,
  encodeWav,
  isAudioError,
  parseWavHeader,
  type WavOutputFormat,
} from '../../../src-main/audio'
import { tempDir, testValues } from './wav-builder'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const FORMATS: WavOutputFormat[] = ['pcm16', 'pcm24', 'pcm32', 'float32']
const SCALE = { pcm16: 32768, pcm24: 8388608, pcm32: 2147483648, float32: 1 }

/**
 * Float samples that are exactly representable in `format` (what decoding such a file gives).
 * For pcm32 only codes with 24 significant bits qualify: float32 holds no more, so a PCM32 file
 * decodes to the nearest float32 (2147483647 becomes 1.0, which re-encodes clamped).
 */
function representable(format: WavOutputFormat, frames: number, seed: number): Float32Array {
  if (format === 'pcm32') {
    return Float32Array.from(testValues('pcm24', frames, seed), (v) => (v * 256) / SCALE.pcm32)
  }
  return Float32Array.from(testValues(format, frames, seed), (v) => v / SCALE[format])
}

describe('encodeWav', () => {
  for (const format of FORMATS) {
    for (const channels of [1, 2, 6]) {
      it(`round-trips ${format} with ${channels} channel(s) exactly`, async () => {
        const input = Array.from({ length: channels }, (_, c) => representable(format, 1001, c + 1))
        const { bytes, clippedSamples } = encodeWav(input, 48000, format)
        expect(clippedSamples).toBe(0)
        const layout = parseWavHeader(bytes, 'out.wav', bytes.length)
        const extensible = channels > 2 || format === 'pcm24' || format === 'pcm32'
        expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(20, true)).toBe(
          extensible ? 0xfffe : format === 'float32' ? 3 : 1,
        )
        expect(layout).toMatchObject({
          sampleFormat: format,
          channels,
          sampleRate: 48000,
          frames: 1001,
          warnings: [],
        })
        // RIFF size covers the whole file, the data's pad byte included
        expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(
          bytes.length - 8,
        )
        expect(bytes.length % 2).toBe(0)
        const path = tmp.file(`rt-${format}-${channels}.wav`, bytes)
        const decoded = await decodeAudioFile(path)
        expect(decoded.channels).toEqual(input)
      })
    }
  }

  it('writes the canonical 44-byte header for mono pcm16', () => {
    const { bytes } = encodeWav([new Float32Array([0, 0.5])], 44100, 'pcm16')
    expect(Array.from(bytes)).toEqual([
      ...[0x52, 0x49, 0x46, 0x46, 40, 0, 0, 0, 0x57, 0x41, 0x56, 0x45], // RIFF 40 WAVE
      ...[0x66, 0x6d, 0x74, 0x20, 16, 0, 0, 0, 1, 0, 1, 0], // fmt 16, PCM, mono
      ...[0x44, 0xac, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0], // 44100 Hz, 88200 B/s, align 2, 16 bits
      ...[0x64, 0x61, 0x74, 0x61, 4, 0, 0, 0, 0, 0, 0, 0x40], // data 4: 0, 16384
    ])
  })

  it('rounds to nearest, halves to even, and clamps counting clipped samples', () => {
    const x = new Float32Array([
      0.4 / 32768, // 0
      0.5 / 32768, // tie → 0
      1.5 / 32768, // tie → 2
      -2.5 / 32768, // tie → -2
      0.6 / 32768, // 1
      1, // 32768 → clipped to 32767
      -1, // -32768, not clipped
      1.5, // clipped
      -1.0001, // clipped
      32767.4 / 32768, // 32767
    ])
    for (const channels of [1, 2]) {
      // Mono takes the SIMD path where available, stereo the plain loop: both must agree
      const input = Array.from({ length: channels }, () => x)
      const { bytes, clippedSamples } = encodeWav(input, 8000, 'pcm16')
      expect(clippedSamples).toBe(3 * channels)
      const ints = new Int16Array(bytes.slice(44).buffer).filter((_, i) => i % channels === 0)
      expect(Array.from(ints)).toEqual([0, 0, 2, -2, 1, 32767, -32768, 32767, -32768, 32767])
    }
  })

  it('clips pcm24 and pcm32 at their ranges', () => {
    const x = new Float32Array([1, -1, 2, -2, 0.25]) // +1 is one step beyond the largest code
    expect(encodeWav([x], 8000, 'pcm24').clippedSamples).toBe(3)
    expect(encodeWav([x], 8000, 'pcm32').clippedSamples).toBe(3)
    const { bytes } = encodeWav([x], 8000, 'pcm24')
    const layout = parseWavHeader(bytes, 'x.wav', bytes.length)
    const d = bytes.subarray(layout.dataOffset)
    const at = (i: number) => ((d[3 * i] | (d[3 * i + 1] << 8) | (d[3 * i + 2] << 16)) << 8) >> 8
    expect([0, 1, 2, 3, 4].map(at)).toEqual([8388607, -8388608, 8388607, -8388608, 2097152])
  })

  it('never clips float output', () => {
    const x = new Float32Array([3, -7.5, 1e30])
    const { bytes, clippedSamples } = encodeWav([x], 8000, 'float32')
    expect(clippedSamples).toBe(0)
    const layout = parseWavHeader(bytes, 'x.wav', bytes.length)
    const d = bytes.slice(layout.dataOffset, layout.dataOffset + 12)
    expect(Array.from(new Float32Array(d.buffer))).toEqual([3, -7.5, Math.fround(1e30)])
  })

  it.each(FORMATS)('rejects NaN and infinities in %s, naming channel and frame', (format) => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const x = new Float32Array(100_000)
      x[70_001] = bad // beyond the first SIMD chunk
      try {
        encodeWav([new Float32Array(100_000), x], 8000, format)
        expect.unreachable()
      } catch (e) {
        expect(isAudioError(e) && e.code).toBe('non-finite')
        expect((e as Error).message).toBe(
          'cannot write a NaN or infinite sample (channel 1, frame 70001); the processing upstream failed',
        )
      }
      try {
        encodeWav([x], 8000, format)
        expect.unreachable()
      } catch (e) {
        expect((e as Error).message).toContain('(frame 70001)')
      }
    }
  })

  it('pads an odd data chunk', () => {
    const { bytes } = encodeWav([new Float32Array(3)], 8000, 'pcm24')
    const layout = parseWavHeader(bytes, 'x.wav', bytes.length)
    expect(layout.dataBytes).toBe(9)
    expect(bytes.length).toBe(layout.dataOffset + 10)
  })
})

describe('createWavWriter', () => {
  it('writes the same bytes as encodeWav, block by block', async () => {
    for (const format of FORMATS) {
      for (const channels of [1, 2, 6]) {
        const input = Array.from({ length: channels }, (_, c) => {
          const x = representable(format, 5001, c)
          x[7] = 1.25 // clipped in integer formats
          return x
        })
        const path = join(tmp.dir, `stream-${format}-${channels}.wav`)
        const writer = await createWavWriter(path, { sampleRate: 22050, channels, format })
        expect(existsSync(path)).toBe(false) // appears only when finished
        for (let at = 0; at < 5001; at += 1000) {
          await writer.write(input.map((x) => x.subarray(at, at + 1000)))
        }
        const result = await writer.finish()
        const whole = encodeWav(input, 22050, format)
        const written = readFileSync(path)
        expect(Buffer.compare(written, Buffer.from(whole.bytes))).toBe(0)
        expect(result).toEqual({ clippedSamples: whole.clippedSamples, bytes: written.length })
        expect(result.clippedSamples).toBe(format === 'float32' ? 0 : channels)
      }
    }
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.partial'))).toEqual([])
  })

  it('deletes the partial file on abort', async () => {
    const path = join(tmp.dir, 'aborted.wav')
    const writer = await createWavWriter(path, { sampleRate: 8000, channels: 1, format: 'pcm16' })
    await writer.write([new Float32Array(10)])
    await writer.abort()
    expect(existsSync(path)).toBe(false)
    expect(existsSync(`${path}.partial`)).toBe(false)
    await expect(writer.write([new Float32Array(1)])).rejects.toThrow('after finish() or abort()')
  })

  it('keeps going after a rejected block with NaN, which writes nothing', async () => {
    const path = join(tmp.dir, 'nan-block.wav')
    const writer = await createWavWriter(path, { sampleRate: 8000, channels: 1, format: 'float32' })
    await writer.write([new Float32Array([0.5, 0.25])])
    await expect(writer.write([new Float32Array([0, Number.NaN])])).rejects.toThrow(
      'nan-block.wav: cannot write a NaN or infinite sample (frame 3)',
    )
    await writer.write([new Float32Array([-0.5])])
    await writer.finish()
    expect(Array.from((await decodeAudioFile(path)).channels[0])).toEqual([0.5, 0.25, -0.5])
  })

  it('rejects blocks with the wrong channel count or unequal lengths', async () => {
    const writer = await createWavWriter(join(tmp.dir, 'bad.wav'), {
      sampleRate: 8000,
      channels: 2,
      format: 'pcm16',
    })
    await expect(writer.write([new Float32Array(1)])).rejects.toThrow('expected 2 channels, got 1')
    await expect(writer.write([new Float32Array(1), new Float32Array(2)])).rejects.toThrow(
      'channels differ in length',
    )
    await writer.abort()
  })

  it('leaves a readable file if the process dies before finish (placeholder sizes)', async () => {
    const path = join(tmp.dir, 'crashed.wav')
    const writer = await createWavWriter(path, { sampleRate: 8000, channels: 1, format: 'pcm16' })
    await writer.write([new Float32Array([0.5, -0.5, 0.25])])
    const decoded = await decodeAudioFile(`${path}.partial`)
    expect(Array.from(decoded.channels[0])).toEqual([0.5, -0.5, 0.25])
    expect(decoded.info.warnings).toHaveLength(1)
    expect(decoded.info.warnings[0].code).toBe('data-size')
    expect(decoded.info.warnings[0].message).toContain('unset (0xFFFFFFFF')
    await writer.abort()
  })
})
