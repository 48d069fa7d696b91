import { AudioError } from './errors'
import { startsWith, u32le } from './bytes'
import { OGG_LAST, readOggPage } from './ogg-page'
import { checkRateAndChannels } from './limits'

/** Vorbis identification header fields; rate in Hz */
export interface VorbisId {
  sampleRate: number
  channels: number
  /** Stream serial number of the Vorbis logical stream */
  serial: number
}

const CONVERT = 'convert it to FLAC or WAV (e.g. `ffmpeg -i in.ogg out.flac`)'

/** Parses the first Ogg page at byte 0 and its Vorbis identification packet; throws AudioError */
export function parseOggVorbisId(b: Uint8Array, path: string): VorbisId {
  const cut = new AudioError(
    path,
    'truncated',
    'Ogg header cut off; the file is incomplete, copy it again',
  )
  if (b.length < 28) throw cut
  const segments = b[26]
  const packet = 27 + segments
  if (b.length < packet + 8) throw cut
  if (startsWith(b, 'OpusHead', packet)) {
    throw new AudioError(path, 'unsupported', `Ogg Opus is not supported; ${CONVERT}`)
  }
  if (startsWith(b, '\x7fFLAC', packet)) {
    throw new AudioError(path, 'unsupported', `Ogg FLAC is not supported; ${CONVERT}`)
  }
  if (!startsWith(b, '\x01vorbis', packet)) {
    throw new AudioError(path, 'unsupported', `Ogg stream of an unknown codec; ${CONVERT}`)
  }
  if (b.length < packet + 30) throw cut
  const channels = b[packet + 11]
  const sampleRate = u32le(b, packet + 12)
  checkRateAndChannels(path, 'Vorbis header', sampleRate, channels)
  return { sampleRate, channels, serial: u32le(b, 14) }
}

/** Granule position of the last complete page of stream `serial` in `tail` (the file's end) */
export interface OggEnd {
  /** Samples per channel since the stream's start */
  granule: number
  /** Whether that page is flagged end-of-stream (else the file was probably cut short) */
  endOfStream: boolean
}

/** Searches `tail` backwards for the last page of `serial` whose CRC checks and that gives a granule */
export function findLastOggGranule(tail: Uint8Array, serial: number): OggEnd | undefined {
  for (let at = tail.length - 27; at >= 0; at--) {
    if (tail[at] !== 0x4f) continue
    const page = readOggPage(tail, at, tail.length)
    if (typeof page === 'string' || page.serial !== serial || page.granule < 0) continue
    return { granule: page.granule, endOfStream: (page.flags & OGG_LAST) !== 0 }
  }
  return undefined
}
