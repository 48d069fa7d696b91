// Browser mode's folder browser: a folder's subfolders and their audio counts, so paths need not
// be typed. Nothing else is listed (no file names), and only inside the roots main allows: the
// user's home and the folders the user has named. Paths are resolved through their links before
// the check, so a link cannot lead outside.
import type { Dirent } from 'node:fs'
import { readdir, realpath } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import type { FolderListing } from '@shared/api/views'
import { isInside, resolveFolder } from '../fs/paths'
import { InvalidInputError } from './errors'
import { isAudioFileName } from './scan/audio-extensions'

/** Subfolders listed at most (the first by name); counting each costs one directory read. */
export const MAX_LISTED_FOLDERS = 500

/** The roots browsing may reach: the home folder and `named` folders, resolved, existing ones. */
export async function browseRoots(
  named: readonly string[],
  home: string = homedir(),
): Promise<string[]> {
  const out: string[] = []
  for (const p of [home, ...named]) {
    try {
      const real = await realpath(p)
      if (!out.some((r) => isInside(real, r))) out.push(real)
    } catch {
      // A named folder that is gone offers nothing to browse.
    }
  }
  // A root inside a later one is covered by it.
  return out.filter((r, i) => !out.some((o, j) => j !== i && o !== r && isInside(r, o)))
}

async function entries(folder: string): Promise<Dirent[] | null> {
  try {
    return await readdir(folder, { withFileTypes: true })
  } catch {
    return null
  }
}

const audioCount = (list: readonly Dirent[]): number =>
  list.filter((e) => e.isFile() && isAudioFileName(e.name)).length

/**
 * The subfolders of `folder` (default: the first root) with their audio counts. Refused, naming
 * the roots, when the folder lies outside every root.
 */
export async function listFolder(
  folder: string | undefined,
  roots: readonly string[],
): Promise<FolderListing> {
  if (roots.length === 0) throw new InvalidInputError('no folder may be browsed here')
  const path = folder === undefined ? roots[0] : await resolveFolder(folder)
  if (!roots.some((r) => isInside(path, r))) {
    throw new InvalidInputError(
      `${folder ?? path} lies outside your home folder and the folders you named (${roots.join(', ')}): type its path instead`,
    )
  }
  const list = await entries(path)
  if (!list) throw new InvalidInputError(`${path}: cannot be read (permission denied?)`)
  const subfolders = list
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b))
  const listed = subfolders.slice(0, MAX_LISTED_FOLDERS)
  const folders = await Promise.all(
    listed.map(async (name) => {
      const inner = await entries(join(path, name))
      return { name, path: join(path, name), audioFiles: inner ? audioCount(inner) : null }
    }),
  )
  const parent = dirname(path)
  return {
    path,
    parent: parent !== path && roots.some((r) => isInside(parent, r)) ? parent : null,
    audioFiles: audioCount(list),
    folders,
    truncated: subfolders.length > listed.length,
    roots: [...roots],
  }
}
