import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { gatedSummary } from '@shared/dsp/gating'
import { warningsFromJson, warningsToJson, type FileWarning } from '@shared/model/warning'
import { fromF32Blob, toF32Blob } from './blobs'
import type { AnalysisKey } from './recordings-repo'

/** A recording waiting for analysis at some setting. */
export interface PendingRecording {
  id: number
  /** Source root and the absolute path of the file. */
  root: string
  path: string
  relativePath: string
  size: number
  mtimeMs: number
  durationSec: number | null
}

/** What analysing one recording produced (or why it failed). */
export interface SummaryRow {
  status: 'done' | 'silent' | 'failed'
  error: string | null
  contentHash: string | null
  frames: number | null
  meanLog: Float32Array | Float64Array | null
  meanMag: Float32Array | Float64Array | null
  dc: number | null
  rms: number | null
  peak: number | null
  clippedSamples: number | null
  /**
   * Digitally silent frames among `frames` and their own mean spectra (null blobs when none);
   * null when unknown (analysed before silence was measured, or imported from an older file).
   */
  silentFrames?: number | null
  silentMeanLog?: Float32Array | Float64Array | null
  silentMeanMag?: Float32Array | Float64Array | null
  /** What reading the file worked around (absent in summary files from before schema 3). */
  warnings?: readonly FileWarning[]
}

const VALID = `s.recording_id = r.id AND s.n_fft = @nFft AND s.hop_length = @hopLength
  AND s.sample_rate = @sampleRate AND s.size = r.size AND s.mtime_ms = r.mtime_ms`

/**
 * Readable recordings without a valid summary at `key`, in id order. Failed analyses are retried
 * only when asked (or when the file changed, which invalidates the row anyway).
 */
export function pendingRecordings(
  db: Database,
  key: AnalysisKey,
  options: { retryFailed?: boolean } = {},
): PendingRecording[] {
  const failed = options.retryFailed ? "AND s.status != 'failed'" : ''
  const rows = db
    .prepare(
      `SELECT r.id, src.root, r.rel_path AS relativePath, r.size,
         r.mtime_ms AS mtimeMs, r.duration_sec AS durationSec
       FROM recordings r JOIN sources src ON src.id = r.source_id
       WHERE r.status = 'ok' AND NOT EXISTS (SELECT 1 FROM summaries s WHERE ${VALID} ${failed})
       ORDER BY r.id`,
    )
    .all(key) as Omit<PendingRecording, 'path'>[]
  return rows.map((r) => ({ ...r, path: join(r.root, r.relativePath) }))
}

/** Stores one analysis result, replacing any older row for the same setting. */
export function summaryWriter(db: Database, key: AnalysisKey) {
  const stmt =
    db.prepare(`INSERT OR REPLACE INTO summaries (recording_id, n_fft, hop_length, sample_rate,
      size, mtime_ms, content_hash, status, error, frames, mean_log, mean_mag, dc, rms, peak,
      clipped_samples, silent_frames, silent_mean_log, silent_mean_mag, analyzed_at, warnings)
    VALUES (@id, @nFft, @hopLength, @sampleRate, @size, @mtimeMs, @contentHash, @status, @error, @frames,
      @meanLog, @meanMag, @dc, @rms, @peak, @clippedSamples, @silentFrames, @silentMeanLog,
      @silentMeanMag, @at, @warnings)`)
  return (rec: { id: number; size: number; mtimeMs: number }, row: SummaryRow): void => {
    stmt.run({
      ...key,
      ...rec,
      ...row,
      meanLog: row.meanLog && toF32Blob(row.meanLog),
      meanMag: row.meanMag && toF32Blob(row.meanMag),
      silentFrames: row.silentFrames ?? null,
      silentMeanLog: row.silentMeanLog ? toF32Blob(row.silentMeanLog) : null,
      silentMeanMag: row.silentMeanMag ? toF32Blob(row.silentMeanMag) : null,
      at: new Date().toISOString(),
      warnings: warningsToJson(row.warnings),
    })
  }
}

type SummaryRecordRow = {
  id: number
  device: string
  grp: string | null
  sample_rate: number | null
  frames: number
  mean_log: Buffer
  mean_mag: Buffer
  silent_frames: number | null
  silent_mean_log: Buffer | null
  silent_mean_mag: Buffer | null
}

const RECORD = `SELECT r.id, r.device, r.grp, r.sample_rate, s.frames, s.mean_log, s.mean_mag,
  s.silent_frames, s.silent_mean_log, s.silent_mean_mag FROM recordings r
  JOIN summaries s ON ${VALID}
  WHERE r.status = 'ok' AND s.status = 'done' AND r.device IS NOT NULL`

/** How summaries are read: with `gated`, each one's digitally silent frames are left out. */
export interface RecordOptions {
  gated?: boolean
}

