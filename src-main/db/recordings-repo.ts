import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import type { LabelFields } from '@shared/labels'
import type { AnalysisStatus, Recording, RecordingStatus } from '@shared/model/recording'
import {
  mergeWarnings,
  warningsFromJson,
  warningsToJson,
  type FileWarning,
  type FileWarnings,
} from '@shared/model/warning'

/** The analysis setting a recording's summary is looked up under. */
export interface AnalysisKey {
  nFft: number
  hopLength: number
  sampleRate: number
}

/** Header facts of a scanned file (null where unreadable). */
export interface HeaderFacts {
  container: string | null
  sampleFormat: string | null
  bits: number | null
  sampleRate: number | null
  channels: number | null
  frames: number | null
  durationSec: number | null
  /** What the probe found and worked around in the headers. */
  warnings: FileWarning[]
}

/**
 * Recordings joined with their summary at `key` (valid only while size and mtime match), as
 * positional rows: at 100,000 recordings, building one object per row and column costs more than
 * the query. The summary columns come from the `summaries_state` index, never from the rows
 * holding the spectra.
 */
const SELECT = `SELECT r.id, r.source_id, r.rel_path, r.status, r.error, r.container,
    r.sample_format, r.sample_rate, r.channels, r.frames, r.duration_sec, r.device, r.scene, r.grp,
    r.manual_labels, s.status, s.error, s.peak, s.clipped_samples, r.warnings, s.warnings
  FROM recordings r LEFT JOIN summaries s ON s.recording_id = r.id
    AND s.n_fft = @nFft AND s.hop_length = @hopLength AND s.sample_rate = @sampleRate
    AND s.size = r.size AND s.mtime_ms = r.mtime_ms`

type Row = [
  id: number,
  sourceId: number,
  relPath: string,
  status: RecordingStatus,
  error: string | null,
  container: string | null,
  sampleFormat: string | null,
  sampleRate: number | null,
  channels: number | null,
  frames: number | null,
  durationSec: number | null,
  device: string | null,
  scene: string | null,
  group: string | null,
  manualLabels: number,
  summaryStatus: 'done' | 'silent' | 'failed' | null,
  summaryError: string | null,
  peak: number | null,
  clippedSamples: number | null,
  probeWarnings: string | null,
  summaryWarnings: string | null,
]

function toRecording(r: Row): Recording {
  const analysis: AnalysisStatus = r[15] === null ? 'pending' : r[15]
  return {
    id: r[0],
    sourceId: r[1],
    relativePath: r[2],
    status: r[3],
    error: r[3] === 'error' ? r[4] : analysis === 'failed' ? r[16] : null,
    container: r[5],
    sampleFormat: r[6],
    sampleRate: r[7],
    channels: r[8],
    frames: r[9],
    durationSec: r[10],
    device: r[11],
    scene: r[12],
    group: r[13],
    manualLabels: r[14] === 1,
    analysis,
    peak: r[17],
    clippedSamples: r[18],
    // The probe's, then the analysis's (which repeats the probe's: listed once).
    warnings: mergeWarnings(warningsFromJson(r[19]), warningsFromJson(r[20])),
  }
}

/** Every recording of the project (or of one source), ordered by source and path. */
export function listRecordings(db: Database, key: AnalysisKey, sourceId?: number): Recording[] {
  const where = sourceId === undefined ? '' : 'WHERE r.source_id = @sourceId'
  const rows = db
    .prepare(`${SELECT} ${where} ORDER BY r.source_id, r.rel_path`)
    .raw()
    .all({ ...key, sourceId }) as Row[]
  return rows.map(toRecording)
}

export function getRecording(db: Database, key: AnalysisKey, id: number): Recording | undefined {
  const row = db
    .prepare(`${SELECT} WHERE r.id = @id`)
    .raw()
    .get({ ...key, id }) as Row | undefined
  return row && toRecording(row)
}

/** What a scan compares against: path → (id, size, mtime, status) for one source. */
export function scanIndex(
  db: Database,
  sourceId: number,
): Map<string, { id: number; size: number; mtimeMs: number; status: RecordingStatus }> {
  const rows = db
    .prepare('SELECT id, rel_path, size, mtime_ms, status FROM recordings WHERE source_id = ?')
    .all(sourceId) as {
    id: number
    rel_path: string
    size: number
    mtime_ms: number
    status: RecordingStatus
  }[]
  return new Map(
    rows.map((r) => [
      r.rel_path,
      { id: r.id, size: r.size, mtimeMs: r.mtime_ms, status: r.status },
    ]),
  )
}

