import type { StreamContext, StreamDecoder } from './stream-decoder'
import { FlacStream } from './flac-stream'
import { openOggVorbis } from './ogg-vorbis-stream'
import { openMpeg } from './mpeg-stream'

/**
 * Creates and readies the decoder for a compressed container. FLAC is decoded here in
 * TypeScript; the Vorbis and MP3 wasm decoders are loaded lazily (each package carries its wasm
 * inline, and WAV-only use should not pay for it).
 */
export async function createStreamDecoder(context: StreamContext): Promise<StreamDecoder> {
  const { container } = context.info
  if (container === 'flac') return new FlacStream(context)
  if (container === 'ogg') return openOggVorbis(context)
  if (container === 'mp3') return openMpeg(context)
  throw new Error(`no stream decoder for ${container}`)
}
