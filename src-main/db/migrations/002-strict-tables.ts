import type { Database } from 'better-sqlite3'

/**
 * Every table becomes STRICT (a value of the wrong type is refused instead of stored), and the
 * summaries' and estimates' `hop` columns are named `hop_length` like the code (librosa's
 * hop_length). SQLite cannot alter either in place: each table is rebuilt (SQLite's documented
 * procedure: new table, copy, drop, rename; foreign keys are off meanwhile, see connection.ts).
 * The stored STFT setting's JSON follows the rename too.
 */
export function up(db: Database): void {
  const rebuild = (table: string, columns: string, copy: string, from = copy): void => {
    db.exec(`CREATE TABLE ${table}_new (${columns}) STRICT;
      INSERT INTO ${table}_new (${copy}) SELECT ${from} FROM ${table};
      DROP TABLE ${table};
      ALTER TABLE ${table}_new RENAME TO ${table};`)
  }
  rebuild('settings', 'key TEXT PRIMARY KEY, value TEXT NOT NULL', 'key, value')
  rebuild(
    'sources',
    `id INTEGER PRIMARY KEY, root TEXT NOT NULL UNIQUE, label_rule TEXT NOT NULL,
     added_at TEXT NOT NULL, scanned_at TEXT`,
    'id, root, label_rule, added_at, scanned_at',
  )
  const recordingColumns = `id, source_id, rel_path, size, mtime_ms, status, error, container,
    sample_format, bits, sample_rate, channels, frames, duration_sec, device, scene, grp, manual_labels`
  rebuild(
    'recordings',
    `id INTEGER PRIMARY KEY,
     source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
     rel_path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'missing')), error TEXT,
     container TEXT, sample_format TEXT, bits INTEGER, sample_rate INTEGER, channels INTEGER,
     frames INTEGER, duration_sec REAL, device TEXT, scene TEXT, grp TEXT,
     manual_labels INTEGER NOT NULL DEFAULT 0,
     UNIQUE (source_id, rel_path)`,
    recordingColumns,
  )
  db.exec(`CREATE INDEX recordings_device ON recordings (device);
    CREATE INDEX recordings_grp ON recordings (grp);`)
  const summaryColumns = `recording_id, n_fft, hop_length, sample_rate, size, mtime_ms,
    content_hash, status, error, frames, mean_log, mean_mag, dc, rms, peak, clipped_samples, analyzed_at`
  rebuild(
    'summaries',
    `recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
     n_fft INTEGER NOT NULL, hop_length INTEGER NOT NULL, sample_rate INTEGER NOT NULL,
     size INTEGER NOT NULL, mtime_ms REAL NOT NULL, content_hash TEXT,
     status TEXT NOT NULL CHECK (status IN ('done', 'silent', 'failed')), error TEXT,
     frames INTEGER, mean_log BLOB, mean_mag BLOB, dc REAL, rms REAL, peak REAL,
     clipped_samples INTEGER, analyzed_at TEXT NOT NULL,
     PRIMARY KEY (recording_id, n_fft, hop_length, sample_rate)`,
    summaryColumns,
    summaryColumns.replace('hop_length', 'hop'),
  )
  const estimateColumns = `id, created_at, app_version, fingerprint, variant, reference, n_fft,
    hop_length, sample_rate, max_per_device, seed, regularization, recording_ids, missing`
  rebuild(
    'estimates',
    `id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, app_version TEXT NOT NULL,
     fingerprint TEXT NOT NULL UNIQUE, variant TEXT NOT NULL, reference TEXT NOT NULL,
     n_fft INTEGER NOT NULL, hop_length INTEGER NOT NULL, sample_rate INTEGER NOT NULL,
     max_per_device INTEGER, seed INTEGER NOT NULL, regularization TEXT NOT NULL,
     recording_ids BLOB NOT NULL, missing TEXT NOT NULL`,
    estimateColumns,
    estimateColumns.replace('hop_length', 'hop'),
  )
  rebuild(
    'estimate_devices',
    `estimate_id INTEGER NOT NULL REFERENCES estimates(id) ON DELETE CASCADE,
     device TEXT NOT NULL, coefficients BLOB NOT NULL, recordings INTEGER NOT NULL,
     segments INTEGER NOT NULL, unequal_frame_pairs INTEGER NOT NULL,
     PRIMARY KEY (estimate_id, device)`,
    'estimate_id, device, coefficients, recordings, segments, unequal_frame_pairs',
  )
  rebuild(
    'jobs',
    `id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('analyze', 'export')),
     status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
     params TEXT NOT NULL, summary TEXT, error TEXT,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL`,
    'id, kind, status, params, summary, error, created_at, updated_at',
  )
  rebuild(
    'export_files',
    `job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
     recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
     output_path TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'writing', 'done', 'failed')),
     error TEXT, clipped_samples INTEGER, output_hash TEXT, bytes INTEGER,
     PRIMARY KEY (job_id, recording_id)`,
    'job_id, recording_id, output_path, status, error, clipped_samples, output_hash, bytes',
  )
  db.exec(`UPDATE settings
    SET value = json_object('nFft', json_extract(value, '$.nFft'), 'hopLength', json_extract(value, '$.hop'))
    WHERE key = 'stft' AND json_extract(value, '$.hop') IS NOT NULL`)
}