/** Prepared writers for a scan; call inside one transaction. */
export function recordingWriters(db: Database) {
  const insert =
    db.prepare(`INSERT INTO recordings (source_id, rel_path, size, mtime_ms, status, error,
      container, sample_format, bits, sample_rate, channels, frames, duration_sec, device, scene, grp,
      warnings)
    VALUES (@sourceId, @relativePath, @size, @mtimeMs, @status, @error, @container, @sampleFormat, @bits,
      @sampleRate, @channels, @frames, @durationSec, @device, @scene, @group, @warnings)`)
  const update =
    db.prepare(`UPDATE recordings SET size = @size, mtime_ms = @mtimeMs, status = @status,
      error = @error, container = @container, sample_format = @sampleFormat, bits = @bits,
      sample_rate = @sampleRate, channels = @channels, frames = @frames, duration_sec = @durationSec,
      warnings = @warnings
    WHERE id = @id`)
  const labels = db.prepare(
    'UPDATE recordings SET device = @device, scene = @scene, grp = @group WHERE id = @id AND manual_labels = 0',
  )
  const missing = db.prepare("UPDATE recordings SET status = 'missing' WHERE id = ?")
  return {
    insert(
      row: { sourceId: number; relativePath: string; size: number; mtimeMs: number } & HeaderFacts &
        LabelFields & { status: RecordingStatus; error: string | null },
    ): number {
      return Number(insert.run({ ...row, warnings: warningsToJson(row.warnings) }).lastInsertRowid)
    },
    update(
      row: {
        id: number
        size: number
        mtimeMs: number
        status: RecordingStatus
        error: string | null
      } & HeaderFacts,
    ): void {
      update.run({ ...row, warnings: warningsToJson(row.warnings) })
    },
    setLabels(id: number, fields: LabelFields): void {
      labels.run({ id, ...fields })
    },
    markMissing(id: number): void {
      missing.run(id)
    },
  }
}

/** Sets labels by hand on the given recordings; they then survive re-applying label rules. */
export function relabelRecordings(
  db: Database,
  ids: readonly number[],
  patch: Partial<LabelFields>,
): number {
  const sets: string[] = []
  if ('device' in patch) sets.push('device = @device')
  if ('scene' in patch) sets.push('scene = @scene')
  if ('group' in patch) sets.push('grp = @group')
  if (sets.length === 0) return 0
  const stmt = db.prepare(
    `UPDATE recordings SET ${sets.join(', ')}, manual_labels = 1 WHERE id = @id`,
  )
  let changed = 0
  db.transaction(() => {
    for (const id of ids)
      changed += stmt.run({ device: null, scene: null, group: null, ...patch, id }).changes
  }).immediate()
  return changed
}

/** Number of readable recordings per device label (null label counted under ''). */
export function deviceCounts(db: Database): Record<string, number> {
  const rows = db
    .prepare(
      "SELECT coalesce(device, '') AS device, count(*) AS n FROM recordings WHERE status = 'ok' GROUP BY 1 ORDER BY 1",
    )
    .all() as { device: string; n: number }[]
  return Object.fromEntries(rows.map((r) => [r.device, r.n]))
}

/** Readable recordings per native sample rate (Hz), most common first (ties: the higher rate). */
export function rateCounts(db: Database): { sampleRate: number; count: number }[] {
  return db
    .prepare(
      `SELECT sample_rate AS sampleRate, count(*) AS count FROM recordings
       WHERE status = 'ok' AND sample_rate IS NOT NULL GROUP BY sample_rate
       ORDER BY count DESC, sample_rate DESC`,
    )
    .all() as { sampleRate: number; count: number }[]
}

/** Readable, labelled recordings per device and native sample rate (Hz), with their seconds. */
export function deviceRateCounts(
  db: Database,
): { device: string; sampleRate: number; count: number; seconds: number }[] {
  return db
    .prepare(
      `SELECT device, sample_rate AS sampleRate, count(*) AS count,
         coalesce(sum(duration_sec), 0) AS seconds FROM recordings
       WHERE status = 'ok' AND device IS NOT NULL AND sample_rate IS NOT NULL
       GROUP BY device, sample_rate ORDER BY device, sample_rate`,
    )
    .all() as { device: string; sampleRate: number; count: number; seconds: number }[]
}

