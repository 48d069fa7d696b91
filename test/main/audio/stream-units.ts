// The units of undamaged FLAC, MP3 and Ogg files (frames, pages), found with the audio layer's
// own parsers: where each starts, and how many sample frames the file holds up to it. The tests
// cut files at these places.
import { decodeFlacFrame, parseFlacFrameHeader } from '../../../src-main/audio/flac-frame'
import { parseMpegFrame, readMpegLength } from '../../../src-main/audio/mpeg-header'
import { readOggPage } from '../../../src-main/audio/ogg-page'

/** A frame or page: its byte offset and the sample frames decoded before its end */
export interface Unit {
  at: number
  bytes: number
  /** Sample frames of the stream up to the end of this unit; -1 where it does not say */
  samplesAfter: number
}

/** The frames of a FLAC file, with their integer samples (planar) before any scaling */
export function flacFrames(bytes: Uint8Array, bits: number, channels: number) {
  let at = 4
  for (let last = false; !last;) {
    last = (bytes[at] & 0x80) !== 0
    at += 4 + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3])
  }
  const padded = new Uint8Array(bytes.length + 4) // the bit reader looks up to 3 bytes ahead
  padded.set(bytes)
  const headers = []
  const samples: number[][] = Array.from({ length: channels }, () => [])
  const scratch = Array.from({ length: channels }, () => new Float64Array(65536))
  while (at < bytes.length) {
    const h = parseFlacFrameHeader(padded, at, bytes.length)
    const end = decodeFlacFrame(padded, at, bytes.length, h, bits, scratch)
    headers.push({ ...h, at, bytes: end - at })
    scratch.forEach((s, c) => samples[c].push(...s.subarray(0, h.blockSize)))
    at = end
  }
  return { headers, samples }
}

/** The units of a FLAC (frames), MP3 (frames) or Ogg (pages) file */
export function unitsOf(bytes: Uint8Array, container: 'flac' | 'mp3' | 'ogg'): Unit[] {
  const units: Unit[] = []
  if (container === 'flac') {
    const bits = (((bytes[20] & 1) << 4) | (bytes[21] >> 4)) + 1
    const channels = ((bytes[20] >> 1) & 7) + 1
    let samples = 0
    for (const h of flacFrames(bytes, bits, channels).headers) {
      samples += h.blockSize
      units.push({ at: h.at, bytes: h.bytes, samplesAfter: samples })
    }
  } else if (container === 'ogg') {
    for (let at = 0; at < bytes.length;) {
      const page = readOggPage(bytes, at, bytes.length)
      if (typeof page === 'string') throw new Error(`no Ogg page at ${at}`)
      units.push({ at, bytes: page.length, samplesAfter: page.granule })
      at += page.length
    }
  } else {
    let at = 0
    if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
      at = 10 + ((bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9])
    }
    let samples = 0
    while (at < bytes.length) {
      const f = parseMpegFrame(bytes, at)
      if (f === undefined) throw new Error(`no MPEG frame at ${at}`)
      // A Xing/Info frame holds the length, not audio
      if (units.length > 0 || readMpegLength(bytes, at, f) === undefined)
        samples += f.samplesPerFrame
      units.push({ at, bytes: f.frameBytes, samplesAfter: samples })
      at += f.frameBytes
    }
  }
  return units
}
