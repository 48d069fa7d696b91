import { afterAll, describe, expect, it } from 'vitest'
import { decodeAudioFile, openAudio, probeAudio, type SampleFormat } from '../../../src-main/audio'
import {
  BITS,
  chunk,
  expectedFloat,
  fmt,
  riff,
  sampleBytes,
  tempDir,
  testValues,
  type TestFormat,
} from './wav-builder'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const FORMATS: TestFormat[] = ['pcm8', 'pcm16', 'pcm24', 'pcm32', 'float32', 'float64']

describe('WAV decoding of every sample format', () => {
  for (const format of FORMATS) {
    for (const channels of [1, 2, 6]) {
      for (const extensible of [false, true]) {
        const name = `${format}-${channels}ch${extensible ? '-ext' : ''}.wav`
        it(`decodes ${name} exactly`, async () => {
          const frames = 1001 // odd, so that pcm8 and pcm24 mono data need a pad byte
          const planar = Array.from({ length: channels }, (_, c) =>
            testValues(format, frames, 17 * c + 3),
          )
          const tag = format.startsWith('float') ? 3 : 1
          const rate = 48000
          const data = sampleBytes(format, planar)
          const path = tmp.file(
            name,
            riff([
              fmt({ tag, channels, rate, bits: BITS[format], extensible }),
              chunk('data', data),
            ]),
          )
          const info = await probeAudio(path)
          expect(info).toEqual({
            path,
            container: 'wav',
            sampleFormat: format as SampleFormat,
            bitsPerSample: BITS[format],
            sampleRate: rate,
            channels,
            frames,
            framesExact: true,
            durationSec: frames / rate,
            warnings: [],
          })
          const decoded = await decodeAudioFile(path)
          expect(decoded.info).toEqual(info)
          expect(decoded.channels).toHaveLength(channels)
          for (let c = 0; c < channels; c++) {
            const want = Float32Array.from(planar[c], (v) => expectedFloat(format, v))
            expect(decoded.channels[c]).toEqual(want)
          }
        })
      }
    }
  }

  it('maps the integer extremes to exactly -1 and (2^(n-1) - 1) / 2^(n-1)', async () => {
    const path = tmp.file(
      'extremes.wav',
      riff([
        fmt({ channels: 1, rate: 8000, bits: 16 }),
        chunk('data', sampleBytes('pcm16', [[-32768, 32767, 0, 1, -1]])),
      ]),
    )
    const { channels } = await decodeAudioFile(path)
    expect(Array.from(channels[0])).toEqual([-1, 32767 / 32768, 0, 1 / 32768, -1 / 32768])
  })

  it('decodes unsigned 8-bit around 128', async () => {
    const path = tmp.file(
      'u8.wav',
      riff([
        fmt({ channels: 1, rate: 8000, bits: 8 }),
        chunk('data', Uint8Array.from([0, 128, 255, 64])),
      ]),
    )
    const { channels } = await decodeAudioFile(path)
    expect(Array.from(channels[0])).toEqual([-1, 0, 127 / 128, -0.5])
  })

  it('streams the same samples as the whole-file decode, for every format', async () => {
    for (const format of FORMATS) {
      const planar = [testValues(format, 777, 1), testValues(format, 777, 2)]
      const tag = format.startsWith('float') ? 3 : 1
      const path = tmp.file(
        `stream-${format}.wav`,
        riff([
          fmt({ tag, channels: 2, rate: 44100, bits: BITS[format] }),
          chunk('data', sampleBytes(format, planar)),
        ]),
      )
      const whole = await decodeAudioFile(path)
      const reader = await openAudio(path, { blockFrames: 100 })
      const blocks: Float32Array[][] = []
      for (let b = await reader.read(); b !== null; b = await reader.read()) blocks.push(b)
      await reader.close()
      expect(blocks.map((b) => b[0].length)).toEqual([100, 100, 100, 100, 100, 100, 100, 77])
      for (let c = 0; c < 2; c++) {
        const joined = new Float32Array(777)
        blocks.forEach((b, i) => joined.set(b[c], i * 100))
        expect(joined).toEqual(whole.channels[c])
      }
    }
  })
})
