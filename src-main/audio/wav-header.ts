import { AudioError, audioWarning, noAudio, type Warn } from './errors'
import type { AudioWarning } from './types'
import { ascii, isFourCC, startsWith, u32le, u64le } from './bytes'
import { resolveWavFormat, type WavFormat } from './wav-format'

/** Where the samples of a WAV file are and how they are encoded; offsets and sizes in bytes */
export interface WavLayout extends WavFormat {
  /** Byte offset of the first sample frame from the start of the file */
  dataOffset: number
  /** Bytes of sample data actually present, whole frames only (frames × blockAlign) */
  dataBytes: number
  /** Sample frames per channel (at least 1) */
  frames: number
  /** Header fields that contradict the file, and how they were read instead */
  warnings: AudioWarning[]
}

/** A byte range the header walker needs; the answer is shorter only where the file ends */
export interface ByteRequest {
  offset: number
  length: number
}

/** Header walker: yields the byte ranges it needs, receives them, returns the layout */
export type WavHeaderWalker = Generator<ByteRequest, WavLayout, Uint8Array>

const CANONICAL_HEADER = 44 // bytes in the shortest usual header, for truncation messages
const MAX_CHUNKS = 10_000 // stops a walk over a long run of tiny chunks
const UNSET_SIZE = 0xffffffff // streaming writers leave this when the length is unknown
const COPY_AGAIN = 'the file is incomplete, copy it again'

/**
 * Parses a WAV header from the file's first bytes (all of them, or at least the whole header);
 * `fileSize` in bytes bounds every size field. Throws only AudioError.
 */
export function parseWavHeader(bytes: Uint8Array, path: string, fileSize: number): WavLayout {
  if (!Number.isSafeInteger(fileSize) || fileSize < bytes.length) {
    throw new RangeError(`fileSize ${fileSize} must be an integer >= bytes.length`)
  }
  const walker = walkWavHeader(path, fileSize)
  let step = walker.next()
  while (!step.done) {
    const end = Math.min(step.value.offset + step.value.length, fileSize)
    if (end > bytes.length) {
      const detail = `WAV header runs past the first ${bytes.length} bytes given`
      throw new AudioError(path, 'truncated', `${detail}; ${COPY_AGAIN}`)
    }
    step = walker.next(bytes.subarray(step.value.offset, end))
  }
  return step.value
}

interface DataChunk {
  offset: number
  size: number
}

