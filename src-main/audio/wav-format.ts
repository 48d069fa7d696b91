import { AudioError, type Warn } from './errors'
import type { SampleFormat } from './types'
import { u16le, u32le } from './bytes'
import { checkRateAndChannels } from './limits'

/** WAVE_FORMAT_PCM: integer samples */
export const FORMAT_PCM = 1
/** WAVE_FORMAT_IEEE_FLOAT: float samples */
export const FORMAT_FLOAT = 3
/** WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the subformat GUID */
export const FORMAT_EXTENSIBLE = 0xfffe

/** The sample encoding described by a fmt chunk; rate in Hz, blockAlign in bytes per frame */
export interface WavFormat {
  /** WAVE_FORMAT_PCM (1) or IEEE_FLOAT (3); for EXTENSIBLE files, the subformat's tag */
  formatTag: number
  sampleFormat: SampleFormat
  bitsPerSample: number
  channels: number
  /** Hz */
  sampleRate: number
  /** Bytes per sample frame (all channels) */
  blockAlign: number
}

// Tags seen in the wild, so that the error can say what the file is
const TAG_NAMES: Record<number, string> = {
  2: 'Microsoft ADPCM',
  6: 'A-law',
  7: 'µ-law',
  0x11: 'IMA ADPCM',
  0x31: 'GSM 6.10',
  0x50: 'MPEG',
  0x55: 'MPEG Layer 3',
  0x161: 'WMA',
  0xf1ac: 'FLAC',
}

const CONVERT = 'convert it to PCM or float WAV (e.g. `sox in.wav -e signed -b 16 out.wav`) or FLAC'

/**
 * Reads the first 16 (or 40, for EXTENSIBLE) bytes of a fmt chunk body; throws AudioError, and
 * warns about fields that contradict the others
 */
export function resolveWavFormat(fmt: Uint8Array, path: string, warn: Warn): WavFormat {
  let formatTag = u16le(fmt, 0)
  const channels = u16le(fmt, 2)
  const sampleRate = u32le(fmt, 4)
  const byteRate = u32le(fmt, 8)
  const declaredAlign = u16le(fmt, 12)
  const bitsPerSample = u16le(fmt, 14)
  let validBits = bitsPerSample
  if (formatTag === FORMAT_EXTENSIBLE) {
    if (fmt.length < 40) {
      throw new AudioError(
        path,
        'corrupt',
        `WAVE_FORMAT_EXTENSIBLE fmt chunk is ${fmt.length} bytes, not 40`,
      )
    }
    formatTag = u16le(fmt, 24)
    validBits = u16le(fmt, 18)
  }
  checkRateAndChannels(path, 'header', sampleRate, channels)
  const sampleFormat = sampleFormatOf(formatTag, bitsPerSample, path)
  const blockAlign = channels * (bitsPerSample / 8)
  if (declaredAlign !== blockAlign) {
    warn(
      'header-mismatch',
      `fmt chunk says ${declaredAlign} bytes per frame; using ${blockAlign} (${channels} × ${bitsPerSample} bits)`,
    )
  }
  // (a byte rate that follows from the wrong block align is the same lie, told once)
  if (byteRate !== sampleRate * blockAlign && byteRate !== sampleRate * declaredAlign) {
    warn(
      'header-mismatch',
      `fmt chunk says ${byteRate} bytes per second, not ${sampleRate * blockAlign} (${sampleRate} Hz × ${blockAlign} bytes); ignored`,
    )
  }
  if (validBits > bitsPerSample) {
    warn(
      'header-mismatch',
      `fmt chunk says ${validBits} valid bits in ${bitsPerSample}-bit samples; read as ${bitsPerSample}-bit`,
    )
  }
  return { formatTag, sampleFormat, bitsPerSample, channels, sampleRate, blockAlign }
}

function sampleFormatOf(tag: number, bits: number, path: string): SampleFormat {
  if (tag === FORMAT_PCM) {
    if (bits === 8) return 'pcm8'
    if (bits === 16) return 'pcm16'
    if (bits === 24) return 'pcm24'
    if (bits === 32) return 'pcm32'
    throw new AudioError(path, 'unsupported', `${bits}-bit PCM is not supported; ${CONVERT}`)
  }
  if (tag === FORMAT_FLOAT) {
    if (bits === 32) return 'float32'
    if (bits === 64) return 'float64'
    throw new AudioError(path, 'unsupported', `${bits}-bit float is not supported; ${CONVERT}`)
  }
  const hex = `0x${tag.toString(16).toUpperCase().padStart(4, '0')}`
  const name = TAG_NAMES[tag] === undefined ? '' : ` (${TAG_NAMES[tag]})`
  throw new AudioError(path, 'unsupported', `format tag ${hex}${name} is not supported; ${CONVERT}`)
}
