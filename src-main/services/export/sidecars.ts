// The files written beside an export: manifest.csv, scw-export.json and a rewritten meta.csv. They
// are made from plain data (the manifest's rows, the export's record, the meta.csv texts), so a
// sharded export can write that data per shard and `scw export-merge` the same files from it.
import { basename, join } from 'node:path'
import { APP_NAME, APP_VERSION } from '@shared/app-info'
import type { DeviceCorrection } from '@shared/model/correction'
import type { Source } from '@shared/model/recording'
import type { ExportFileRow } from '../../db/jobs-repo'
import type { ExportCandidate } from '../../db/recordings-repo'
import { estimateJson } from '../estimate-json'
import type { EstimateResult } from '../estimation'
import { writeFileAtomically } from '../../fs/atomic-write'
import type { Project } from '../project'

export interface SidecarInput {
  outDir: string
  estimate: EstimateResult
  params: object
  files: ExportFileRow[]
  candidates: readonly ExportCandidate[]
  sources: readonly Source[]
  /** FIR taps per device and sample rate (the files corrected by a FIR). */
  taps?: Record<string, Record<string, number[]>>
  /** What each device's correction realises, per sample rate. */
  corrections: DeviceCorrection[]
  /** Original DCASE meta.csv text per source id. */
  metaRewrite: Map<number, string>
  /** Folder of a source's outputs inside the export ('' or `<name>-<id>/`). */
  prefixOf(sourceId: number): string
}

/**
 * A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). Text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, which spreadsheets show as text and hide (OWASP's CSV injection advice).
 */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The manifest's columns, in order. */
export const MANIFEST_COLUMNS = [
  'input',
  'output',
  'device',
  'status',
  'clipped_samples',
  'output_hash',
  'error',
  'warnings',
] as const

/**
 * Bytes the sidecars may take, generously: per file its paths, hash, error and warnings; per
 * device and rate its taps; the estimate's curves; the DCASE meta.csv copies.
 */
export function sidecarBytes(plan: {
  candidates: readonly ExportCandidate[]
  corrections: ReadonlyMap<string, { fir?: Float64Array }>
  estimate: EstimateResult
}): number {
  let n = 1 << 20
  for (const c of plan.candidates) n += 2 * (c.root.length + c.relativePath.length) + 1024
  for (const spec of plan.corrections.values()) n += 32 * (spec.fir?.length ?? 0)
  n += 64 * plan.estimate.frequencies.length * (Object.keys(plan.estimate.devices).length + 1)
  return n
}

/** One file of the export as manifest.csv, scw-export.json and the rewritten meta.csv list it. */
export interface ManifestRow {
  /** Absolute input path. */
  input: string
  /** Output path relative to the export folder. */
  output: string
  device: string
  status: ExportFileRow['status']
  clippedSamples: number | null
  outputHash: string | null
  error: string | null
  warnings: ExportFileRow['warnings']
  sourceId: number
  /** Input path relative to its source (the meta.csv file name). */
  relativePath: string
}

/** Everything the sidecar files are made of. */
export interface Sidecars {
  /** scw-export.json without what follows from the rows (counts, failures, warnings). */
  record: {
    project: string
    settings: object
    estimate: object
    corrections: DeviceCorrection[]
    fir: object | null
  }
  /** Rows in output-path order (bytewise, as SQLite sorts them). */
  rows: ManifestRow[]
  /** Per source with a DCASE meta.csv: its outputs' folder and the original text. */
  metas: { sourceId: number; prefix: string; text: string }[]
}

/** The sidecars of a written export (or of one shard of it). */
export function sidecarsOf(project: Project, input: SidecarInput): Sidecars {
  const byId = new Map(input.candidates.map((c) => [c.id, c]))
  const rows: ManifestRow[] = []
  for (const f of input.files) {
    const c = byId.get(f.recordingId)
    if (!c) continue
    rows.push({
      input: join(c.root, c.relativePath),
      output: f.outputPath,
      device: c.device,
      status: f.status,
      clippedSamples: f.clippedSamples,
      outputHash: f.outputHash,
      error: f.error,
      warnings: f.warnings,
      sourceId: c.sourceId,
      relativePath: c.relativePath,
    })
  }
  return {
    // The project by file name, so that shards reading node-local copies of it agree; no time of
    // its own, so that the same export gives the same bytes.
    record: {
      project: basename(project.path),
      settings: input.params,
      estimate: estimateJson(input.estimate),
      corrections: input.corrections,
      fir: input.taps && Object.keys(input.taps).length ? input.taps : null,
    },
    rows,
    metas: [...input.metaRewrite].map(([sourceId, text]) => ({
      sourceId,
      prefix: input.prefixOf(sourceId),
      text,
    })),
  }
}

/** Writes manifest.csv, scw-export.json and the rewritten meta.csv files into `outDir`. */
export async function writeSidecars(outDir: string, s: Sidecars): Promise<void> {
  const lines = [MANIFEST_COLUMNS.join(',')]
  for (const r of s.rows) {
    lines.push(
      [
        r.input,
        r.output,
        r.device,
        r.status,
        r.clippedSamples,
        r.outputHash,
        r.error,
        r.warnings.map((w) => w.message).join('; '),
      ]
        .map(csvCell)
        .join(','),
    )
  }
  await writeFileAtomically(join(outDir, 'manifest.csv'), `${lines.join('\n')}\n`)
  const record = {
    app: { name: APP_NAME, version: APP_VERSION },
    ...s.record,
    files: {
      done: s.rows.filter((r) => r.status === 'done').length,
      failed: s.rows.filter((r) => r.status === 'failed').length,
    },
    failed: s.rows
      .filter((r) => r.status === 'failed')
      .map((r) => ({ input: r.input, error: r.error ?? '' })),
    warnings: s.rows
      .filter((r) => r.warnings.length)
      .map((r) => ({ input: r.input, output: r.output, warnings: r.warnings })),
  }
  await writeFileAtomically(join(outDir, 'scw-export.json'), `${JSON.stringify(record, null, 1)}\n`)
  await rewriteMeta(outDir, s)
}

/** DCASE meta.csv of each source, with file names pointing at the outputs and only exported rows. */
async function rewriteMeta(outDir: string, s: Sidecars): Promise<void> {
  for (const { sourceId, prefix, text } of s.metas) {
    const outputs = new Map<string, string>()
    for (const r of s.rows) {
      if (r.sourceId !== sourceId || r.status !== 'done') continue
      outputs.set(r.relativePath, r.output.slice(prefix.length))
    }
    const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/)
    const header = rows[0].split('\t')
    const col = header.indexOf('filename')
    const kept = [rows[0]]
    for (const row of rows.slice(1)) {
      if (!row.trim()) continue
      const cells = row.split('\t')
      const out = outputs.get(cells[col])
      if (out === undefined) continue
      cells[col] = out
      kept.push(cells.join('\t'))
    }
    await writeFileAtomically(join(outDir, prefix, 'meta.csv'), `${kept.join('\n')}\n`)
  }
}
