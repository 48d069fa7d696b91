// Damaged input must only ever produce AudioError (or a valid result), never another exception,
// a hang, or an allocation driven by a bogus size field.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  decodeAudioFile,
  isAudioError,
  openAudio,
  parseWavHeader,
  probeAudio,
  type WavLayout,
} from '../../../src-main/audio'
import { ascii, chunk, fmt, riff, sampleBytes, tempDir, testValues } from './wav-builder'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const BASES: Uint8Array[] = [
  riff([
    fmt({ channels: 1, rate: 44100, bits: 16 }),
    chunk('data', sampleBytes('pcm16', [testValues('pcm16', 20, 1)])),
  ]),
  riff([
    chunk('LIST', ascii('odd')),
    fmt({ tag: 3, channels: 2, rate: 48000, bits: 32, extensible: true }),
    chunk('fact', new Uint8Array(4)),
    chunk(
      'data',
      sampleBytes('float32', [testValues('float32', 9, 2), testValues('float32', 9, 3)]),
    ),
  ]),
  riff([
    fmt({ channels: 3, rate: 8000, bits: 24 }),
    chunk('data', sampleBytes('pcm24', [[1], [2], [3]])),
  ]),
]

type Mutation = {
  base: number
  flips: [number, number][]
  sizes: [number, number][]
  cut: number | undefined
}

/** Byte edits: flips at random places, and random 32-bit values written over size fields */
const mutation: fc.Arbitrary<Mutation> = fc.record({
  base: fc.integer({ min: 0, max: BASES.length - 1 }),
  flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
  sizes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 2 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
})

function mutate(m: Mutation): Uint8Array {
  const base = BASES[m.base]
  const b = base.slice()
  for (const [at, value] of m.flips) b[at % b.length] = value
  const dv = new DataView(b.buffer)
  // Chunk size fields sit at 4, 16 and the like; also hit arbitrary 4-aligned offsets
  for (const [at, value] of m.sizes)
    dv.setUint32(Math.min(((at % b.length) & ~3) + 4, b.length - 4), value, true)
  return m.cut === undefined ? b : b.subarray(0, m.cut % (b.length + 1))
}

function checkLayout(layout: WavLayout, size: number): void {
  expect(layout.dataOffset + layout.dataBytes).toBeLessThanOrEqual(size)
  expect(layout.frames * layout.blockAlign).toBe(layout.dataBytes)
  expect(layout.channels).toBeGreaterThanOrEqual(1)
  expect(layout.channels).toBeLessThanOrEqual(256)
  expect(layout.sampleRate).toBeGreaterThanOrEqual(1000)
  expect(layout.sampleRate).toBeLessThanOrEqual(768000)
}

/** Runs `fn`; passes when it succeeds or throws AudioError, and rethrows anything else */
async function onlyAudioErrors<T>(fn: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await fn()
  } catch (e) {
    if (!isAudioError(e)) throw e
    expect(e.message.length).toBeGreaterThan(0)
    return undefined
  }
}

async function decodeEverything(path: string): Promise<void> {
  const info = await onlyAudioErrors(() => probeAudio(path))
  const whole = await onlyAudioErrors(() => decodeAudioFile(path))
  await onlyAudioErrors(async () => {
    const reader = await openAudio(path, { blockFrames: 3 })
    try {
      let frames = 0
      for (let b = await reader.read(); b !== null; b = await reader.read()) frames += b[0].length
      if (whole !== undefined) expect(frames).toBe(whole.info.frames)
    } finally {
      await reader.close()
    }
  })
  if (info !== undefined && whole !== undefined && info.container === 'wav') {
    expect(whole.info.frames).toBe(info.frames)
  }
}

describe('parseWavHeader on damaged bytes', () => {
  it('throws only AudioError, and what it returns is consistent', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const bytes = mutate(m)
        try {
          checkLayout(parseWavHeader(bytes, 'f.wav', bytes.length), bytes.length)
        } catch (e) {
          if (!isAudioError(e)) throw e
        }
      }),
      { numRuns: 5000 },
    )
  })

  it('handles a cut at every offset of every base file', () => {
    for (const base of BASES) {
      for (let cut = 0; cut <= base.length; cut++) {
        const bytes = base.subarray(0, cut)
        try {
          checkLayout(parseWavHeader(bytes, 'f.wav', cut), cut)
        } catch (e) {
          if (!isAudioError(e)) throw e
        }
      }
    }
  })

  it('skips a chunk claiming 4 GB without reading or allocating it', () => {
    const bytes = riff([
      chunk('junk', new Uint8Array(40), 0xfffffff0),
      fmt({ channels: 1, rate: 8000, bits: 16 }),
    ])
    expect(() => parseWavHeader(bytes, 'f.wav', bytes.length)).toThrow('f.wav: no fmt chunk')
  })

  it('gives up on a run of more than 10,000 empty chunks', () => {
    const empties = Array.from({ length: 10_001 }, () => chunk('null', new Uint8Array(0)))
    const bytes = riff(empties)
    expect(() => parseWavHeader(bytes, 'f.wav', bytes.length)).toThrow(
      'f.wav: more than 10000 chunks before the samples',
    )
  })
})

describe('files with damaged bytes', () => {
  it('probe, decode and stream reject only with AudioError', { timeout: 60_000 }, async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await decodeEverything(tmp.file(`m${n++}.wav`, mutate(m)))
      }),
      { numRuns: 300 },
    )
  })

  it('a WAV cut at every offset is handled', { timeout: 60_000 }, async () => {
    const base = BASES[1]
    for (let cut = 0; cut <= base.length; cut++) {
      await decodeEverything(tmp.file(`cut${cut}.wav`, base.subarray(0, cut)))
    }
  })
})

describe('compressed files with damaged bytes', () => {
  // The wasm decoders log their errors to the console; keep the test output readable
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const FIXTURES = [
    'tone-1k-mono.flac',
    'tone-440-880-stereo.mp3',
    'tone-1k-mono-noxing.mp3',
    'tone-440-880-stereo.ogg',
  ]
  for (const name of FIXTURES) {
    const original = new Uint8Array(
      readFileSync(fileURLToPath(new URL(`../../fixtures/audio/${name}`, import.meta.url))),
    )
    const ext = name.slice(name.lastIndexOf('.'))

    it(`${name} cut at many offsets: only AudioError`, { timeout: 120_000 }, async () => {
      const cuts = [
        ...Array.from({ length: 64 }, (_, i) => i),
        ...Array.from({ length: 24 }, (_, i) => Math.floor(((i + 1) * original.length) / 25)),
      ]
      for (const cut of cuts)
        await decodeEverything(tmp.file(`cut-${cut}${ext}`, original.subarray(0, cut)))
    })

    it(`${name} with flipped bytes: only AudioError`, { timeout: 120_000 }, async () => {
      let n = 0
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 8,
          }),
          fc.boolean(),
          async (flips, inHeader) => {
            const b = original.slice()
            // half the runs hit the first 200 bytes, where the headers are
            for (const [at, v] of flips) b[at % (inHeader ? 200 : b.length)] = v
            await decodeEverything(tmp.file(`flip-${n++}${ext}`, b))
          },
        ),
        { numRuns: 40 },
      )
    })
  }
})
