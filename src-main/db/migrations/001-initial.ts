import type { Database } from 'better-sqlite3'

/** Sources, recordings with labels, spectral summaries, estimates, jobs and settings. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL -- JSON
    );

    CREATE TABLE sources (
      id INTEGER PRIMARY KEY,
      root TEXT NOT NULL UNIQUE,       -- absolute, links resolved
      label_rule TEXT NOT NULL,        -- JSON LabelRule
      added_at TEXT NOT NULL,
      scanned_at TEXT
    );

    CREATE TABLE recordings (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      rel_path TEXT NOT NULL,          -- '/' separators
      size INTEGER NOT NULL,           -- bytes
      mtime_ms REAL NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'missing')),
      error TEXT,
      container TEXT,
      sample_format TEXT,
      bits INTEGER,
      sample_rate INTEGER,             -- Hz
      channels INTEGER,
      frames INTEGER,                  -- sample frames per channel
      duration_sec REAL,
      device TEXT,
      scene TEXT,
      grp TEXT,                        -- alignment group
      manual_labels INTEGER NOT NULL DEFAULT 0,
      UNIQUE (source_id, rel_path)
    );
    CREATE INDEX recordings_device ON recordings (device);
    CREATE INDEX recordings_grp ON recordings (grp);

    -- One row per recording and analysis setting; valid while size and mtime match the recording.
    CREATE TABLE summaries (
      recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
      n_fft INTEGER NOT NULL,
      hop INTEGER NOT NULL,
      sample_rate INTEGER NOT NULL,    -- Hz the recording was analysed at
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      content_hash TEXT,               -- fast hash of the file: size, head and tail
      status TEXT NOT NULL CHECK (status IN ('done', 'silent', 'failed')),
      error TEXT,
      frames INTEGER,
      mean_log BLOB,                   -- float32 LE, nFft/2+1: mean_t log|S|
      mean_mag BLOB,                   -- float32 LE, nFft/2+1: mean_t |S|
      dc REAL,
      rms REAL,
      peak REAL,
      clipped_samples INTEGER,
      analyzed_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, n_fft, hop, sample_rate)
    );

    CREATE TABLE estimates (
      id INTEGER PRIMARY KEY,
      created_at TEXT NOT NULL,
      app_version TEXT NOT NULL,
      fingerprint TEXT NOT NULL UNIQUE, -- settings and inputs, so an identical estimate is reused
      variant TEXT NOT NULL,
      reference TEXT NOT NULL,
      n_fft INTEGER NOT NULL,
      hop INTEGER NOT NULL,
      sample_rate INTEGER NOT NULL,
      max_per_device INTEGER,
      seed INTEGER NOT NULL,
      regularization TEXT NOT NULL,    -- JSON
      recording_ids BLOB NOT NULL,     -- int32 LE: every recording offered to the estimator
      missing TEXT NOT NULL            -- JSON [{device, reason}]
    );
    CREATE TABLE estimate_devices (
      estimate_id INTEGER NOT NULL REFERENCES estimates(id) ON DELETE CASCADE,
      device TEXT NOT NULL,
      coefficients BLOB NOT NULL,      -- float64 LE, nFft/2+1, linear gain
      recordings INTEGER NOT NULL,
      segments INTEGER NOT NULL,
      unequal_frame_pairs INTEGER NOT NULL,
      PRIMARY KEY (estimate_id, device)
    );

    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('analyze', 'export')),
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
      params TEXT NOT NULL,            -- JSON
      summary TEXT,                    -- JSON
      error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE export_files (
      job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
      output_path TEXT NOT NULL,       -- relative to the output folder
      status TEXT NOT NULL CHECK (status IN ('pending', 'writing', 'done', 'failed')),
      error TEXT,
      clipped_samples INTEGER,
      output_hash TEXT,
      bytes INTEGER,
      PRIMARY KEY (job_id, recording_id)
    );
  `)
}
