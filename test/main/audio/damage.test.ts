// Damaged Ogg Vorbis and MP3 files (FLAC: flac-stream.test.ts): what is decoded comes from the
// file, decoding goes on after the damage, and every loss is a warning that says where and how
// much. Each case is one the fuzz tests found or the audit observed.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { decodeAudioFile, probeAudio, type AudioWarning } from '../../../src-main/audio'
import {
  OGG_CONTINUED,
  readOggPage,
  withoutContinuedPacket,
} from '../../../src-main/audio/ogg-page'
import { crc32 } from '../../../src-main/audio/crc'
import { tempDir } from './wav-builder'
import { unitsOf } from './stream-units'

const tmp = tempDir()
afterAll(() => tmp.cleanup())
// mpg123 logs what it cannot decode to the console; keep the test output readable
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

const fixture = (name: string): Uint8Array =>
  new Uint8Array(
    readFileSync(fileURLToPath(new URL(`../../fixtures/audio/${name}`, import.meta.url))),
  )
const codes = (warnings: AudioWarning[]): string[] => warnings.map((w) => w.code)

/** Bytes [from, to) of `bytes` changed (xor 0x5a) */
function damaged(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out = bytes.slice()
  for (let i = from; i < to; i++) out[i] ^= 0x5a
  return out
}

/** How many samples at the start, and at the end, `a` and `b` share exactly */
function shared(a: Float32Array, b: Float32Array): { start: number; end: number } {
  let start = 0
  while (start < Math.min(a.length, b.length) && a[start] === b[start]) start++
  let end = 0
  while (end < Math.min(a.length, b.length) && a[a.length - 1 - end] === b[b.length - 1 - end]) {
    end++
  }
  return { start, end }
}

describe('Ogg Vorbis', () => {
  // 3 s of noise at 22,050 Hz: header pages at 0 and 58, audio pages at 3381 (to sample 27,648),
  // 7588 (55,808) and 11771 (66,150, the last)
  const NOISE = fixture('noise-3s-mono.ogg')
  const whole = decodeAudioFile(tmp.file('noise.ogg', NOISE))

  it('the fixture has the pages this test counts on', () => {
    const pages = [0, 58, 3381, 7588, 11771].map((at) => readOggPage(NOISE, at, NOISE.length))
    expect(pages.map((p) => typeof p !== 'string' && p.granule)).toEqual([
      0, 0, 27648, 55808, 66150,
    ])
  })

  it('cut short: only the whole pages before the cut are decoded, and the cut is reported', async () => {
    // The audit's case: the decoder used to add 0.9 s of audio that is not in the file
    const { info, channels } = await decodeAudioFile(tmp.file('half.ogg', NOISE.subarray(0, 9000)))
    expect(info.frames).toBe(27648)
    const { start } = shared(channels[0], (await whole).channels[0])
    expect(start).toBe(27648)
    expect(info.warnings).toEqual([
      {
        code: 'truncated',
        message: 'half.ogg: the last Ogg page does not end the stream; cut short?',
      },
      {
        code: 'truncated',
        message:
          'half.ogg: the file ends inside the Ogg page at byte 7588; its samples are lost (cut short?)',
      },
    ])
  })

  it("cut inside its first page of audio: AudioError 'no-audio' that says why", async () => {
    await expect(
      decodeAudioFile(tmp.file('early.ogg', NOISE.subarray(0, NOISE.length / 2))),
    ).rejects.toMatchObject({
      code: 'no-audio',
      message:
        'early.ogg: no audio: not one sample frame could be decoded (early.ogg: the file ends inside the Ogg page at byte 3381; its samples are lost (cut short?)); the file is damaged or empty',
    })
  })

  it('a damaged page: decoding resumes exactly after it, the loss counted', async () => {
    const { info, channels } = await decodeAudioFile(
      tmp.file('page2.ogg', damaged(NOISE, 4000, 4100)),
    )
    const lost = 66150 - info.frames
    expect(lost).toBe(27648 + 512) // page 2, and the first packet after it (the decoder restarts)
    const { end } = shared(channels[0], (await whole).channels[0])
    expect(end).toBe(info.frames) // everything decoded is the original's, sample for sample
    expect(info.warnings).toEqual([
      {
        code: 'damaged',
        message: `page2.ogg: bytes 3381–7587 (4207) are damaged; Ogg page 2 is missing; ${lost} sample frames of the stream before sample frame 55808 are lost`,
      },
      {
        code: 'length-mismatch',
        message: `page2.ogg: decoded ${info.frames} of the 66150 sample frames the header states; ${lost} are missing`,
      },
    ])
  })

  it('a damaged last page: the stream is reported as cut short there', async () => {
    const { info } = await decodeAudioFile(tmp.file('last.ogg', damaged(NOISE, 12000, 12100)))
    expect(info.frames).toBe(55808)
    expect(codes(info.warnings)).toEqual(['truncated', 'damaged'])
    expect(info.warnings[1].message).toBe(
      'last.ogg: bytes 11771–13416 (1646) at the end are damaged; the samples after the last whole page are lost',
    )
  })

  it("damaged headers are AudioError 'corrupt'", async () => {
    await expect(
      decodeAudioFile(tmp.file('headers.ogg', damaged(NOISE, 100, 200))),
    ).rejects.toMatchObject({ code: 'corrupt' })
  })
})

