// Where exported files go, and which output folders are refused.
import { existsSync } from 'node:fs'
import { mkdir, realpath } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import type { Source } from '@shared/model/recording'
import { isInside } from '../../fs/paths'

/**
 * Resolves (and creates) the output folder, refusing one that is a source or lies inside one
 * (links resolved), so that an export can never write over or among the input files.
 */
export async function prepareOutputFolder(
  outDir: string,
  sources: readonly Source[],
): Promise<string> {
  const wanted = resolve(outDir)
  // Resolve links on the deepest existing ancestor, then append the rest.
  let existing = wanted
  const rest: string[] = []
  while (!existsSync(existing)) {
    rest.unshift(basename(existing))
    const up = dirname(existing)
    if (up === existing) break
    existing = up
  }
  const real = join(await realpath(existing), ...rest)
  for (const s of sources) {
    if (isInside(real, s.root)) {
      throw new Error(
        `${outDir}: the output folder ${real === s.root ? 'is' : 'lies inside'} the source ${s.root}; choose a folder outside every source`,
      )
    }
  }
  await mkdir(real, { recursive: true })
  return real
}

/** Folder of a source's outputs inside the export: '' for a single source, else `<name>-<id>/`. */
export function sourcePrefix(source: Source, multipleSources: boolean): string {
  return multipleSources ? `${basename(source.root)}-${source.id}/` : ''
}

/** Output path of a recording relative to its source's output folder: its own, as .wav. */
export function outputPathOf(relativePath: string): string {
  const ext = extname(relativePath)
  return `${ext ? relativePath.slice(0, -ext.length) : relativePath}.wav`
}