function toSummaryRecord(r: SummaryRecordRow, options: RecordOptions): SummaryRecord {
  const all = {
    frames: r.frames,
    meanLogMagnitude: fromF32Blob(r.mean_log),
    meanMagnitude: fromF32Blob(r.mean_mag),
  }
  const silent = r.silent_frames ?? 0
  const summary =
    options.gated && silent > 0 && r.silent_mean_log && r.silent_mean_mag
      ? gatedSummary(all, {
          frames: silent,
          meanLogMagnitude: fromF32Blob(r.silent_mean_log),
          meanMagnitude: fromF32Blob(r.silent_mean_mag),
        })
      : all
  return {
    id: r.id,
    device: r.device,
    group: r.grp,
    // The file's own rate: it covers only the analysis bins below its Nyquist (coverage.ts).
    ...(r.sample_rate ? { sampleRate: r.sample_rate } : {}),
    ...summary,
  }
}

/** Estimator input: labelled, readable recordings with a valid, non-silent summary at `key`. */
export function loadSummaryRecords(
  db: Database,
  key: AnalysisKey,
  options: RecordOptions = {},
): SummaryRecord[] {
  const rows = db.prepare(`${RECORD} ORDER BY r.id`).all(key) as SummaryRecordRow[]
  return rows.map((r) => toSummaryRecord(r, options))
}

/** An estimator input's labels and the facts that identify its file (no spectrum). */
export interface SummaryMemberRow {
  id: number
  size: number
  mtime_ms: number
  device: string
  grp: string | null
  frames: number
}

/** The estimator inputs without their spectra, in id order. */
export function loadSummaryMembers(db: Database, key: AnalysisKey): SummaryMemberRow[] {
  return db
    .prepare(
      `SELECT r.id, r.size, r.mtime_ms, r.device, r.grp, s.frames FROM recordings r
       JOIN summaries s ON ${VALID}
       WHERE r.status = 'ok' AND s.status = 'done' AND r.device IS NOT NULL ORDER BY r.id`,
    )
    .all(key) as SummaryMemberRow[]
}

/**
 * The lowest native sample rate (Hz) among the estimator inputs, or null when none has one: below
 * the analysis rate, a recording covers only part of the bins (coverage.ts).
 */
export function lowestInputRate(db: Database, key: AnalysisKey): number | null {
  const row = db
    .prepare(
      `SELECT MIN(r.sample_rate) AS rate FROM recordings r JOIN summaries s ON ${VALID}
       WHERE r.status = 'ok' AND s.status = 'done' AND r.device IS NOT NULL`,
    )
    .get(key) as { rate: number | null }
  return row.rate
}

/**
 * Visits every estimator input's meanLogMagnitude or meanMagnitude, one row at a time (none is
 * kept); `device` keeps only that device's (`only`) or every other device's (`except`).
 */
export function eachSummarySpectrum(
  db: Database,
  key: AnalysisKey,
  spectrum: 'meanLog' | 'meanMag',
  visit: (id: number, values: Float32Array) => void,
  device?: { only: string } | { except: string },
): void {
  const column = spectrum === 'meanLog' ? 's.mean_log' : 's.mean_mag'
  const which =
    device === undefined
      ? ''
      : 'only' in device
        ? 'AND r.device = @only'
        : 'AND r.device != @except'
  const stmt = db.prepare(
    `SELECT r.id, ${column} AS spectrum FROM recordings r JOIN summaries s ON ${VALID}
     WHERE r.status = 'ok' AND s.status = 'done' AND r.device IS NOT NULL ${which}`,
  )
  for (const row of stmt.iterate({ ...key, ...device }) as Iterable<{
    id: number
    spectrum: Buffer
  }>) {
    visit(row.id, fromF32Blob(row.spectrum))
  }
}

/** The estimator input of one recording, if it has one. */
export function getSummaryRecord(
  db: Database,
  key: AnalysisKey,
  id: number,
  options: RecordOptions = {},
): SummaryRecord | undefined {
  const row = db.prepare(`${RECORD} AND r.id = @id`).get({ ...key, id }) as
    SummaryRecordRow | undefined
  return row && toSummaryRecord(row, options)
}

/** What the signal checks read of each labelled, readable recording analysed at `key`. */
export interface SignalFacts {
  id: number
  device: string
  path: string
  sampleRate: number | null
  channels: number | null
  durationSec: number | null
  status: 'done' | 'silent'
  /** STFT frames at the analysis rate, and how many were digitally silent (null: unknown). */
  frames: number
  silentFrames: number | null
  /** Mean of the mono mixdown (full scale), its RMS about the mean, peak and clipped samples. */
  dc: number | null
  rms: number | null
  peak: number | null
  clippedSamples: number | null
}

/** Signal statistics of every labelled recording with a done or silent summary at `key`. */
export function signalFacts(db: Database, key: AnalysisKey): SignalFacts[] {
  return db
    .prepare(
      `SELECT r.id, r.device, r.rel_path AS path, r.sample_rate AS sampleRate, r.channels,
         r.duration_sec AS durationSec, s.status, s.frames, s.silent_frames AS silentFrames,
         s.dc, s.rms, s.peak, s.clipped_samples AS clippedSamples
       FROM recordings r JOIN summaries s ON ${VALID}
       WHERE r.status = 'ok' AND s.status IN ('done', 'silent') AND r.device IS NOT NULL
       ORDER BY r.device, r.id`,
    )
    .all(key) as SignalFacts[]
}

