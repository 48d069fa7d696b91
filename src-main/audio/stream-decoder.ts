import { AudioError, type Warn } from './errors'
import type { AudioInfo } from './types'

/**
 * Decodes one compressed stream from bytes fed in file order. Damage is skipped and reported
 * through the `warn` it was created with; what cannot be decoded at all throws AudioError.
 */
export interface StreamDecoder {
  /** Decodes the next bytes of the file; returns planar blocks of `info.channels` channels */
  decode(bytes: Uint8Array): Promise<Float32Array[][]>
  /** At the end of the file: decodes what is held back, and reports how the stream ended */
  flush(): Promise<Float32Array[][]>
  /** Releases the decoder's memory */
  free(): void
}

/** What a stream decoder is made for: the probed stream, where its bytes start, where to warn */
export interface StreamContext {
  info: AudioInfo
  /** Byte offset in the file of the first byte the decoder is fed, for messages */
  audioStart: number
  warn: Warn
}

/** Throws AudioError 'unsupported' when decoded audio changes rate or channel count mid-stream */
export function checkSameStream(info: AudioInfo, sampleRate: number, channels: number): void {
  if (channels !== info.channels) {
    throw new AudioError(
      info.path,
      'unsupported',
      `channel count changes mid-stream (from ${info.channels} to ${channels}); split the file`,
    )
  }
  if (sampleRate !== info.sampleRate) {
    throw new AudioError(
      info.path,
      'unsupported',
      `sample rate changes mid-stream (from ${info.sampleRate} to ${sampleRate} Hz); split the file`,
    )
  }
}
