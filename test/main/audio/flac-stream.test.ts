// The FLAC stream decoder on hand-made streams (each stereo decorrelation, 33-bit side channels,
// variable block sizes, frame numbers that jump) and on damaged files: damage is skipped, the
// decoding goes on after it, and every sample frame lost is counted in a warning.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeAudioFile, type AudioWarning } from '../../../src-main/audio'
import { flacStream, type FrameSpec } from './flac-writer'
import { tempDir } from './wav-builder'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const TONE = new Uint8Array(
  readFileSync(fileURLToPath(new URL('../../fixtures/audio/tone-1k-mono.flac', import.meta.url))),
)

const codes = (warnings: AudioWarning[]): string[] => warnings.map((w) => w.code)

describe('stereo decorrelation', () => {
  const L = [-32768, 32767, 0, 1, -1, 1000, -20000]
  const R = [32767, -32768, 0, -1, 1, -999, 20001]
  const side = L.map((l, i) => l - R[i])
  const mid = L.map((l, i) => Math.floor((l + R[i]) / 2))
  it.each([
    ['independent', 1, [L, R]],
    ['left/side', 8, [L, side]],
    ['side/right', 9, [side, R]],
    ['mid/side', 10, [mid, side]],
  ] as const)('%s gives back left and right', async (_, assignment, subframes) => {
    const bytes = flacStream({
      sampleRate: 44100,
      bits: 16,
      channels: 2,
      totalFrames: L.length,
      frames: [{ assignment, number: 0, subframes: subframes.map((s) => [...s]) }],
    })
    const { info, channels } = await decodeAudioFile(tmp.file(`stereo-${assignment}.flac`, bytes))
    expect(info.warnings).toEqual([])
    expect(Array.from(channels[0])).toEqual(L.map((v) => v / 32768))
    expect(Array.from(channels[1])).toEqual(R.map((v) => v / 32768))
  })

  it('mid/side at 32 bits, with a 33-bit side channel', async () => {
    const l = [-(2 ** 31), 2 ** 31 - 256, 0]
    const r = [2 ** 31 - 256, -(2 ** 31), -256]
    const s = l.map((v, i) => v - r[i]) // up to ±(2^32 - 256): 33 bits
    const m = l.map((v, i) => Math.floor((v + r[i]) / 2))
    const bytes = flacStream({
      sampleRate: 48000,
      bits: 32,
      channels: 2,
      totalFrames: 3,
      frames: [{ assignment: 10, number: 0, subframes: [m, s] }],
    })
    const { channels } = await decodeAudioFile(tmp.file('ms32.flac', bytes))
    expect(Array.from(channels[0])).toEqual(l.map((v) => v / 2 ** 31))
    expect(Array.from(channels[1])).toEqual(r.map((v) => v / 2 ** 31))
  })
})

describe('frame numbers', () => {
  const mono = (number: number, length: number, from: number): FrameSpec => ({
    assignment: 0,
    number,
    subframes: [Array.from({ length }, (_, i) => from + i)],
  })

  it('variable block sizes count samples', async () => {
    const frames = [mono(0, 100, 0), mono(100, 50, 100), mono(150, 200, 150)]
    const bytes = flacStream({
      sampleRate: 8000,
      bits: 16,
      channels: 1,
      totalFrames: 350,
      variable: true,
      frames,
    })
    const { info, channels } = await decodeAudioFile(tmp.file('variable.flac', bytes))
    expect(info.warnings).toEqual([])
    expect(Array.from(channels[0])).toEqual(Array.from({ length: 350 }, (_, i) => i / 32768))
  })

  it('a jump in the sample numbers is reported with the frames missing', async () => {
    const frames = [mono(0, 100, 0), mono(120, 50, 120)]
    const bytes = flacStream({
      sampleRate: 8000,
      bits: 16,
      channels: 1,
      totalFrames: 170,
      variable: true,
      frames,
    })
    const { info } = await decodeAudioFile(tmp.file('jump.flac', bytes))
    expect(info.frames).toBe(150)
    expect(info.warnings).toEqual([
      {
        code: 'damaged',
        message:
          'jump.flac: FLAC frame at byte 253 does not follow on from the one before; sample frames 100–119 (20) are lost',
      },
      {
        code: 'length-mismatch',
        message:
          'jump.flac: decoded 150 of the 170 sample frames the header states; 20 are missing',
      },
    ])
  })

  it('a frame number that goes back is reported, and its samples kept', async () => {
    const frames = [mono(0, 64, 0), mono(1, 64, 64), mono(1, 64, 64)]
    const bytes = flacStream({ sampleRate: 8000, bits: 16, channels: 1, totalFrames: 128, frames })
    const { info } = await decodeAudioFile(tmp.file('back.flac', bytes))
    expect(info.frames).toBe(192)
    expect(codes(info.warnings)).toEqual(['damaged', 'length-mismatch'])
    expect(info.warnings[0].message).toContain('the next frame goes back to sample 64 from 128')
  })
})

