import { AudioError } from './errors'
import { u32be } from './bytes'
import { checkRateAndChannels } from './limits'

/** FLAC STREAMINFO fields; rate in Hz, totalFrames in sample frames (0 when unknown) */
export interface FlacStreamInfo {
  /** Samples per channel in a block (the last one may be shorter), as the encoder states */
  minBlockSize: number
  maxBlockSize: number
  /** Bytes; 0 when unknown */
  maxFrameBytes: number
  sampleRate: number
  channels: number
  bitsPerSample: number
  totalFrames: number
}

/** Parses 'fLaC' + STREAMINFO at byte `at` of `b` (42 bytes needed); throws AudioError */
export function parseFlacStreamInfo(b: Uint8Array, at: number, path: string): FlacStreamInfo {
  if (b.length < at + 42) {
    throw new AudioError(
      path,
      'truncated',
      `FLAC header cut off (${b.length - at} of 42 bytes); the file is incomplete, copy it again`,
    )
  }
  const blockType = b[at + 4] & 0x7f
  const blockLength = (b[at + 5] << 16) | (b[at + 6] << 8) | b[at + 7]
  if (blockType !== 0 || blockLength < 34) {
    throw new AudioError(path, 'corrupt', 'FLAC file does not start with a STREAMINFO block')
  }
  const s = at + 8
  const sampleRate = (b[s + 10] << 12) | (b[s + 11] << 4) | (b[s + 12] >> 4)
  const channels = ((b[s + 12] >> 1) & 7) + 1
  const bitsPerSample = (((b[s + 12] & 1) << 4) | (b[s + 13] >> 4)) + 1
  const totalFrames = (b[s + 13] & 0x0f) * 2 ** 32 + u32be(b, s + 14)
  checkRateAndChannels(path, 'FLAC header', sampleRate, channels)
  if (bitsPerSample < 4) {
    throw new AudioError(path, 'corrupt', `FLAC header says ${bitsPerSample} bits per sample`)
  }
  const minBlockSize = (b[s] << 8) | b[s + 1]
  const maxBlockSize = (b[s + 2] << 8) | b[s + 3]
  const maxFrameBytes = (b[s + 7] << 16) | (b[s + 8] << 8) | b[s + 9]
  return {
    minBlockSize,
    maxBlockSize,
    maxFrameBytes,
    sampleRate,
    channels,
    bitsPerSample,
    totalFrames,
  }
}
