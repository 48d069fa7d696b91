// Damaged input must only ever produce AudioError (or a valid result), never another exception,
// a hang, or an allocation driven by a bogus size field.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  decodeAudioFile,
  isAudioError,
  openAudio,
  parseWavHeader,
  probeAudio,
  type AudioWarningCode,
  type WavLayout,
} from '../../../src-main/audio'
import { ascii, chunk, fmt, riff, sampleBytes, tempDir, testValues } from './wav-builder'
import { unitsOf } from './stream-units'

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

// FLAC, MP3 and Ogg: cut at every frame or page boundary and inside every one, and bytes flipped.
// Whatever the damage: only AudioError is thrown; never more sample frames than the file holds;
// a shortfall is an error or a warning that says so (except an MP3 without a Xing/Info header cut
// exactly between frames: nothing in such a file says that frames are missing).
describe('compressed streams, cut and flipped', () => {
  // The wasm decoders log their errors to the console; keep the test output readable
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const LOSS: AudioWarningCode[] = ['damaged', 'truncated', 'length-mismatch']
  const STREAMS = [
    'tone-1k-mono.flac',
    'tone-440-880-stereo.flac',
    'tone-1k-mono.mp3',
    'tone-440-880-stereo.mp3',
    'tone-1k-mono-noxing.mp3',
    'tone-1k-mono.ogg',
    'tone-440-880-stereo.ogg',
  ]

  for (const name of STREAMS) {
    const bytes = new Uint8Array(
      readFileSync(fileURLToPath(new URL(`../../fixtures/audio/${name}`, import.meta.url))),
    )
    const container = name.endsWith('.flac') ? 'flac' : name.endsWith('.mp3') ? 'mp3' : 'ogg'
    const ext = name.slice(name.lastIndexOf('.'))
    const units = unitsOf(bytes, container)
    const tagged = name !== 'tone-1k-mono-noxing.mp3' // the length is stated exactly
    let whole: Float32Array[] = []
    // The most an MP3 can give: every frame's samples, the Info tag's too, when a damaged tag
    // trims nothing
    const most = (): number => (container === 'mp3' ? units.length * 1152 : whole[0].length)

    beforeAll(async () => {
      const d = await decodeAudioFile(tmp.file(`whole-${name}`, bytes))
      expect(d.info.warnings.filter((w) => LOSS.includes(w.code))).toEqual([])
      whole = d.channels
    })

    /**
     * Probes, decodes and streams damaged bytes; checks the invariants and returns the decoded
     * channels and warnings, or undefined for an AudioError
     */
    async function check(damaged: Uint8Array, label: string, undetectable = false) {
      const path = tmp.file(`${label}${ext}`, damaged)
      await onlyAudioErrors(() => probeAudio(path))
      const decoded = await onlyAudioErrors(() => decodeAudioFile(path))
      const streamed = await onlyAudioErrors(async () => {
        const reader = await openAudio(path, { blockFrames: 4096 })
        let frames = 0
        try {
          for (let b = await reader.read(); b !== null; b = await reader.read())
            frames += b[0].length
        } finally {
          await reader.close()
        }
        return { frames, warnings: reader.warnings }
      })
      if (decoded === undefined) return undefined
      const frames = decoded.info.frames
      expect(streamed).toEqual({ frames, warnings: decoded.info.warnings })
      expect(frames).toBeLessThanOrEqual(most())
      const codes = decoded.info.warnings.map((w) => w.code)
      if (frames < whole[0].length && !undetectable) {
        expect(
          codes.some((c) => LOSS.includes(c)),
          `${label}: ${codes.join(', ')}`,
        ).toBe(true)
      }
      return { channels: decoded.channels, codes }
    }

    /** Samples the stream holds before byte `cut` (whole units only) */
    function samplesBefore(cut: number): number {
      let n = 0
      for (const u of units) if (u.at + u.bytes <= cut && u.samplesAfter > n) n = u.samplesAfter
      return n
    }

    it(
      `${name}: cut at every ${container === 'ogg' ? 'page' : 'frame'} boundary and inside each`,
      { timeout: 120_000 },
      async () => {
        for (const u of units.slice(1)) {
          for (const cut of [u.at, u.at + Math.floor(u.bytes / 2)]) {
            const inside = cut !== u.at
            const got = await check(bytes.subarray(0, cut), `cut-${cut}`, !tagged && !inside)
            if (got === undefined) {
              expect(samplesBefore(cut)).toBe(0) // only a file without a whole unit of audio fails
              continue
            }
            if (inside) expect(got.codes).toContain('truncated')
            // What is decoded is exactly the start of the whole decode
            const n = got.channels[0].length
            got.channels.forEach((c, i) => expect(sameBytes(c, whole[i].subarray(0, n))).toBe(true))
            // FLAC and Ogg give every unit before the cut; MP3 as well, less the trimmed delay
            if (container !== 'mp3') expect(n).toBe(samplesBefore(cut))
            else if (!tagged) expect(n).toBe(samplesBefore(cut))
            else expect(n).toBeLessThanOrEqual(samplesBefore(cut))
          }
        }
      },
    )

    it(`${name} with flipped bytes`, { timeout: 120_000 }, async () => {
      let n = 0
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
            minLength: 1,
            maxLength: 8,
          }),
          fc.boolean(),
          async (flips, inHeader) => {
            const b = bytes.slice()
            // half the runs hit the first 200 bytes, where the headers are
            for (const [at, v] of flips) b[at % (inHeader ? 200 : b.length)] = v
            await check(b, `flip-${n++}`)
          },
        ),
        { numRuns: 60 },
      )
    })
  }
})

/** Whether two sample arrays hold the same bits (fast: toEqual walks large arrays slowly) */
function sameBytes(a: Float32Array, b: Float32Array): boolean {
  const view = (x: Float32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength)
  return a.length === b.length && view(a).equals(view(b))
}