describe('damaged FLAC files', () => {
  const original = decodeAudioFile(tmp.file('tone.flac', TONE))

  /** Decodes `bytes`, checks every sample came from the original in order, and returns the gaps */
  async function decodeDamaged(name: string, bytes: Uint8Array) {
    const whole = (await original).channels[0]
    const { info, channels } = await decodeAudioFile(tmp.file(name, bytes))
    const got = channels[0]
    // The output is the original with whole runs left out: match it block by block (4096)
    const kept: number[] = []
    for (let at = 0; at < got.length; at += 4096) {
      const block = got.subarray(at, at + 4096)
      const from = kept.length === 0 ? 0 : kept[kept.length - 1] + 4096
      let k = from
      while (k < whole.length && !sameSamples(whole.subarray(k, k + block.length), block)) k += 4096
      expect(k).toBeLessThan(whole.length) // every block is one of the original's
      kept.push(k)
    }
    return { info, kept }
  }

  it('2,000 corrupted bytes: the frames after them are decoded, the lost ones counted', async () => {
    const bytes = TONE.slice()
    for (let i = 8000; i < 10000; i++) bytes[i] = (i * 7919) & 0xff
    const { info, kept } = await decodeDamaged('corrupt.flac', bytes)
    const lost = 44100 - info.frames
    expect(lost).toBeGreaterThan(0)
    expect(lost).toBeLessThanOrEqual(2 * 4096) // 2,000 bytes touch at most two frames here
    expect(kept.at(-1)).toBe(40960) // the last (short) frame is there
    expect(codes(info.warnings)).toEqual(['damaged', 'length-mismatch'])
    const [, first, last, count] = /sample frames (\d+)–(\d+) \((\d+)\) are lost/
      .exec(info.warnings[0].message)!
      .map(Number)
    expect([count, last - first + 1]).toEqual([lost, lost])
    expect(kept).not.toContain(first) // the lost run is what is missing from the output
    expect(info.warnings[1].message).toContain(`${lost} are missing`)
  })

  it('a file cut inside a frame: the frames before the cut, and the cut reported', async () => {
    const { info, kept } = await decodeDamaged('cut.flac', TONE.subarray(0, 15000))
    expect(kept).toEqual(kept.map((_, i) => i * 4096))
    expect(codes(info.warnings)).toEqual(['truncated', 'length-mismatch'])
    expect(info.warnings[0].message).toMatch(
      /ends inside the FLAC frame at byte \d+; the samples from sample frame \d+ on are lost/,
    )
  })

  it('bytes after the last frame are reported as trailing data, the audio is whole', async () => {
    const tag = new Uint8Array(128).fill(0x41)
    const bytes = new Uint8Array(TONE.length + tag.length)
    bytes.set(TONE)
    bytes.set(tag, TONE.length)
    const { info } = await decodeAudioFile(tmp.file('tagged.flac', bytes))
    expect(info.frames).toBe(44100)
    expect(info.warnings).toEqual([
      {
        code: 'trailing-data',
        message: `tagged.flac: bytes ${TONE.length}–${bytes.length - 1} (128) after the last FLAC frame are not audio; ignored`,
      },
    ])
  })

  it("no decodable frame at all is 'no-audio'", async () => {
    const bytes = TONE.slice()
    for (let i = 200; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff
    await expect(decodeAudioFile(tmp.file('ruined.flac', bytes))).rejects.toMatchObject({
      code: 'no-audio',
    })
  })
})

function sameSamples(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