/** What export needs of a readable, labelled recording. */
export interface ExportCandidate {
  id: number
  sourceId: number
  root: string
  relativePath: string
  device: string
  sampleRate: number
  durationSec: number
  /** Bytes and modification time when the file was indexed. */
  size: number
  mtimeMs: number
}

/** Readable recordings with a device label, with their source root, in source and path order. */
export function exportCandidates(db: Database): ExportCandidate[] {
  return db
    .prepare(
      `SELECT r.id, r.source_id AS sourceId, s.root, r.rel_path AS relativePath, r.device,
         r.sample_rate AS sampleRate, coalesce(r.duration_sec, 0) AS durationSec, r.size,
         r.mtime_ms AS mtimeMs
       FROM recordings r JOIN sources s ON s.id = r.source_id
       WHERE r.status = 'ok' AND r.device IS NOT NULL ORDER BY r.source_id, r.rel_path`,
    )
    .all() as ExportCandidate[]
}

/** The other readable recordings of an alignment group: the same moment by other devices. */
export function groupSiblings(
  db: Database,
  group: string,
  exceptId: number,
): { id: number; device: string | null }[] {
  return db
    .prepare(
      "SELECT id, device FROM recordings WHERE grp = ? AND id != ? AND status = 'ok' ORDER BY device",
    )
    .all(group, exceptId) as { id: number; device: string | null }[]
}

/** Readable and missing recordings, and the seconds of audio of the readable ones. */
export function recordingTotals(db: Database): { ok: number; missing: number; seconds: number } {
  const row = db
    .prepare(
      `SELECT sum(status = 'ok') AS ok, sum(status = 'missing') AS missing,
         coalesce(sum(CASE WHEN status = 'ok' THEN duration_sec END), 0) AS seconds
       FROM recordings`,
    )
    .get() as { ok: number | null; missing: number | null; seconds: number }
  return { ok: row.ok ?? 0, missing: row.missing ?? 0, seconds: row.seconds }
}

/** The device labels of readable recordings, sorted. */
export function labelledDevices(db: Database): string[] {
  const rows = db
    .prepare(
      "SELECT DISTINCT device FROM recordings WHERE status = 'ok' AND device IS NOT NULL ORDER BY device",
    )
    .all() as { device: string }[]
  return rows.map((r) => r.device)
}

/** Every recording of a source that is not missing, in path order. */
export function sourceRecordingPaths(
  db: Database,
  sourceId: number,
): { id: number; relativePath: string }[] {
  return db
    .prepare(
      "SELECT id, rel_path AS relativePath FROM recordings WHERE source_id = ? AND status != 'missing' ORDER BY rel_path",
    )
    .all(sourceId) as { id: number; relativePath: string }[]
}

/** A readable recording's file: where it lies and what it measured when scanned. */
export interface RecordingFile {
  id: number
  size: number
  mtimeMs: number
  root: string
  relativePath: string
}

/** Every readable recording's file, for matching summaries made elsewhere. */
export function readableRecordingFiles(db: Database): RecordingFile[] {
  return db
    .prepare(
      `SELECT r.id, r.size, r.mtime_ms AS mtimeMs, r.rel_path AS relativePath, s.root
       FROM recordings r JOIN sources s ON s.id = r.source_id WHERE r.status = 'ok'`,
    )
    .all() as RecordingFile[]
}

/** The header warnings of a source's readable recordings (absolute path, warnings), by path. */
export function probeWarnings(db: Database, sourceId: number): FileWarnings[] {
  const rows = db
    .prepare(
      `SELECT s.root, r.rel_path AS relativePath, r.warnings FROM recordings r
         JOIN sources s ON s.id = r.source_id
       WHERE r.source_id = ? AND r.status = 'ok' AND r.warnings IS NOT NULL ORDER BY r.rel_path`,
    )
    .all(sourceId) as { root: string; relativePath: string; warnings: string }[]
  return rows.map((r) => ({
    path: join(r.root, r.relativePath),
    warnings: warningsFromJson(r.warnings),
  }))
}

/** A recording's size (bytes) and modification time when it was indexed. */
export function indexedFileFacts(
  db: Database,
  id: number,
): { size: number; mtimeMs: number } | undefined {
  return db.prepare('SELECT size, mtime_ms AS mtimeMs FROM recordings WHERE id = ?').get(id) as
    { size: number; mtimeMs: number } | undefined
}
