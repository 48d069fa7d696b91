import { open, rename, rm } from 'node:fs/promises'

/**
 * Writes `data` to `path` so that the final path only ever holds a complete file: a temporary
 * file in the same folder (`<path>.partial`), fsync, then rename over the target.
 */
export async function writeFileAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.partial`
  const fh = await open(temp, 'w')
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
  try {
    await rename(temp, path)
  } catch (e) {
    await rm(temp, { force: true })
    throw e
  }
}
