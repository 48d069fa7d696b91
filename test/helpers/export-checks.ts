// What every integrity test checks of an export: the job's rows against the files on disk, and
// the manifest as a spreadsheet would read it.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

export interface ExportRow {
  job_id: number
  recording_id: number
  output_path: string
  status: string
  error: string | null
  output_hash: string | null
  warnings: string | null
}

/** Every export row of the project (read-only). */
export function exportRows(project: string): ExportRow[] {
  const db = new Database(project, { readonly: true })
  try {
    return db
      .prepare('SELECT * FROM export_files ORDER BY job_id, output_path')
      .all() as ExportRow[]
  } finally {
    db.close()
  }
}

/** Status of every job of the project, by id. */
export function jobStatuses(project: string): Record<number, string> {
  const db = new Database(project, { readonly: true })
  try {
    const rows = db.prepare('SELECT id, status FROM jobs').all() as { id: number; status: string }[]
    return Object.fromEntries(rows.map((r) => [r.id, r.status]))
  } finally {
    db.close()
  }
}

export const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex')

/** Ids of the export jobs into `outDir` (links resolved). */
export function jobsInto(project: string, outDir: string): Set<number> {
  const real = realpathSync(outDir)
  const db = new Database(project, { readonly: true })
  try {
    const rows = db.prepare("SELECT id, params FROM jobs WHERE kind = 'export'").all() as {
      id: number
      params: string
    }[]
    return new Set(
      rows
        .filter((r) => (JSON.parse(r.params) as { outDir: string }).outDir === real)
        .map((r) => r.id),
    )
  } finally {
    db.close()
  }
}

/**
 * Problems with the `done` rows of exports into `outDir` (of one job, or of every job into that
 * folder): a row whose file is missing or whose hash is not the file's, and two done rows
 * claiming one path with different hashes.
 */
export function doneRowProblems(project: string, outDir: string, jobId?: number): string[] {
  const problems: string[] = []
  const byPath = new Map<string, string>()
  const jobs = jobsInto(project, outDir)
  for (const r of exportRows(project)) {
    if (r.status !== 'done' || !jobs.has(r.job_id) || (jobId !== undefined && r.job_id !== jobId))
      continue
    const file = join(outDir, r.output_path)
    if (!existsSync(file)) problems.push(`${r.output_path}: done but missing`)
    else if (sha256(file) !== r.output_hash) problems.push(`${r.output_path}: hash differs`)
    const other = byPath.get(r.output_path)
    if (other !== undefined && other !== r.output_hash)
      problems.push(`${r.output_path}: two done rows with different hashes`)
    byPath.set(r.output_path, r.output_hash ?? '')
  }
  return problems
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else if (ch !== '\r') cell += ch
  }
  if (cell !== '' || row.length) rows.push([...row, cell])
  return rows
}

/** The manifest as objects keyed by its header. */
export function readManifest(outDir: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(join(outDir, 'manifest.csv'), 'utf8'))
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
}
