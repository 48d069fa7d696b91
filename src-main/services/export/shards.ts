// A sharded export (`scw export … --shard i/n`): each shard writes its files and, instead of the
// sidecar files, a partial manifest under <out>/.scw-shards/. `scw export-merge <out>` joins them
// into the manifest.csv, scw-export.json and meta.csv that one machine would have written.
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from '../../fs/atomic-write'
import type { Shard } from '../shard'
import { writeSidecars, type ManifestRow, type Sidecars } from './sidecars'

/** Folder of the partial manifests inside the export folder. */
export const SHARD_DIR = '.scw-shards'
const FORMAT = 'scw-export-shard'

interface ShardFile extends Sidecars {
  format: typeof FORMAT
  version: 1
  shard: Shard
}

/** Writes shard `shard`'s partial manifest (atomically: a merge never reads half of one). */
export async function writeShardManifest(
  outDir: string,
  shard: Shard,
  sidecars: Sidecars,
): Promise<string> {
  await mkdir(join(outDir, SHARD_DIR), { recursive: true })
  const path = join(outDir, SHARD_DIR, `${shard.index}-of-${shard.count}.json`)
  const file: ShardFile = { format: FORMAT, version: 1, shard, ...sidecars }
  await writeFileAtomically(path, JSON.stringify(file))
  return path
}

export interface MergeReport {
  outDir: string
  shards: number
  done: number
  failed: number
}

/** Bytewise order of UTF-8 strings, as SQLite's BINARY collation sorts the one-machine manifest. */
function byBytes(a: ManifestRow, b: ManifestRow): number {
  return Buffer.compare(Buffer.from(a.output), Buffer.from(b.output))
}

/**
 * Joins every shard's partial manifest into the export's sidecar files, then removes the partial
 * manifests. Refuses, naming the shard and the fix, when a shard is missing or was run with other
 * settings, another estimate or another shard count.
 */
export async function mergeExport(outDir: string): Promise<MergeReport> {
  const dir = join(outDir, SHARD_DIR)
  const names = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.json')) : []
  if (names.length === 0) {
    throw new Error(
      `${outDir}: no partial manifests in ${SHARD_DIR}/; run \`scw export <project> ${outDir} … --shard i/n\` for every shard first`,
    )
  }
  const shards: ShardFile[] = []
  for (const name of names) {
    const file = JSON.parse(await readFile(join(dir, name), 'utf8')) as ShardFile
    if (file.format !== FORMAT || file.version !== 1) {
      throw new Error(`${join(dir, name)}: not a partial export manifest (format ${file.format})`)
    }
    shards.push(file)
  }
  shards.sort((a, b) => a.shard.index - b.shard.index)
  const [first] = shards
  const count = first.shard.count
  const same = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b)
  for (const s of shards) {
    const which = `${join(dir, `${s.shard.index}-of-${s.shard.count}.json`)}`
    if (s.shard.count !== count) {
      throw new Error(
        `${which}: shard ${s.shard.index}/${s.shard.count} of another split than ${first.shard.index}/${count}; remove the partial manifests of the old split and export every shard with the same n`,
      )
    }
    if (!same(s.record, first.record) || !same(s.metas, first.metas)) {
      throw new Error(
        `${which}: shard ${s.shard.index}/${count} was exported with other settings, estimate or project than shard ${first.shard.index}/${count}; run every shard with the same command`,
      )
    }
  }
  const present = new Set(shards.map((s) => s.shard.index))
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i))
  if (missing.length) {
    throw new Error(
      `${outDir}: shard ${missing.map((i) => `${i}/${count}`).join(', ')} has not finished (no partial manifest); run \`scw export … --shard ${missing[0]}/${count}\` again`,
    )
  }
  const rows = shards.flatMap((s) => s.rows).sort(byBytes)
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].output === rows[i - 1].output)
      throw new Error(`${rows[i].output}: written by two shards; export again with one split`)
  }
  await writeSidecars(outDir, { record: first.record, rows, metas: first.metas })
  await rm(dir, { recursive: true, force: true })
  return {
    outDir,
    shards: count,
    done: rows.filter((r) => r.status === 'done').length,
    failed: rows.filter((r) => r.status === 'failed').length,
  }
}
