import { AudioError } from './errors'
import { startsWith, u32le, u64le } from './bytes'
import { isSaneChannelCount, isSaneRate } from './limits'

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
  if (!isSaneRate(sampleRate)) {
    throw new AudioError(
      path,
      'bad-rate',
      `Vorbis header says ${sampleRate} Hz; the header is damaged`,
    )
  }
  if (!isSaneChannelCount(channels)) {
    throw new AudioError(path, 'bad-channels', `Vorbis header says ${channels} channels`)
  }
  return { sampleRate, channels, serial: u32le(b, 14) }
}

/** Granule position of the last complete page of stream `serial` in `tail` (the file's end) */
export interface OggEnd {
  /** Samples per channel since the stream's start */
  granule: number
  /** Whether that page is flagged end-of-stream (else the file was probably cut short) */
  endOfStream: boolean
}

/** Searches `tail` backwards for the last whole page of `serial` with a granule; undefined if none */
export function findLastOggGranule(tail: Uint8Array, serial: number): OggEnd | undefined {
  for (let at = tail.length - 27; at >= 0; at--) {
    if (tail[at] !== 0x4f || !startsWith(tail, 'OggS', at) || tail[at + 4] !== 0) continue
    const segments = tail[at + 26]
    if (at + 27 + segments > tail.length || u32le(tail, at + 14) !== serial) continue
    let body = 0
    for (let i = 0; i < segments; i++) body += tail[at + 27 + i]
    if (at + 27 + segments + body > tail.length) continue // cut off by the end of the file
    const granule = u64le(tail, at + 6)
    // -1 (all ones) marks a page where no packet ends; absurd values mean a damaged page
    if (!Number.isSafeInteger(granule) || granule >= 2 ** 52) continue
    return { granule, endOfStream: (tail[at + 5] & 4) !== 0 }
  }
  return undefined
}