/** Counts of recordings by analysis outcome at `key`, for reports and the UI. */
export function analysisCounts(
  db: Database,
  key: AnalysisKey,
): { done: number; silent: number; failed: number; pending: number; unreadable: number } {
  const row = db
    .prepare(
      `SELECT
         sum(r.status = 'ok' AND s.status = 'done') AS done,
         sum(r.status = 'ok' AND s.status = 'silent') AS silent,
         sum(r.status = 'ok' AND s.status = 'failed') AS failed,
         sum(r.status = 'ok' AND s.status IS NULL) AS pending,
         sum(r.status = 'error') AS unreadable
       FROM recordings r LEFT JOIN summaries s ON ${VALID}`,
    )
    .get(key) as Record<string, number | null>
  return {
    done: row.done ?? 0,
    silent: row.silent ?? 0,
    failed: row.failed ?? 0,
    pending: row.pending ?? 0,
    unreadable: row.unreadable ?? 0,
  }
}

/** A valid summary with the file it belongs to. */
export interface StoredSummary extends SummaryRow {
  root: string
  relativePath: string
  size: number
}

interface StoredRow {
  root: string
  relativePath: string
  size: number
  status: SummaryRow['status']
  error: string | null
  content_hash: string | null
  frames: number | null
  mean_log: Buffer | null
  mean_mag: Buffer | null
  dc: number | null
  rms: number | null
  peak: number | null
  clipped_samples: number | null
  silent_frames: number | null
  silent_mean_log: Buffer | null
  silent_mean_mag: Buffer | null
  warnings: string | null
}

/** Every valid summary at `key`, in recording order. */
export function listValidSummaries(db: Database, key: AnalysisKey): StoredSummary[] {
  const rows = db
    .prepare(
      `SELECT src.root, r.rel_path AS relativePath, r.size, s.status, s.error, s.content_hash,
         s.frames, s.mean_log, s.mean_mag, s.dc, s.rms, s.peak, s.clipped_samples,
         s.silent_frames, s.silent_mean_log, s.silent_mean_mag, s.warnings
       FROM recordings r JOIN summaries s ON ${VALID} JOIN sources src ON src.id = r.source_id
       ORDER BY r.id`,
    )
    .all(key) as StoredRow[]
  return rows.map((r) => ({
    root: r.root,
    relativePath: r.relativePath,
    size: r.size,
    status: r.status,
    error: r.error,
    contentHash: r.content_hash,
    frames: r.frames,
    meanLog: r.mean_log && fromF32Blob(r.mean_log),
    meanMag: r.mean_mag && fromF32Blob(r.mean_mag),
    dc: r.dc,
    rms: r.rms,
    peak: r.peak,
    clippedSamples: r.clipped_samples,
    silentFrames: r.silent_frames,
    silentMeanLog: r.silent_mean_log && fromF32Blob(r.silent_mean_log),
    silentMeanMag: r.silent_mean_mag && fromF32Blob(r.silent_mean_mag),
    warnings: warningsFromJson(r.warnings),
  }))
}

/** The content hash of every recording with a valid summary at `key` that has one. */
export function contentHashes(db: Database, key: AnalysisKey): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT r.id, s.content_hash AS hash FROM recordings r JOIN summaries s ON ${VALID}
       WHERE s.content_hash IS NOT NULL`,
    )
    .all(key) as { id: number; hash: string }[]
  return new Map(rows.map((r) => [r.id, r.hash]))
}

/** An analysed (not silent) readable recording's summary with its labels, for `.npz` exports. */
export interface LabelledSummary {
  /** Absolute path: the source root joined with the relative path. */
  path: string
  device: string | null
  scene: string | null
  group: string | null
  frames: number
  meanLogMagnitude: Float32Array
  meanMagnitude: Float32Array
}

/** Every recording with a valid, non-silent summary at `key`, labelled or not, in id order. */
export function listLabelledSummaries(db: Database, key: AnalysisKey): LabelledSummary[] {
  const rows = db
    .prepare(
      `SELECT src.root, r.rel_path AS relativePath, r.device, r.scene, r.grp, s.frames,
         s.mean_log, s.mean_mag
       FROM recordings r JOIN summaries s ON ${VALID} JOIN sources src ON src.id = r.source_id
       WHERE r.status = 'ok' AND s.status = 'done'
       ORDER BY r.id`,
    )
    .all(key) as {
    root: string
    relativePath: string
    device: string | null
    scene: string | null
    grp: string | null
    frames: number
    mean_log: Buffer
    mean_mag: Buffer
  }[]
  return rows.map((r) => ({
    path: join(r.root, r.relativePath),
    device: r.device,
    scene: r.scene,
    group: r.grp,
    frames: r.frames,
    meanLogMagnitude: fromF32Blob(r.mean_log),
    meanMagnitude: fromF32Blob(r.mean_mag),
  }))
}
