/** Container detected from the file's magic bytes (never from its extension) */
export type AudioContainer = 'wav' | 'flac' | 'mp3' | 'ogg'

/** Sample encoding in the file; lossy formats report 'float32' (what the decoder yields) */
export type SampleFormat = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64'

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
  /** Problems that were repaired, e.g. 'data chunk claims 1000000 bytes but only 5000 remain; clamped' */
  warnings: string[]
}