/** Walks the RIFF/RF64 chunk list; offsets in bytes from the start of a file of `fileSize` bytes */
export function* walkWavHeader(path: string, fileSize: number): WavHeaderWalker {
  if (fileSize === 0) throw new AudioError(path, 'empty', 'the file is empty (0 bytes)')
  const head = yield { offset: 0, length: 12 }
  const rf64 = checkRiffHeader(head, path)
  const warnings: AudioWarning[] = []
  const warn: Warn = (code, detail) => {
    warnings.push(audioWarning(path, code, detail))
  }
  let fmt: Uint8Array | undefined
  let data: DataChunk | undefined
  let ds64DataSize: number | undefined
  let ds64RiffSize: number | undefined
  let pos = 12
  let padded = false // the previous chunk had an odd size, so a pad byte should come first
  for (let chunks = 0; pos + 8 + (padded ? 1 : 0) <= fileSize; chunks++) {
    if (chunks >= MAX_CHUNKS) {
      throw new AudioError(path, 'corrupt', `more than ${MAX_CHUNKS} chunks before the samples`)
    }
    let h = yield { offset: pos, length: padded ? 9 : 8 }
    if (padded) {
      // Some writers forget the pad byte after an odd chunk: believe the layout whose id reads
      if (!isFourCC(h, 1) && isFourCC(h, 0)) {
        warn(
          'header-mismatch',
          `chunk at byte ${pos} follows an odd-sized chunk without its pad byte`,
        )
        h = h.subarray(0, 8)
      } else {
        h = h.subarray(1)
        pos++
      }
    }
    if (h.length < 8 || !isFourCC(h, 0)) break // trailing junk ends the chunk list
    const id = ascii(h, 0, 4)
    let size = u32le(h, 4)
    const body = pos + 8
    if (id === 'fmt ' && fmt !== undefined) {
      warn('header-mismatch', `a second fmt chunk at byte ${pos}; using the first`)
    } else if (id === 'fmt ') {
      if (size < 16) throw new AudioError(path, 'corrupt', `fmt chunk is ${size} bytes, not 16+`)
      fmt = yield { offset: body, length: Math.min(size, 40) }
      if (fmt.length < Math.min(size, 40)) {
        throw new AudioError(path, 'truncated', `fmt chunk cut off by the end; ${COPY_AGAIN}`)
      }
    } else if (id === 'ds64' && rf64 && size >= 16) {
      const ds64 = yield { offset: body, length: 16 }
      if (ds64.length === 16) {
        ds64RiffSize = u64le(ds64, 0)
        ds64DataSize = u64le(ds64, 8)
      }
    } else if (id === 'data' && data === undefined) {
      if (rf64 && size === UNSET_SIZE && ds64DataSize !== undefined) size = ds64DataSize
      data = { offset: body, size }
      if (fmt !== undefined) break
    }
    pos = body + size
    padded = size % 2 === 1
  }
  if (fmt === undefined) {
    if (fileSize < CANONICAL_HEADER && data === undefined) throw truncatedHeader(path, fileSize)
    throw new AudioError(
      path,
      'no-fmt',
      'no fmt chunk, so the sample format is unknown; the file is damaged, re-export it',
    )
  }
  if (data === undefined) {
    throw new AudioError(path, 'no-data', `no data chunk (no samples); ${COPY_AGAIN} or re-export`)
  }
  const format = resolveWavFormat(fmt, path, warn)
  const { blockAlign } = format
  let dataBytes = data.size
  const remaining = Math.max(0, fileSize - data.offset)
  if (dataBytes > remaining) {
    if (remaining === 0) {
      throw new AudioError(
        path,
        'truncated',
        `data chunk claims ${dataBytes} bytes but the file ends where it starts; ${COPY_AGAIN}`,
      )
    }
    warn(
      'data-size',
      dataBytes === UNSET_SIZE
        ? `data chunk size is unset (0xFFFFFFFF, as streaming writers leave it); using the ${remaining} bytes to the end of the file`
        : `data chunk claims ${dataBytes} bytes but only ${remaining} remain; clamped`,
    )
    dataBytes = remaining
  } else {
    // (a clamped data size says already that the sizes do not fit the file)
    checkRiffSize(rf64 ? ds64RiffSize : u32le(head, 4), fileSize, warn)
  }
  const frames = Math.floor(dataBytes / blockAlign)
  if (frames === 0) {
    throw noAudio(path, `the data chunk holds ${dataBytes} bytes, not one ${blockAlign}-byte frame`)
  }
  if (frames * blockAlign !== dataBytes) {
    const extra = dataBytes - frames * blockAlign
    warn(
      'partial-frame',
      `data chunk has ${dataBytes} bytes, not whole ${blockAlign}-byte frames; ignoring the last ${extra}`,
    )
    dataBytes = frames * blockAlign
  }
  return { ...format, dataOffset: data.offset, dataBytes, frames, warnings }
}

/** Warns when the RIFF size (file size − 8, or unset) disagrees with the file's real size */
function checkRiffSize(riffSize: number | undefined, fileSize: number, warn: Warn): void {
  if (riffSize === undefined || riffSize + 8 === fileSize) return
  if (riffSize === 0 || riffSize === UNSET_SIZE) {
    const value = riffSize === 0 ? '0' : '0xFFFFFFFF'
    warn('header-mismatch', `RIFF size is unset (${value}); the file's own size was used`)
  } else {
    const cut = riffSize + 8 > fileSize ? '; was it cut short?' : ''
    warn(
      'header-mismatch',
      `RIFF header says the file has ${riffSize + 8} bytes, it has ${fileSize}${cut}`,
    )
  }
}

/** Checks 'RIFF'/'RF64' … 'WAVE'; returns true for RF64 */
function checkRiffHeader(head: Uint8Array, path: string): boolean {
  const riff = startsWith(head, 'RIFF', 0, true) || startsWith(head, 'RF64', 0, true)
  if (!riff) throw new AudioError(path, 'not-audio', 'not a WAV file (no RIFF header)')
  if (!startsWith(head, 'WAVE', 8, true)) {
    const kind = JSON.stringify(ascii(head, 8, 4))
    throw new AudioError(path, 'not-audio', `a RIFF file of type ${kind}, not a WAV file`)
  }
  if (head.length < 12) throw truncatedHeader(path, head.length)
  return startsWith(head, 'RF64')
}

function truncatedHeader(path: string, have: number): AudioError {
  return new AudioError(
    path,
    'truncated',
    `truncated WAV header (${have} of ${CANONICAL_HEADER} bytes); ${COPY_AGAIN}`,
  )
}
