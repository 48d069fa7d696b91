// The files written beside an export: manifest.csv, scw-export.json and a rewritten meta.csv.
import { join } from 'node:path'
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

export async function writeExportSidecars(project: Project, input: SidecarInput): Promise<void> {
  const byId = new Map(input.candidates.map((c) => [c.id, c]))
  const lines = [MANIFEST_COLUMNS.join(',')]
  const warned: { input: string; output: string; warnings: ExportFileRow['warnings'] }[] = []
  const failed: { input: string; error: string }[] = []
  for (const f of input.files) {
    const c = byId.get(f.recordingId)
    if (!c) continue
    const inputPath = join(c.root, c.relativePath)
    if (f.warnings.length)
      warned.push({ input: inputPath, output: f.outputPath, warnings: f.warnings })
    if (f.status === 'failed') failed.push({ input: inputPath, error: f.error ?? '' })
    lines.push(
      [
        inputPath,
        f.outputPath,
        c.device,
        f.status,
        f.clippedSamples,
        f.outputHash,
        f.error,
        f.warnings.map((w) => w.message).join('; '),
      ]
        .map(csvCell)
        .join(','),
    )
  }
  await writeFileAtomically(join(input.outDir, 'manifest.csv'), `${lines.join('\n')}\n`)
  const record = {
    app: { name: APP_NAME, version: APP_VERSION },
    project: project.path,
    createdAt: new Date().toISOString(),
    settings: input.params,
    estimate: estimateJson(input.estimate),
    corrections: input.corrections,
    fir: input.taps && Object.keys(input.taps).length ? input.taps : null,
    files: {
      done: input.files.filter((f) => f.status === 'done').length,
      failed: input.files.filter((f) => f.status === 'failed').length,
    },
    failed,
    warnings: warned,
  }
  await writeFileAtomically(
    join(input.outDir, 'scw-export.json'),
    `${JSON.stringify(record, null, 1)}\n`,
  )
  await rewriteMeta(input, byId)
}

/** DCASE meta.csv of each source, with file names pointing at the outputs and only exported rows. */
async function rewriteMeta(input: SidecarInput, byId: Map<number, ExportCandidate>): Promise<void> {
  for (const [sourceId, text] of input.metaRewrite) {
    const prefix = input.prefixOf(sourceId)
    const outputs = new Map<string, string>()
    for (const f of input.files) {
      const c = byId.get(f.recordingId)
      if (!c || c.sourceId !== sourceId || f.status !== 'done') continue
      outputs.set(c.relativePath, f.outputPath.slice(prefix.length))
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
    await writeFileAtomically(join(input.outDir, prefix, 'meta.csv'), `${kept.join('\n')}\n`)
  }
}
