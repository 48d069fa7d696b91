// A zip archive of stored (uncompressed) entries, as NumPy's .npz is: only CRC-32 is needed, and
// `numpy.load` reads it like a compressed one. Entries beyond 4 GiB (zip64) are refused by name.
import { crc32 } from './crc32'
import { utf8Decode, utf8Encode } from './utf8'

export { concatBytes } from './bytes'

export interface ZipEntry {
  name: string
  /** The entry's bytes, in parts written one after another. */
  parts: readonly Uint8Array[]
}

const LIMIT = 0xffffffff
/** 1980-01-01 00:00 in DOS format, so the same arrays always make the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1

/** The archive as parts to write in order (headers, and the entries' own parts untouched). */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array[] {
  const out: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  const seen = new Set<string>()
  for (const e of entries) {
    if (seen.has(e.name)) throw new Error(`zip entry ${e.name} appears twice`)
    seen.add(e.name)
    const name = utf8Encode(e.name)
    let size = 0
    let crc = 0
    for (const p of e.parts) {
      size += p.length
      crc = crc32(p, crc)
    }
    if (size > LIMIT || offset > LIMIT) {
      throw new Error(
        `zip entry ${e.name} (${size} bytes at offset ${offset}) needs zip64, which is not written; export fewer recordings per file`,
      )
    }
    const local = new Uint8Array(30 + name.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 20, true) // version needed: 2.0
    lv.setUint16(6, 0x0800, true) // UTF-8 names
    lv.setUint16(8, 0, true) // stored
    lv.setUint16(10, 0, true)
    lv.setUint16(12, DOS_DATE, true)
    lv.setUint32(14, crc, true)
    lv.setUint32(18, size, true)
    lv.setUint32(22, size, true)
    lv.setUint16(26, name.length, true)
    local.set(name, 30)
    const head = new Uint8Array(46 + name.length)
    const cv = new DataView(head.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(8, 0x0800, true)
    cv.setUint16(10, 0, true)
    cv.setUint16(12, 0, true)
    cv.setUint16(14, DOS_DATE, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, size, true)
    cv.setUint32(24, size, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    head.set(name, 46)
    out.push(local, ...e.parts)
    central.push(head)
    offset += local.length + size
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0)
  if (offset > LIMIT || entries.length > 0xffff) {
    throw new Error(
      `the archive (${entries.length} entries, ${offset} bytes) needs zip64, which is not written`,
    )
  }
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, entries.length, true)
  ev.setUint16(10, entries.length, true)
  ev.setUint32(12, centralSize, true)
  ev.setUint32(16, offset, true)
  return [...out, ...central, end]
}

/** Reads the stored entries of a zip archive, checking each CRC-32. */
export function unzipStored(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw new Error('not a zip archive: no end of central directory')
  const entries = view.getUint16(end + 10, true)
  let p = view.getUint32(end + 16, true)
  const out = new Map<string, Uint8Array>()
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(p, true) !== 0x02014b50)
      throw new Error(`zip central directory entry ${i} is damaged`)
    const method = view.getUint16(p + 10, true)
    const crc = view.getUint32(p + 16, true)
    const size = view.getUint32(p + 20, true)
    const nameLen = view.getUint16(p + 28, true)
    const extraLen = view.getUint16(p + 30, true)
    const commentLen = view.getUint16(p + 32, true)
    const local = view.getUint32(p + 42, true)
    const name = utf8Decode(bytes.subarray(p + 46, p + 46 + nameLen))
    if (method !== 0)
      throw new Error(
        `zip entry ${name} is compressed (method ${method}); only stored entries are read`,
      )
    const dataStart =
      local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const data = bytes.subarray(dataStart, dataStart + size)
    if (crc32(data) !== crc) throw new Error(`zip entry ${name} fails its CRC-32 check`)
    out.set(name, data)
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}
