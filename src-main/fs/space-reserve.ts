// Room kept for the files written last: a placeholder of real bytes, removed just before they
// are written, so that an export that fills the disk can still write its manifest.
import { open, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** A held reservation; `release` deletes the placeholder (once). */
export interface SpaceReserve {
  readonly bytes: number
  release(): Promise<void>
}

const CHUNK = 1 << 20

/**
 * Writes a hidden placeholder of `bytes` into `dir`. When the disk cannot hold it, keeps what
 * fits (reported in `bytes`): the caller goes on with less room in hand.
 */
export async function reserveSpace(
  dir: string,
  name: string,
  bytes: number,
): Promise<SpaceReserve> {
  const path = join(dir, name)
  let written = 0
  try {
    const fh = await open(path, 'w')
    try {
      const zeros = new Uint8Array(Math.min(CHUNK, bytes))
      while (written < bytes) {
        const n = Math.min(zeros.length, bytes - written)
        written += (await fh.write(zeros, 0, n, written)).bytesWritten
      }
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch {
    // Disk full already: keep what fits.
  }
  let released = false
  return {
    bytes: written,
    release: async () => {
      if (released) return
      released = true
      await rm(path, { force: true })
    },
  }
}
