import type { Database } from 'better-sqlite3'

export type JobKind = 'analyze' | 'export'
export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted'

export interface JobRecord {
  id: number
  kind: JobKind
  status: JobStatus
  params: unknown
  summary: unknown
  error: string | null
  createdAt: string
  updatedAt: string
}

interface Row {
  id: number
  kind: JobKind
  status: JobStatus
  params: string
  summary: string | null
  error: string | null
  created_at: string
  updated_at: string
}

const toJob = (r: Row): JobRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  params: JSON.parse(r.params) as unknown,
  summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export function createJob(db: Database, kind: JobKind, params: unknown): number {
  const now = new Date().toISOString()
  return Number(
    db
      .prepare(
        "INSERT INTO jobs (kind, status, params, created_at, updated_at) VALUES (?, 'running', ?, ?, ?)",
      )
      .run(kind, JSON.stringify(params), now, now).lastInsertRowid,
  )
}

export function setJobStatus(
  db: Database,
  id: number,
  status: JobStatus,
  extra: { summary?: unknown; error?: string | null } = {},
): void {
  db.prepare(
    'UPDATE jobs SET status = ?, summary = coalesce(?, summary), error = ?, updated_at = ? WHERE id = ?',
  ).run(
    status,
    extra.summary === undefined ? null : JSON.stringify(extra.summary),
    extra.error ?? null,
    new Date().toISOString(),
    id,
  )
}

/** Replaces a job's parameters (an export's gain, once its first pass has measured it). */
export function setJobParams(db: Database, id: number, params: unknown): void {
  db.prepare('UPDATE jobs SET params = ? WHERE id = ?').run(JSON.stringify(params), id)
}

export function getJob(db: Database, id: number): JobRecord | undefined {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined
  return row && toJob(row)
}

export function listJobs(db: Database, kind?: JobKind): JobRecord[] {
  const rows = (
    kind
      ? db.prepare('SELECT * FROM jobs WHERE kind = ? ORDER BY id DESC').all(kind)
      : db.prepare('SELECT * FROM jobs ORDER BY id DESC').all()
  ) as Row[]
  return rows.map(toJob)
}

/** Jobs left 'running' by a process that died become 'interrupted' (resumable). */
export function markInterruptedJobs(db: Database): number {
  return db
    .prepare("UPDATE jobs SET status = 'interrupted', updated_at = ? WHERE status = 'running'")
    .run(new Date().toISOString()).changes
}

export type ExportFileStatus = 'pending' | 'writing' | 'done' | 'failed'

export interface ExportFileRow {
  recordingId: number
  outputPath: string
  status: ExportFileStatus
  error: string | null
  clippedSamples: number | null
  outputHash: string | null
  bytes: number | null
}

/** Adds the per-file rows of an export job (pending), skipping ones already present. */
export function addExportFiles(
  db: Database,
  jobId: number,
  files: readonly { recordingId: number; outputPath: string }[],
): void {
  const stmt = db.prepare(
    "INSERT OR IGNORE INTO export_files (job_id, recording_id, output_path, status) VALUES (?, ?, ?, 'pending')",
  )
  db.transaction(() => {
    for (const f of files) stmt.run(jobId, f.recordingId, f.outputPath)
  }).immediate()
}

export function listExportFiles(db: Database, jobId: number): ExportFileRow[] {
  return db
    .prepare(
      `SELECT recording_id AS recordingId, output_path AS outputPath, status, error,
         clipped_samples AS clippedSamples, output_hash AS outputHash, bytes
       FROM export_files WHERE job_id = ? ORDER BY output_path`,
    )
    .all(jobId) as ExportFileRow[]
}

export function setExportFile(
  db: Database,
  jobId: number,
  recordingId: number,
  patch: Partial<Omit<ExportFileRow, 'recordingId' | 'outputPath'>>,
): void {
  db.prepare(
    `UPDATE export_files SET status = coalesce(@status, status), error = @error,
       clipped_samples = coalesce(@clippedSamples, clipped_samples),
       output_hash = coalesce(@outputHash, output_hash), bytes = coalesce(@bytes, bytes)
     WHERE job_id = @jobId AND recording_id = @recordingId`,
  ).run({
    status: null,
    error: null,
    clippedSamples: null,
    outputHash: null,
    bytes: null,
    ...patch,
    jobId,
    recordingId,
  })
}
