// The FLAC decoder against the PCM the fixtures were encoded from: every depth decodes to
// s / 2^(bits-1) exactly, as the same PCM in WAV does, and the STREAMINFO MD5 agrees.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeAudioFile, openAudio, probeAudio } from '../../../src-main/audio'
import { FLAC_FIXTURES, fixturePcm, type FlacFixture } from './flac-fixtures'
import { flacFrames } from './stream-units'
import { chunk, fmt, riff, sampleBytes, tempDir } from './wav-builder'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/audio/${name}`, import.meta.url))

/** The samples as the decoder must give them: s / 2^(bits-1) in float32 */
function expectedFloats(f: FlacFixture): Float32Array[] {
  const scale = 2 ** (1 - f.bits)
  return fixturePcm(f).map((c) => Float32Array.from(c, (s) => s * scale))
}

/** Exact bit patterns, so that -0 and 0 or NaNs could not pass for each other */
const bits = (x: Float32Array): Uint32Array => new Uint32Array(x.buffer, x.byteOffset, x.length)

describe.each(FLAC_FIXTURES)('$name', (f) => {
  const path = fixturePath(f.name)
  const frames = f.segment * f.segments

  it('probes its depth, rate, channels and exact length', async () => {
    expect(await probeAudio(path)).toMatchObject({
      container: 'flac',
      bitsPerSample: f.bits,
      sampleRate: f.sampleRate,
      channels: f.channels,
      frames,
      framesExact: true,
      warnings: [],
    })
  })

  it(`decodes every sample to s / 2^${f.bits - 1}, bit for bit`, async () => {
    const { info, channels } = await decodeAudioFile(path)
    expect(info.warnings).toEqual([])
    const expected = expectedFloats(f)
    channels.forEach((c, i) => expect(bits(c)).toEqual(bits(expected[i])))
  })

  it('decodes to integers equal to the PCM encoded, whose MD5 is the one in STREAMINFO', () => {
    const bytes = new Uint8Array(readFileSync(path))
    const { samples } = flacFrames(bytes, f.bits, f.channels)
    expect(samples).toEqual(fixturePcm(f).map((c) => Array.from(c)))
    const size = Math.ceil(f.bits / 8)
    const pcm = Buffer.alloc(frames * f.channels * size)
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < f.channels; c++)
        pcm.writeIntLE(samples[c][i], (i * f.channels + c) * size, size)
    }
    const md5 = Buffer.from(bytes.subarray(26, 42)).toString('hex') // STREAMINFO's last 16 bytes
    expect(createHash('md5').update(pcm).digest('hex')).toBe(md5)
  })

  it('streams in small blocks the same samples', async () => {
    const whole = (await decodeAudioFile(path)).channels
    const reader = await openAudio(path, { blockFrames: 333 })
    const joined = whole.map(() => new Float32Array(frames))
    let at = 0
    for (let b = await reader.read(); b !== null; b = await reader.read()) {
      b.forEach((x, c) => joined[c].set(x, at))
      at += b[0].length
    }
    await reader.close()
    expect(at).toBe(frames)
    expect(reader.warnings).toEqual([])
    joined.forEach((c, i) => expect(bits(c)).toEqual(bits(whole[i])))
  })
})

describe('FLAC and WAV of the same PCM', () => {
  it.each(['flac-pcm16-stereo.flac', 'flac-pcm24-stereo.flac'])(
    '%s decodes bit-identically to the WAV',
    async (name) => {
      const f = FLAC_FIXTURES.find((x) => x.name === name)!
      const format = f.bits === 16 ? 'pcm16' : 'pcm24'
      const pcm = fixturePcm(f).map((c) => Array.from(c))
      const wav = tmp.file(
        `${name}.wav`,
        riff([
          fmt({ channels: f.channels, rate: f.sampleRate, bits: f.bits }),
          chunk('data', sampleBytes(format, pcm)),
        ]),
      )
      const fromWav = await decodeAudioFile(wav)
      const fromFlac = await decodeAudioFile(fixturePath(name))
      expect(fromFlac.info.frames).toBe(fromWav.info.frames)
      fromFlac.channels.forEach((c, i) => expect(bits(c)).toEqual(bits(fromWav.channels[i])))
    },
  )
})

describe('the fixtures exercise the format', () => {
  it('the stereo one holds independent and mid/side frames (the others: see flac-stream.test.ts)', () => {
    const f = FLAC_FIXTURES[0]
    const { headers } = flacFrames(
      new Uint8Array(readFileSync(fixturePath(f.name))),
      f.bits,
      f.channels,
    )
    expect(new Set(headers.map((h) => h.assignment))).toEqual(new Set([1, 10]))
  })

  it.each([
    ['flac-pcm8-mono.flac', { blockSize: 200, sampleRate: 11025 }],
    ['flac-pcm12-mono.flac', { blockSize: 1000, sampleRate: 7000 }],
    ['flac-pcm32-mono.flac', { blockSize: 512, sampleRate: 100010 }],
  ])('%s states block size and rate after the header', (name, expected) => {
    const f = FLAC_FIXTURES.find((x) => x.name === name)!
    const { headers } = flacFrames(
      new Uint8Array(readFileSync(fixturePath(name))),
      f.bits,
      f.channels,
    )
    expect(headers[0]).toMatchObject(expected)
    expect(headers.map((h) => h.number)).toEqual(headers.map((_, i) => i))
  })
})