describe('Ogg pages', () => {
  /** A page of `serial` whose lacing values are `laces` (bodies of zeros), with its CRC */
  function page(flags: number, laces: number[]): Uint8Array {
    const body = laces.reduce((n, l) => n + l, 0)
    const b = new Uint8Array(27 + laces.length + body)
    b.set([0x4f, 0x67, 0x67, 0x53, 0, flags], 0)
    b[26] = laces.length
    b.set(laces, 27)
    for (let i = 0; i < body; i++) b[27 + laces.length + i] = i & 0xff
    new DataView(b.buffer).setUint32(22, crc32(b, 0, b.length), true)
    return b
  }

  it('checks the CRC', () => {
    const p = page(0, [10])
    expect(readOggPage(p, 0, p.length)).toMatchObject({ length: 38, packetsEnded: 1 })
    p[30] ^= 1
    expect(readOggPage(p, 0, p.length)).toBe('invalid')
    expect(readOggPage(p, 0, 20)).toBe('short')
  })

  it('drops the rest of a packet that a lost page began', () => {
    const p = page(OGG_CONTINUED, [255, 10, 20])
    const parsed = readOggPage(p, 0, p.length)
    if (typeof parsed === 'string') throw new Error(parsed)
    const rest = withoutContinuedPacket(p, parsed)!
    const again = readOggPage(rest, 0, rest.length) // the CRC is set again
    expect(again).toMatchObject({ flags: 0, length: 27 + 1 + 20, packetsEnded: 1 })
    expect(Array.from(rest.subarray(28))).toEqual(Array.from(p.subarray(27 + 3 + 265)))
  })

  it('gives nothing when the packet goes on past the page', () => {
    const p = page(OGG_CONTINUED, [255, 255])
    const parsed = readOggPage(p, 0, p.length)
    if (typeof parsed === 'string') throw new Error(parsed)
    expect(withoutContinuedPacket(p, parsed)).toBeUndefined()
  })
})

describe('MP3', () => {
  // 20 bytes of ID3v2 tag, then an Info frame with a LAME tag (written by ffmpeg), then 40 frames
  const TONE = fixture('tone-1k-mono.mp3')
  const NOXING = fixture('tone-1k-mono-noxing.mp3') // 40 frames of 208 or 209 bytes, nothing else
  const frame = unitsOf(NOXING, 'mp3').map((u) => u.at)

  it('a damaged LAME tag is not trusted: nothing is trimmed by it, and that is said', async () => {
    const bytes = TONE.slice()
    bytes[20 + 141 + 21] ^= 0x40 // the encoder delay, which mpg123 would trim by
    const path = tmp.file('lame.mp3', bytes)
    expect((await probeAudio(path)).framesExact).toBe(false)
    const { info } = await decodeAudioFile(path)
    expect(info.frames).toBe(40 * 1152) // every audio frame, the delay and padding kept
    expect(info.warnings[0]).toEqual({
      code: 'damaged',
      message:
        'lame.mp3: the LAME tag in the first MPEG frame is damaged (its CRC does not match), so it is ignored; the length is estimated from the bitrate',
    })
    expect((await probeAudio(path)).warnings).toEqual(info.warnings.slice(0, 1))
  })

  it('a damaged ID3v2 size: the bytes skipped to the first frame are reported', async () => {
    const bytes = TONE.slice()
    bytes[8] = 4 // the tag now claims 512 bytes more, into the audio
    const { info } = await decodeAudioFile(tmp.file('id3.mp3', bytes))
    expect(info.frames).toBeLessThan(44100)
    expect(info.warnings[0].code).toBe('damaged')
    expect(info.warnings[0].message).toMatch(
      /^id3\.mp3: bytes 532–\d+ \(\d+\) after the ID3v2 tag are no MPEG frames and were skipped$/,
    )
  })

  it('a damaged frame header in the middle: skipped, and about one frame reported lost', async () => {
    const bytes = NOXING.slice()
    bytes[frame[20] + 1] = 0 // the sync of frame 20
    const { info } = await decodeAudioFile(tmp.file('middle.mp3', bytes))
    expect(info.frames).toBe(39 * 1152)
    expect(info.warnings.slice(1)).toEqual([
      {
        code: 'damaged',
        message: `middle.mp3: bytes ${frame[20]}–${frame[21] - 1} (${frame[21] - frame[20]}) are no MPEG frames of the stream and were skipped; about 1152 sample frames are lost`,
      },
    ])
  })

  it('a damaged last frame header is damage, not trailing data', async () => {
    const bytes = NOXING.slice()
    bytes[frame[39]] = 0
    const { info } = await decodeAudioFile(tmp.file('end.mp3', bytes))
    expect(info.frames).toBe(39 * 1152)
    expect(info.warnings.slice(1)).toEqual([
      {
        code: 'damaged',
        message: `end.mp3: bytes ${frame[39]}–8358 (${8359 - frame[39]}) at the end are no MPEG frames of the stream; if they were, about 1152 sample frames are lost`,
      },
    ])
  })

  it('an ID3v1 tag at the end is no damage', async () => {
    const bytes = new Uint8Array(NOXING.length + 128)
    bytes.set(NOXING)
    bytes.set([0x54, 0x41, 0x47], NOXING.length) // 'TAG'
    const { info } = await decodeAudioFile(tmp.file('id3v1.mp3', bytes))
    expect(info.frames).toBe(40 * 1152)
    expect(codes(info.warnings)).toEqual(['length-unknown'])
  })

  it('a cut inside a frame is reported', async () => {
    const { info } = await decodeAudioFile(tmp.file('cut.mp3', NOXING.subarray(0, frame[30] + 100)))
    expect(info.frames).toBe(30 * 1152)
    expect(info.warnings.slice(1)).toEqual([
      {
        code: 'truncated',
        message: `cut.mp3: the file ends inside the MPEG frame at byte ${frame[30]}; its samples are lost (cut short?)`,
      },
    ])
  })
})
