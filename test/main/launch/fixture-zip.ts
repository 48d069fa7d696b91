// A zip archive built in memory, entries stored (not compressed) with Unix modes, for a fake
// Electron release: enough for Electron's own extractor, and nothing is downloaded.
import { crc32 } from 'node:zlib'

export interface ZipEntry {
  name: string
  data: Buffer
  /** Unix permission bits, e.g. 0o755 for the executable */
  mode: number
}

const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1 // 2024-01-01, the time of day is 00:00

/**
 * The fields that a local header and a directory entry share, in the same order, from `at`:
 * version needed 2.0, flags (UTF-8 names), method (stored), time, date, CRC-32, both sizes and
 * the name's length.
 */
function writeShared(header: Buffer, at: number, crc: number, size: number, nameLength: number) {
  header.writeUInt16LE(20, at)
  header.writeUInt16LE(0x0800, at + 2)
  header.writeUInt16LE(0, at + 4)
  header.writeUInt16LE(0, at + 6)
  header.writeUInt16LE(DOS_DATE, at + 8)
  header.writeUInt32LE(crc, at + 10)
  header.writeUInt32LE(size, at + 14)
  header.writeUInt32LE(size, at + 18)
  header.writeUInt16LE(nameLength, at + 22)
}

/** The bytes of a zip file holding `entries` (APPNOTE 6.3: local headers, directory, end). */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const crc = crc32(e.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    writeShared(local, 4, crc, e.data.length, name.length)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made by Unix, so the high attribute word is a mode
    writeShared(central, 6, crc, e.data.length, name.length)
    central.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38) // a regular file
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, e.data)
    centrals.push(central, name)
    offset += local.length + name.length + e.data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
