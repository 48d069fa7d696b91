import type { AudioContainer } from './types'

/** What the wasm decoders return for one call; channelData is meaningless when samplesDecoded is 0 */
export interface DecodedChunk {
  channelData: Float32Array[]
  samplesDecoded: number
  /** Hz */
  sampleRate: number
  errors: { message: string }[]
}

/** A streaming decoder fed file bytes in order; free() releases its wasm memory */
export interface StreamDecoder {
  decode(chunk: Uint8Array): Promise<DecodedChunk>
  /** Decodes what the decoder still holds at the end of the input */
  flush(): Promise<DecodedChunk>
  free(): void
}

const NOTHING: DecodedChunk = { channelData: [], samplesDecoded: 0, sampleRate: 0, errors: [] }

/**
 * Creates and readies the decoder for a compressed container. Loaded lazily: each package
 * carries its wasm inline and WAV-only use should not pay for it. MP3 uses mpg123's gapless mode,
 * which trims the encoder delay and padding that a LAME/Info tag states (and mpg123's own 529
 * samples of decoder delay); without such a tag the output keeps them.
 */
export async function createStreamDecoder(container: AudioContainer): Promise<StreamDecoder> {
  if (container === 'flac') {
    const { FLACDecoder } = await import('@wasm-audio-decoders/flac')
    const d = new FLACDecoder()
    await d.ready
    return d
  }
  if (container === 'ogg') {
    const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis')
    const d = new OggVorbisDecoder()
    await d.ready
    return d
  }
  if (container === 'mp3') {
    const { MPEGDecoder } = await import('mpg123-decoder')
    const d = new MPEGDecoder({ enableGapless: true })
    await d.ready
    return {
      decode: async (chunk) => d.decode(chunk),
      flush: async () => NOTHING, // mpg123 emits every complete frame as soon as it has it
      free: () => d.free(),
    }
  }
  throw new Error(`no stream decoder for ${container}`)
}
