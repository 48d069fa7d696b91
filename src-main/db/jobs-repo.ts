import type { Database } from 'better-sqlite3'
import { warningsFromJson, warningsToJson, type FileWarning } from '@shared/model/warning'

export type JobKind = 'analyze' | 'export'
export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted'

/** The process running a job: its pid and host. */
export interface JobOwner {
  pid: number
  host: string
}

export interface JobRecord {
  id: number
  kind: JobKind
  status: JobStatus
  params: unknown
  summary: unknown
  error: string | null
  createdAt: string
  updatedAt: string
  /** The process that ran it last (null in files from before schema 3). */
  owner: JobOwner | null
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
  owner_pid: number | null
  owner_host: string | null
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
  owner: r.owner_pid === null ? null : { pid: r.owner_pid, host: r.owner_host ?? '' },
})

/** A new job, running in `owner`'s process. */
export function createJob(db: Database, kind: JobKind, params: unknown, owner: JobOwner): number {
  const now = new Date().toISOString()
  return Number(
    db
      .prepare(
        `INSERT INTO jobs (kind, status, params, created_at, updated_at, owner_pid, owner_host)
         VALUES (?, 'running', ?, ?, ?, ?, ?)`,
      )
      .run(kind, JSON.stringify(params), now, now, owner.pid, owner.host).lastInsertRowid,
  )
}

/**
 * Makes `owner` the job's running process, in one writing transaction; refuses (returning the
 * job as it stands) when the job is running in another process that is still alive.
 */
export function claimJob(
  db: Database,
  id: number,
  owner: JobOwner,
  isAlive: (o: JobOwner) => boolean,
): { claimed: true } | { claimed: false; job: JobRecord } {
  return db
    .transaction((): { claimed: true } | { claimed: false; job: JobRecord } => {
      const job = getJob(db, id)
      if (!job) throw new Error(`no job ${id}`)
      const mine = job.owner?.pid === owner.pid && job.owner.host === owner.host
      if (job.status === 'running' && job.owner && !mine && isAlive(job.owner)) {
        return { claimed: false, job }
      }
      db.prepare(
        "UPDATE jobs SET status = 'running', owner_pid = ?, owner_host = ?, error = NULL, updated_at = ? WHERE id = ?",
      ).run(owner.pid, owner.host, new Date().toISOString(), id)
      return { claimed: true }
    })
    .immediate()
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

/**
 * Jobs left 'running' by a process that is gone become 'interrupted' (resumable); jobs of a
 * process still running (another command on the same project) are left alone.
 */
export function markInterruptedJobs(db: Database, isAlive: (o: JobOwner) => boolean): number {
  const stale = listRunning(db).filter((j) => !j.owner || !isAlive(j.owner))
  if (stale.length === 0) return 0
  const mark = db.prepare(
    "UPDATE jobs SET status = 'interrupted', updated_at = ? WHERE id = ? AND status = 'running'",
  )
  const now = new Date().toISOString()
  return db
    .transaction(() => stale.reduce((n, j) => n + mark.run(now, j.id).changes, 0))
    .immediate()
}

function listRunning(db: Database): JobRecord[] {
  return (db.prepare("SELECT * FROM jobs WHERE status = 'running'").all() as Row[]).map(toJob)
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
  /** What reading the input worked around. */
  warnings: FileWarning[]
}

/**
 * Gives an export job one row per file (pending) at its planned output path. A row whose
 * planned path changed (another recording now takes its old one) moves and becomes pending
 * again; rows of recordings no longer planned are left as they are.
 */
export function syncExportFiles(
  db: Database,
  jobId: number,
  files: readonly { recordingId: number; outputPath: string }[],
): void {
  const insert = db.prepare(
    "INSERT OR IGNORE INTO export_files (job_id, recording_id, output_path, status) VALUES (?, ?, ?, 'pending')",
  )
  const move = db.prepare(
    `UPDATE export_files SET output_path = ?, status = 'pending', error = NULL, output_hash = NULL,
       bytes = NULL, clipped_samples = NULL, warnings = NULL
     WHERE job_id = ? AND recording_id = ? AND output_path != ?`,
  )
  db.transaction(() => {
    for (const f of files) {
      move.run(f.outputPath, jobId, f.recordingId, f.outputPath)
      insert.run(jobId, f.recordingId, f.outputPath)
    }
  }).immediate()
}

/**
 * Rows of other jobs that were done at `outputPath` (the same output folder) are no longer:
 * this job is about to write another file there.
 */
export function supersedeExportFiles(
  db: Database,
  jobIds: readonly number[],
  outputPath: string,
): void {
  if (jobIds.length === 0) return
  db.prepare(
    `UPDATE export_files SET status = 'pending', output_hash = NULL, bytes = NULL
     WHERE output_path = ? AND status = 'done' AND job_id IN (${jobIds.map(() => '?').join(',')})`,
  ).run(outputPath, ...jobIds)
}

interface ExportFileDbRow extends Omit<ExportFileRow, 'warnings'> {
  warnings: string | null
}

export function listExportFiles(db: Database, jobId: number): ExportFileRow[] {
  const rows = db
    .prepare(
      `SELECT recording_id AS recordingId, output_path AS outputPath, status, error,
         clipped_samples AS clippedSamples, output_hash AS outputHash, bytes, warnings
       FROM export_files WHERE job_id = ? ORDER BY output_path`,
    )
    .all(jobId) as ExportFileDbRow[]
  return rows.map((r) => ({ ...r, warnings: warningsFromJson(r.warnings) }))
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
       output_hash = @outputHash, bytes = coalesce(@bytes, bytes),
       warnings = coalesce(@warnings, warnings)
     WHERE job_id = @jobId AND recording_id = @recordingId`,
  ).run({
    status: null,
    error: null,
    clippedSamples: null,
    outputHash: null,
    bytes: null,
    ...patch,
    warnings: patch.warnings === undefined ? null : (warningsToJson(patch.warnings) ?? '[]'),
    jobId,
    recordingId,
  })
}
