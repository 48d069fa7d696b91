import { AudioError } from './errors'
import type { AudioContainer } from './types'
import type { FileSource } from './file-source'
import { startsWith } from './bytes'
import { parseMpegFrame, sameStream } from './mpeg-header'

/** Where a container's own bytes start (after any ID3v2 tags), in bytes from the file start */
export interface Detected {
  container: AudioContainer
  audioStart: number
  /** MP3: where the first frame was looked for, when it was not found there (bytes skipped) */
  searchedFrom?: number
}

const SCAN = 8192 // bytes searched for the first MPEG frame after the tags
const MAX_ID3_TAGS = 4 // tags stacked in front of the audio, more is damage

/** Finds the container from magic bytes, never from the extension; throws AudioError */
export async function detectContainer(source: FileSource): Promise<Detected> {
  const { path, size } = source
  if (size === 0) throw new AudioError(path, 'empty', 'the file is empty (0 bytes)')
  let start = 0
  let head = await source.read(0, 16)
  for (let n = 0; n < MAX_ID3_TAGS && startsWith(head, 'ID3') && head.length >= 10; n++) {
    // ID3v2: 10-byte header, syncsafe size, optional 10-byte footer
    const tagSize = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
    start += 10 + tagSize + (head[5] & 0x10 ? 10 : 0)
    head = await source.read(start, 16)
  }
  // A file shorter than a RIFF header but starting like one goes to the WAV parser, which says
  // how it is cut short
  const riffPrefix = startsWith(head, 'RIFF', 0, true) || startsWith(head, 'RF64', 0, true)
  if (start === 0 && riffPrefix && (size < 12 || head.length >= 4)) {
    return { container: 'wav', audioStart: 0 }
  }
  if (startsWith(head, 'fLaC')) return { container: 'flac', audioStart: start }
  if (startsWith(head, 'OggS') && start === 0) return { container: 'ogg', audioStart: 0 }
  const mpeg = await findMpegStart(source, start)
  if (mpeg === start) return { container: 'mp3', audioStart: mpeg }
  if (mpeg !== undefined) return { container: 'mp3', audioStart: mpeg, searchedFrom: start }
  const what = start > 0 ? 'an ID3 tag without MPEG audio after it' : 'not a WAV, FLAC, MP3 or Ogg'
  throw new AudioError(path, 'not-audio', `${what} (unrecognised content); is it an audio file?`)
}

/** Offset of the first MPEG frame that a second matching frame (or the file's end) confirms */
async function findMpegStart(source: FileSource, from: number): Promise<number | undefined> {
  const b = await source.read(from, SCAN + 4096)
  for (let i = 0; i < Math.min(SCAN, b.length); i++) {
    if (b[i] !== 0xff) continue
    const f = parseMpegFrame(b, i)
    if (f === undefined) continue
    const next = i + f.frameBytes
    if (from + next === source.size) return from + i
    const g = parseMpegFrame(b, next)
    if (g !== undefined && sameStream(f, g)) return from + i
  }
  return undefined
}
