import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decodeAudioFile, openAudio, probeAudio, type AudioInfo } from '../../../src-main/audio'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/audio/${name}`, import.meta.url))

/** Correlation of x[lag ..] with amp·sin(2πf n / rate), over the second quarter of a second */
function sineCorrelation(x: Float32Array, f: number, rate: number, lag = 0): number {
  let xy = 0
  let xx = 0
  let yy = 0
  for (let n = rate / 4; n < rate / 2; n++) {
    const y = Math.sin((2 * Math.PI * f * n) / rate)
    xy += x[n + lag] * y
    xx += x[n + lag] ** 2
    yy += y * y
  }
  return xy / Math.sqrt(xx * yy)
}

/** Power at `f` Hz (Goertzel) relative to the signal's power: near 1 for a pure tone */
function toneShare(x: Float32Array, f: number, rate: number): number {
  const n = Math.floor(rate / 2)
  const w = (2 * Math.PI * f) / rate
  let s1 = 0
  let s2 = 0
  let energy = 0
  for (let i = 0; i < n; i++) {
    const s = x[i] + 2 * Math.cos(w) * s1 - s2
    s2 = s1
    s1 = s
    energy += x[i] ** 2
  }
  const power = s1 * s1 + s2 * s2 - 2 * Math.cos(w) * s1 * s2
  return (2 * power) / n / energy
}

type Case = [string, Partial<AudioInfo>, number[]]
const LOSSY = { sampleFormat: 'float32', bitsPerSample: 0 } as const
const CASES: Case[] = [
  [
    'tone-1k-mono.flac',
    {
      container: 'flac',
      sampleFormat: 'pcm16',
      bitsPerSample: 16,
      sampleRate: 44100,
      channels: 1,
      frames: 44100,
    },
    [1000],
  ],
  [
    'tone-440-880-stereo.flac',
    {
      container: 'flac',
      sampleFormat: 'pcm16',
      bitsPerSample: 16,
      sampleRate: 48000,
      channels: 2,
      frames: 48000,
    },
    [440, 880],
  ],
  [
    'tone-1k-mono.mp3',
    { container: 'mp3', ...LOSSY, sampleRate: 44100, channels: 1, frames: 44100 },
    [1000],
  ],
  [
    'tone-440-880-stereo.mp3',
    { container: 'mp3', ...LOSSY, sampleRate: 48000, channels: 2, frames: 48000 },
    [440, 880],
  ],
  [
    'tone-1k-mono.ogg',
    { container: 'ogg', ...LOSSY, sampleRate: 44100, channels: 1, frames: 44100 },
    [1000],
  ],
  [
    'tone-440-880-stereo.ogg',
    { container: 'ogg', ...LOSSY, sampleRate: 48000, channels: 2, frames: 48000 },
    [440, 880],
  ],
]

describe.each(CASES)('%s', (name, expected, tones) => {
  const path = fixture(name)

  it('probes rate, channels and exact length from the headers', async () => {
    const info = await probeAudio(path)
    expect(info).toEqual({
      path,
      ...expected,
      framesExact: true,
      durationSec: expected.frames! / expected.sampleRate!,
      warnings: [],
    })
  })

  it('decodes the tone, time-aligned, at the exact length', async () => {
    const { info, channels } = await decodeAudioFile(path)
    expect(info.frames).toBe(expected.frames)
    expect(info.warnings).toEqual([])
    expect(channels.map((c) => c.length)).toEqual(tones.map(() => expected.frames))
    const lossless = expected.container === 'flac'
    tones.forEach((f, c) => {
      expect(sineCorrelation(channels[c], f, info.sampleRate)).toBeGreaterThan(
        lossless ? 0.99999 : 0.999,
      )
      expect(toneShare(channels[c], f, info.sampleRate)).toBeGreaterThan(0.99)
      // the other channel's tone is absent
      if (tones.length === 2)
        expect(toneShare(channels[c], tones[1 - c], info.sampleRate)).toBeLessThan(0.001)
    })
  })

  it('streams in small blocks the same samples as the whole decode', async () => {
    const whole = await decodeAudioFile(path)
    const reader = await openAudio(path, { blockFrames: 1000 })
    expect(reader.info).toEqual(await probeAudio(path))
    const sizes: number[] = []
    const joined = whole.channels.map((c) => new Float32Array(c.length))
    for (let b = await reader.read(); b !== null; b = await reader.read()) {
      b.forEach((x, c) => joined[c].set(x, sizes.length * 1000))
      sizes.push(b[0].length)
    }
    await reader.close()
    const frames = expected.frames!
    expect(sizes).toEqual(
      [...Array(Math.floor(frames / 1000)).fill(1000), frames % 1000].filter((n) => n > 0),
    )
    expect(joined).toEqual(whole.channels)
  })
})

describe('FLAC exactness', () => {
  it.each(['tone-1k-mono.flac', 'tone-440-880-stereo.flac'])(
    '%s decodes to samples whose MD5 matches STREAMINFO',
    async (name) => {
      const path = fixture(name)
      const raw = readFileSync(path)
      const md5 = raw.subarray(26, 42).toString('hex') // STREAMINFO starts at 8, MD5 at its byte 18
      const { channels } = await decodeAudioFile(path)
      const pcm = Buffer.alloc(channels[0].length * channels.length * 2)
      for (let i = 0; i < channels[0].length; i++) {
        for (let c = 0; c < channels.length; c++) {
          pcm.writeInt16LE(channels[c][i] * 32768, 2 * (i * channels.length + c))
        }
      }
      expect(createHash('md5').update(pcm).digest('hex')).toBe(md5)
    },
  )
})

describe('MP3 without a Xing/Info header', () => {
  const path = fixture('tone-1k-mono-noxing.mp3')

  it('estimates the length from the bitrate and says so', async () => {
    const info = await probeAudio(path)
    expect(info).toMatchObject({
      container: 'mp3',
      sampleRate: 44100,
      channels: 1,
      frames: 46080,
      framesExact: false,
    })
    expect(info.warnings).toEqual([
      {
        code: 'length-unknown',
        message:
          'tone-1k-mono-noxing.mp3: no Xing/Info header: the length is estimated from the bitrate',
      },
    ])
  })

  it('decodes all 40 frames, with the encoder and decoder delay (1105 samples) kept', async () => {
    const { info, channels } = await decodeAudioFile(path)
    expect(info.frames).toBe(40 * 1152)
    expect(info.framesExact).toBe(true)
    expect(sineCorrelation(channels[0], 1000, 44100, 1105)).toBeGreaterThan(0.999)
    expect(sineCorrelation(channels[0], 1000, 44100, 0)).toBeLessThan(0.95)
  })
})

describe('unsupported Ogg codecs', () => {
  it('reports Ogg Opus as unsupported with a fix', async () => {
    const path = fixture('tone-1k-mono.opus.ogg')
    await expect(probeAudio(path)).rejects.toMatchObject({
      code: 'unsupported',
      message:
        'tone-1k-mono.opus.ogg: Ogg Opus is not supported; convert it to FLAC or WAV (e.g. `ffmpeg -i in.ogg out.flac`)',
    })
    await expect(decodeAudioFile(path)).rejects.toMatchObject({ code: 'unsupported' })
  })
})
