// Safe path checks: folders resolved through their links, and containment between folders.
import { InvalidInputError } from '@shared/api/errors'
import { realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'

/** Resolves a folder to its real absolute path, or explains why it cannot be used. */
export async function resolveFolder(folder: string): Promise<string> {
  let root: string
  try {
    root = await realpath(folder)
  } catch {
    throw new InvalidInputError(`${folder}: no such folder; check the path`)
  }
  if (!(await stat(root)).isDirectory()) throw new InvalidInputError(`${folder}: not a folder`)
  return root
}

/** True when `inner` is `outer` or lies inside it (both resolved). */
export function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel))
}

/**
 * `path` with the links of its deepest existing ancestor resolved and the rest (not created
 * yet) appended: where a file written at `path` would really land.
 */
export async function resolveWherever(path: string): Promise<string> {
  let existing = resolve(path)
  const rest: string[] = []
  for (;;) {
    try {
      return join(await realpath(existing), ...rest)
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e
    }
    const up = dirname(existing)
    if (up === existing) return join(existing, ...rest)
    rest.unshift(basename(existing))
    existing = up
  }
}
