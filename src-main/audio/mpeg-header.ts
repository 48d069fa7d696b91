import { ascii, u32be } from './bytes'
import { crc16Arc } from './crc'

/** One MPEG audio frame header; rates in Hz and bit/s, sizes in bytes, lengths in samples */
export interface MpegFrame {
  /** 1, 2 or 2.5 */
  version: number
  layer: number
  /** bit/s */
  bitrate: number
  /** Hz */
  sampleRate: number
  channels: number
  /** Bytes of the whole frame, header included */
  frameBytes: number
  /** Samples per channel that the frame decodes to */
  samplesPerFrame: number
}

// kbit/s by bitrate index: MPEG-1 layers 1-3, then MPEG-2/2.5 layer 1, then layers 2 and 3
const BITRATES = [
  [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
]
const RATES = [44100, 48000, 32000] // MPEG-1; halved for MPEG-2, quartered for MPEG-2.5

/** Parses the 4-byte frame header at `at`, or undefined when it is not one (free format too) */
export function parseMpegFrame(b: Uint8Array, at: number): MpegFrame | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return undefined
  const versionBits = (b[at + 1] >> 3) & 3
  const layerBits = (b[at + 1] >> 1) & 3
  const bitrateIndex = b[at + 2] >> 4
  const rateIndex = (b[at + 2] >> 2) & 3
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15) return
  if (rateIndex === 3) return undefined
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5
  const layer = 4 - layerBits
  const table = version === 1 ? layer - 1 : layer === 1 ? 3 : 4
  const bitrate = BITRATES[table][bitrateIndex] * 1000
  const sampleRate = RATES[rateIndex] / (version === 1 ? 1 : version === 2 ? 2 : 4)
  const padding = (b[at + 2] >> 1) & 1
  const channels = b[at + 3] >> 6 === 3 ? 1 : 2
  let frameBytes: number
  let samplesPerFrame: number
  if (layer === 1) {
    frameBytes = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
    samplesPerFrame = 384
  } else {
    const perFrame = layer === 3 && version !== 1 ? 576 : 1152
    frameBytes = Math.floor((perFrame / 8) * (bitrate / sampleRate)) + padding
    samplesPerFrame = perFrame
  }
  return { version, layer, bitrate, sampleRate, channels, frameBytes, samplesPerFrame }
}

/**
 * Whether two frames belong to the same stream: version, layer, rate and channel count agree (a
 * second check against false sync words and damaged headers)
 */
export function sameStream(a: MpegFrame, b: MpegFrame): boolean {
  return (
    a.version === b.version &&
    a.layer === b.layer &&
    a.sampleRate === b.sampleRate &&
    a.channels === b.channels
  )
}

/** Length from a Xing/Info or VBRI header: samples per channel after gapless trimming */
export interface MpegLength {
  samples: number
  source: 'xing' | 'vbri'
  /** A LAME tag whose CRC does not match: its length, delay and padding cannot be trusted */
  damaged: boolean
}

/**
 * Reads a Xing/Info header (with LAME encoder delay and padding, which mpg123's gapless mode
 * trims) or a VBRI header from the first frame at `at`; undefined when there is none.
 */
export function readMpegLength(b: Uint8Array, at: number, f: MpegFrame): MpegLength | undefined {
  if (f.layer !== 3) return undefined
  const side = f.version === 1 ? (f.channels === 1 ? 17 : 32) : f.channels === 1 ? 9 : 17
  const x = at + 4 + side
  const tag = ascii(b, x, 4)
  if ((tag === 'Xing' || tag === 'Info') && x + 8 <= b.length) {
    const flags = u32be(b, x + 4)
    if ((flags & 1) === 0 || x + 12 > b.length) return undefined
    const frames = u32be(b, x + 8)
    // LAME tag after the optional bytes, TOC and quality fields; delay/padding at its byte 21.
    // Read whatever the encoder's name (LAME, Lavf, …), as mpg123 does; all zeros trims nothing.
    const lame = x + 12 + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0)
    let trim = 0
    let damaged = false
    const frameEnd = Math.min(b.length, at + f.frameBytes)
    if (lame + 24 <= frameEnd) {
      const delay = (b[lame + 21] << 4) | (b[lame + 22] >> 4)
      const padding = ((b[lame + 22] & 0x0f) << 8) | b[lame + 23]
      trim = delay + padding
    }
    // The delay and padding are read whatever the encoder's name, so the CRC is checked so too
    if (lame + 36 <= frameEnd) damaged = !lameTagChecks(b, at, lame)
    const samples = Math.max(0, frames * f.samplesPerFrame - trim)
    return { samples, source: 'xing', damaged }
  }
  const v = at + 4 + 32 // VBRI sits at a fixed place after the side information
  if (ascii(b, v, 4) === 'VBRI' && v + 18 <= b.length) {
    return { samples: u32be(b, v + 14) * f.samplesPerFrame, source: 'vbri', damaged: false }
  }
  return undefined
}

/**
 * Whether the CRC-16 at the end of the LAME tag at `lame` (in the frame at `at`) matches: LAME
 * covers the frame up to the CRC; ffmpeg its first 190 bytes with the CRC field as zeros, which
 * is the same for stereo MPEG-1 (the field at byte 190) and not for other layouts. A CRC of 0 is
 * taken as none written (a Xing header without a LAME tag leaves zeros there).
 */
function lameTagChecks(b: Uint8Array, at: number, lame: number): boolean {
  const stored = (b[lame + 34] << 8) | b[lame + 35]
  if (stored === 0 || crc16Arc(b, at, lame + 34) === stored) return true
  if (lame + 36 > at + 190 || at + 190 > b.length) return false
  const first = new Uint8Array(b.subarray(at, at + 190)) // a copy (Buffer#slice would be a view)
  first.fill(0, lame + 34 - at, lame + 36 - at)
  return crc16Arc(first, 0, 190) === stored
}

/** Samples per channel estimated from the audio's byte count at the first frame's bitrate */
export function estimateMpegSamples(audioBytes: number, f: MpegFrame): number {
  const bytesPerFrame = (f.samplesPerFrame / 8) * (f.bitrate / f.sampleRate)
  return Math.round(audioBytes / bytesPerFrame) * f.samplesPerFrame
}
