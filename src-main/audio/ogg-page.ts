// Ogg pages (RFC 3533): the header, the lacing values and the CRC-32 that vouches for the page.
import { crc32 } from './crc'
import { startsWith, u32le } from './bytes'

/** A page whose CRC checks; offsets index the buffer it was read from */
export interface OggPage {
  /** Offset of 'OggS' */
  at: number
  /** Bytes of the whole page, header included */
  length: number
  /** 1: continues a packet of the previous page; 2: first page of its stream; 4: last page */
  flags: number
  /** Samples per channel at the end of the last packet that ends on this page; -1: none ends */
  granule: number
  serial: number
  sequence: number
  /** Packets that end on this page (lacing values below 255) */
  packetsEnded: number
}

export const OGG_CONTINUED = 1
export const OGG_FIRST = 2
export const OGG_LAST = 4
const HEADER = 27

/** Reads the page at b[at] ('OggS'), of `end` bytes available: 'short' needs more, 'invalid' is none */
export function readOggPage(b: Uint8Array, at: number, end: number): OggPage | 'short' | 'invalid' {
  if (at + HEADER > end)
    return startsWith(b.subarray(at, end), 'OggS', 0, true) ? 'short' : 'invalid'
  if (!startsWith(b, 'OggS', at) || b[at + 4] !== 0) return 'invalid'
  const segments = b[at + 26]
  if (at + HEADER + segments > end) return 'short'
  let body = 0
  let packetsEnded = 0
  for (let i = 0; i < segments; i++) {
    const lace = b[at + HEADER + i]
    body += lace
    if (lace < 255) packetsEnded++
  }
  const length = HEADER + segments + body
  if (at + length > end) return 'short'
  // The CRC is computed with its own field as zeros
  let crc = crc32(b, at, at + 22)
  crc = crc32(ZEROS, 0, 4, crc)
  crc = crc32(b, at + 26, at + length, crc)
  if (crc !== u32le(b, at + 22)) return 'invalid'
  return {
    at,
    length,
    flags: b[at + 5],
    granule: granuleAt(b, at + 6),
    serial: u32le(b, at + 14),
    sequence: u32le(b, at + 18),
    packetsEnded,
  }
}

const ZEROS = new Uint8Array(4)

/** The 64-bit granule position at b[at]: -1 when all bits are set (no packet ends on the page) */
function granuleAt(b: Uint8Array, at: number): number {
  const low = u32le(b, at)
  const high = u32le(b, at + 4)
  if (low === 0xffffffff && high === 0xffffffff) return -1
  return high * 2 ** 32 + low // exact below 2^53 samples, centuries of audio
}

/** Offset of the next 'OggS' in b[from, end), or `end` when there is none */
export function findOggCapture(b: Uint8Array, from: number, end: number): number {
  for (let i = from; i + 4 <= end; i++) {
    if (b[i] === 0x4f && b[i + 1] === 0x67 && b[i + 2] === 0x67 && b[i + 3] === 0x53) return i
  }
  return Math.max(from, end - 3) // a capture pattern may start in the last 3 bytes
}

/**
 * A copy of `page` without the packet it continues from the previous page (its first lacing
 * values through the first below 255), with its CRC set again; undefined when that packet fills
 * the page (it goes on to the next)
 */
export function withoutContinuedPacket(b: Uint8Array, page: OggPage): Uint8Array | undefined {
  const { at } = page
  const segments = b[at + 26]
  let drop = 0
  let bytes = 0
  while (drop < segments && b[at + HEADER + drop] === 255) bytes += b[at + HEADER + drop++]
  if (drop === segments) return undefined
  bytes += b[at + HEADER + drop++]
  const out = new Uint8Array(page.length - drop - bytes)
  out.set(b.subarray(at, at + HEADER))
  out[5] = page.flags & ~OGG_CONTINUED
  out[26] = segments - drop
  out.set(b.subarray(at + HEADER + drop, at + HEADER + segments), HEADER)
  out.set(b.subarray(at + HEADER + segments + bytes, at + page.length), HEADER + segments - drop)
  out.fill(0, 22, 26)
  new DataView(out.buffer).setUint32(22, crc32(out, 0, out.length), true)
  return out
}
