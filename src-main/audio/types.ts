import type { FileWarningCode } from '@shared/model/warning'

/** Container detected from the file's magic bytes (never from its extension) */
export type AudioContainer = 'wav' | 'flac' | 'mp3' | 'ogg'

/** Sample encoding in the file; lossy formats report 'float32' (what the decoder yields) */
export type SampleFormat = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64'

/**
 * What kind of problem an AudioWarning reports. The file was still read; the warning says what
 * was repaired, skipped or is uncertain:
 * - 'header-mismatch': a header field contradicts the file (WAV blockAlign, byte rate, RIFF size,
 *   valid bits, a missing pad byte, a second fmt chunk); the layout the file really has was used
 * - 'data-size': the WAV data size runs past the end of the file (or is unset); the samples up
 *   to the end were read, so the file may have been cut short
 * - 'partial-frame': bytes at the end of the samples that make no whole frame were ignored
 * - 'length-unknown': the header states no exact length (a FLAC total of 0, an MP3 without a
 *   Xing/Info header, an Ogg file without a page that gives one); the length is estimated
 * - 'truncated': the stream stops early: no end-of-stream page, or the file ends inside a frame
 * - 'damaged': damaged bytes were skipped and decoding resumed after them; the message says where
 *   and how many sample frames were lost with them
 * - 'length-mismatch': the decoded length differs from the length the header states exactly;
 *   missing frames are counted, frames beyond the stated length are dropped
 * - 'trailing-data': bytes after the end of the audio that are not audio were ignored
 */
export type AudioWarningCode = FileWarningCode

/** A problem that did not stop the file from being read; plain data (structured-cloneable, JSON) */
export interface AudioWarning {
  code: AudioWarningCode
  /** `<file name>: <problem>; <what was done>`, like AudioError messages */
  message: string
}

/** What a header probe tells about an audio file; rates in Hz, lengths in sample frames */
export interface AudioInfo {
  path: string
  container: AudioContainer
  sampleFormat: SampleFormat
  /** Bits per sample as stored (FLAC may say 12 or 20 inside a wider format); 0 for lossy formats */
  bitsPerSample: number
  /** Hz */
  sampleRate: number
  channels: number
  /** Sample frames per channel */
  frames: number
  /** False when `frames` is only estimated (e.g. MP3 without a Xing/Info header) */
  framesExact: boolean
  /** frames / sampleRate, in seconds */
  durationSec: number
  /** What the headers alone show: repaired fields, an unknown length, a stream cut short */
  warnings: AudioWarning[]
}

/**
 * A stream of decoded audio; overlapping read() calls are served in call order. Decoding never
 * invents samples: what it cannot decode is skipped and reported in `warnings`, and a file with
 * no decodable sample at all is AudioError 'no-audio'.
 */
export interface AudioReader {
  readonly info: AudioInfo
  /**
   * The probe's warnings (`info.warnings`), then those found while decoding (damage skipped,
   * a stream cut short, a length that differs from the header's); complete once read() has
   * returned null. The array grows in place.
   */
  readonly warnings: readonly AudioWarning[]
  /** Next block of up to `blockFrames` frames, planar (one Float32Array per channel), or null at the end */
  read(): Promise<Float32Array[] | null>
  close(): Promise<void>
}
