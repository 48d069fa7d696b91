// Where exported files go, and which output folders and targets are refused: an export never
// writes into a source, and two recordings never share an output.
import { mkdir } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { Source } from '@shared/model/recording'
import { isInside, resolveWherever } from '../../fs/paths'
import { InvalidInputError } from '../errors'

/** Longest file name most file systems take (bytes, ext4, XFS, APFS, NTFS in UTF-16 aside). */
export const MAX_NAME_BYTES = 255

/**
 * Resolves (and creates) the output folder, refusing one that is a source, lies inside one or
 * contains one (links resolved), so that an export can never write over or among the input
 * files.
 */
export async function prepareOutputFolder(
  outDir: string,
  sources: readonly Source[],
): Promise<string> {
  const real = await checkOutputFolder(outDir, sources)
  await mkdir(real, { recursive: true })
  return real
}

/** The output folder resolved through its links, or InvalidInputError when a source is in play. */
export async function checkOutputFolder(
  outDir: string,
  sources: readonly Source[],
): Promise<string> {
  const real = await resolveWherever(outDir)
  for (const s of sources) {
    const how =
      real === s.root
        ? 'is'
        : isInside(real, s.root)
          ? 'lies inside'
          : isInside(s.root, real)
            ? 'contains'
            : null
    if (how) {
      throw new InvalidInputError(
        `${outDir}: the output folder ${real} ${how} the source ${s.root}; choose a folder outside every source, and not one that holds a source`,
      )
    }
  }
  return real
}

/**
 * Refuses the export, before anything is written, when a target would land inside a source
 * through a link in the output folder (each distinct folder is resolved once).
 */
export async function checkTargets(
  outDir: string,
  outputPaths: Iterable<string>,
  sources: readonly Source[],
): Promise<void> {
  const folders = new Map<string, string>()
  for (const p of outputPaths) {
    const folder = dirname(join(outDir, p))
    if (!folders.has(folder)) folders.set(folder, p)
  }
  for (const [folder, example] of folders) {
    const source = await sourceHolding(folder, sources)
    if (source) {
      throw new InvalidInputError(
        `${join(outDir, example)} would be written inside the source ${source.root} (a link in the output folder leads there); remove the link or choose another folder`,
      )
    }
  }
}

/** The source a path lands in once its links are resolved, if any. */
export async function sourceHolding(
  path: string,
  sources: readonly Source[],
): Promise<Source | undefined> {
  const real = await resolveWherever(path)
  return sources.find((s) => isInside(real, s.root))
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

/** A recording to place in the export: its id, its source's output prefix and its path. */
export interface OutputInput {
  id: number
  prefix: string
  relativePath: string
}

/**
 * The output path of every recording, one per recording, never shared: `<stem>.wav` unless
 * another recording would get the same; then the one named exactly `<stem>.wav` keeps it and
 * the others keep their own extension too (`x.flac` → `x.flac.wav`, `x.WAV` → `x.WAV.wav`).
 * Depends only on the set of paths, not on their order. Throws, naming both, when two
 * recordings still meet (`x.flac.wav` beside `x.flac`).
 */
export function planOutputPaths(inputs: readonly OutputInput[]): Map<number, string> {
  const byPrimary = new Map<string, OutputInput[]>()
  for (const r of inputs) {
    const primary = r.prefix + outputPathOf(r.relativePath)
    const group = byPrimary.get(primary)
    if (group) group.push(r)
    else byPrimary.set(primary, [r])
  }
  const out = new Map<number, string>()
  const owner = new Map<string, OutputInput>()
  const place = (r: OutputInput, path: string): void => {
    const other = owner.get(path)
    if (other) {
      const [a, b] = [other.relativePath, r.relativePath].sort()
      throw new InvalidInputError(
        `${a} and ${b} would both be exported as ${path}; rename one of them and rescan the source`,
      )
    }
    owner.set(path, r)
    out.set(r.id, path)
  }
  for (const [primary, group] of byPrimary) {
    if (group.length === 1) place(group[0], primary)
  }
  for (const [primary, group] of byPrimary) {
    if (group.length === 1) continue
    for (const r of group) {
      const exact = extname(r.relativePath) === '.wav'
      place(r, exact ? primary : `${r.prefix}${r.relativePath}.wav`)
    }
  }
  return out
}

/** Why an output path cannot be written as it is (a name past 255 bytes), or null. */
export function outputPathProblem(outputPath: string): string | null {
  for (const name of outputPath.split('/')) {
    const bytes = Buffer.byteLength(name)
    if (bytes > MAX_NAME_BYTES) {
      return `the output name ${name.slice(0, 40)}… is ${bytes} bytes long, more than the ${MAX_NAME_BYTES} a file system allows; shorten the input's name and rescan the source`
    }
  }
  return null
}
