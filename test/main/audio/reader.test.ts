import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  decodeAudioFile,
  encodeWav,
  mixdownMono,
  openAudio,
  probeAudio,
  type AudioReader,
} from '../../../src-main/audio'
import { chunk, fmt, riff, sampleBytes, tempDir, testValues } from './wav-builder'

const GOLDEN = fileURLToPath(
  new URL('../../../../shared/golden/corpus/audio/park-lyon-0-0-b.wav', import.meta.url),
)

const tmp = tempDir()
afterAll(() => tmp.cleanup())

async function readAll(reader: AudioReader): Promise<Float32Array[][]> {
  const blocks: Float32Array[][] = []
  for (let b = await reader.read(); b !== null; b = await reader.read()) blocks.push(b)
  await reader.close()
  return blocks
}

function join(blocks: Float32Array[][], channel: number): Float32Array {
  const out = new Float32Array(blocks.reduce((n, b) => n + b[channel].length, 0))
  let at = 0
  for (const b of blocks) {
    out.set(b[channel], at)
    at += b[channel].length
  }
  return out
}

describe('the golden file', () => {
  it('decodes to 132300 frames at 44100 Hz', async () => {
    const { info, channels } = await decodeAudioFile(GOLDEN)
    expect(info).toMatchObject({
      container: 'wav',
      sampleFormat: 'pcm16',
      sampleRate: 44100,
      channels: 1,
      frames: 132300,
      framesExact: true,
      durationSec: 3,
      warnings: [],
    })
    expect(channels[0]).toHaveLength(132300)
    // spot check against the raw little-endian int16 after the 44-byte header
    const raw = readFileSync(GOLDEN)
    for (const i of [0, 1, 66150, 132299]) {
      expect(channels[0][i]).toBe(raw.readInt16LE(44 + 2 * i) / 32768)
    }
  })

  it('re-encodes to pcm16 with exactly the same sample bytes (and header)', async () => {
    const { channels } = await decodeAudioFile(GOLDEN)
    const { bytes, clippedSamples } = encodeWav(channels, 44100, 'pcm16')
    const raw = readFileSync(GOLDEN)
    expect(clippedSamples).toBe(0)
    expect(Buffer.compare(Buffer.from(bytes.subarray(44)), raw.subarray(44))).toBe(0)
    expect(Buffer.compare(Buffer.from(bytes), raw)).toBe(0)
  })

  it('probes without decoding', async () => {
    const info = await probeAudio(GOLDEN)
    expect([info.frames, info.sampleRate, info.channels, info.bitsPerSample]).toEqual([
      132300, 44100, 1, 16,
    ])
  })
})

describe('openAudio', () => {
  it.each([1, 7, 1000, 44100, 66150, 132300, 132301, 65536])(
    'streams the golden file in blocks of %i frames, equal to the whole decode',
    async (blockFrames) => {
      const whole = (await decodeAudioFile(GOLDEN)).channels[0]
      const blocks = await readAll(await openAudio(GOLDEN, { blockFrames }))
      const sizes = blocks.map((b) => b[0].length)
      expect(sizes.slice(0, -1).every((n) => n === blockFrames)).toBe(true)
      expect(sizes[sizes.length - 1]).toBe(132300 - blockFrames * (sizes.length - 1))
      expect(sizes).toHaveLength(Math.ceil(132300 / blockFrames))
      expect(join(blocks, 0)).toEqual(whole)
    },
  )

  it('returns null after the end, again and again', async () => {
    const path = tmp.file(
      'tiny.wav',
      riff([
        fmt({ channels: 1, rate: 8000, bits: 16 }),
        chunk('data', sampleBytes('pcm16', [[1, 2, 3, 4]])),
      ]),
    )
    const reader = await openAudio(path, { blockFrames: 2 })
    expect(reader.info.frames).toBe(4)
    expect((await reader.read())?.[0]).toEqual(new Float32Array([1, 2].map((v) => v / 32768)))
    expect((await reader.read())?.[0]).toEqual(new Float32Array([3, 4].map((v) => v / 32768)))
    expect(await reader.read()).toBeNull()
    expect(await reader.read()).toBeNull()
    await reader.close()
    await reader.close() // idempotent
    await expect(reader.read()).rejects.toThrow('after close()')
  })

  it("rejects a file with no samples as 'no-audio', not as silence", async () => {
    const path = tmp.file(
      'nothing.wav',
      riff([fmt({ channels: 2, rate: 8000, bits: 16 }), chunk('data', new Uint8Array(0))]),
    )
    const noAudio = {
      code: 'no-audio',
      message: 'nothing.wav: no audio: the data chunk holds 0 bytes, not one 4-byte frame',
    }
    await expect(openAudio(path)).rejects.toMatchObject(noAudio)
    await expect(decodeAudioFile(path)).rejects.toMatchObject(noAudio)
    await expect(probeAudio(path)).rejects.toMatchObject(noAudio)
  })

  it('streams a stereo 24-bit file at a misaligned data offset', async () => {
    const planar = [testValues('pcm24', 500, 5), testValues('pcm24', 500, 6)]
    const path = tmp.file(
      'odd-offset.wav',
      riff([
        chunk('junk', new Uint8Array(3)),
        fmt({ channels: 2, rate: 96000, bits: 24 }),
        chunk('data', sampleBytes('pcm24', planar)),
      ]),
    )
    const whole = await decodeAudioFile(path)
    const blocks = await readAll(await openAudio(path, { blockFrames: 64 }))
    expect([join(blocks, 0), join(blocks, 1)]).toEqual(whole.channels)
    expect(whole.channels[1][0]).toBe(planar[1][0] / 8388608)
  })

  it('serves overlapping read() calls in order', async () => {
    const whole = (await decodeAudioFile(GOLDEN)).channels[0]
    const reader = await openAudio(GOLDEN, { blockFrames: 50_000 })
    const [a, b, c, d] = await Promise.all([
      reader.read(),
      reader.read(),
      reader.read(),
      reader.read(),
    ])
    const closing = reader.close()
    expect([a, b, c].map((x) => x?.[0].length)).toEqual([50_000, 50_000, 32_300])
    expect(d).toBeNull()
    expect(join([a!, b!, c!], 0)).toEqual(whole)
    await closing
  })

  it('rejects a block size that is not a positive integer', async () => {
    await expect(openAudio(GOLDEN, { blockFrames: 0 })).rejects.toThrow(RangeError)
    await expect(openAudio(GOLDEN, { blockFrames: 1.5 })).rejects.toThrow(RangeError)
  })
})

describe('mixdownMono', () => {
  it('returns the same array for mono', () => {
    const x = new Float32Array([1, 2])
    expect(mixdownMono([x])).toBe(x)
  })

  it('takes the mean of the channels', () => {
    const out = mixdownMono([
      new Float32Array([1, 0.5, -1]),
      new Float32Array([0, 0.25, 1]),
      new Float32Array([0.5, 0, 0.5]),
    ])
    expect(Array.from(out)).toEqual([0.5, 0.25, Math.fround(1 / 6)])
  })

  it('rejects channels of unequal length', () => {
    expect(() => mixdownMono([new Float32Array(2), new Float32Array(3)])).toThrow(RangeError)
  })
})
