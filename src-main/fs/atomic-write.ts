import { createHash } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * The temporary file a write to `path` goes through: hidden, in the same folder (so the rename
 * is atomic), and short whatever the name's length (`<name>.partial` would pass the file
 * system's 255-byte limit for a name of 248 bytes). The same path always gets the same name, so
 * a rerun removes what a killed run left.
 */
export function partialPathOf(path: string): string {
  const tag = createHash('sha1').update(basename(path)).digest('hex').slice(0, 16)
  return join(dirname(path), `.scw-${tag}.partial`)
}

/**
 * Writes `data` to `path` so that the final path only ever holds a complete file: a temporary
 * file in the same folder (`partialPathOf`), fsync, then rename over the target. On any error
 * the temporary file is removed.
 */
export async function writeFileAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temp = partialPathOf(path)
  try {
    const fh = await open(temp, 'w')
    try {
      await fh.writeFile(data)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(temp, path)
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw e
  }
}
