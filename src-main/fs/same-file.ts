// Opening an indexed file only while it is still that file: the path resolved without a link
// leading out of its folder, a regular file of the size and modification time indexed, and, when
// opened, the very file checked (no link swapped in between: O_NOFOLLOW, and the same device and
// inode).
import { constants, fstatSync, openSync, closeSync, type Stats } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { isInside } from './paths'

/** The checked file: its real path and identity. */
export interface CheckedFile {
  /** Real path (no links). */
  path: string
  size: number
  dev: number
  ino: number
}

/** Why a file is not the one indexed, or the file as checked. */
export type SameFile = { ok: true; file: CheckedFile } | { ok: false; reason: string }

/**
 * Checks that `path` still is the file indexed under `root` with `expected` size and time:
 * its real path lies inside `root` (resolved), it is a regular file, same size and time.
 */
export async function checkSameFile(
  path: string,
  root: string,
  expected: { size: number; mtimeMs: number },
): Promise<SameFile> {
  let real: string
  let s: Stats
  try {
    real = await realpath(path)
    s = await stat(real)
  } catch {
    return { ok: false, reason: 'it is gone since the last scan' }
  }
  if (!isInside(real, root)) {
    return { ok: false, reason: `it now leads to ${real}, outside its source folder ${root}` }
  }
  if (!s.isFile()) return { ok: false, reason: 'it is no longer a regular file' }
  if (s.size !== expected.size || s.mtimeMs !== expected.mtimeMs) {
    return { ok: false, reason: 'it changed since it was indexed (size or modification time)' }
  }
  return { ok: true, file: { path: real, size: s.size, dev: s.dev, ino: s.ino } }
}

/**
 * Opens a checked file for reading without following a link at its place, and only if it is
 * the same file (device, inode, size) as checked; returns the descriptor or throws.
 */
export function openCheckedFile(file: CheckedFile): number {
  const fd = openSync(file.path, constants.O_RDONLY | constants.O_NOFOLLOW)
  const s = fstatSync(fd)
  if (s.dev !== file.dev || s.ino !== file.ino || s.size !== file.size || !s.isFile()) {
    closeSync(fd)
    throw new Error(`${file.path}: replaced since it was checked; not served`)
  }
  return fd
}
