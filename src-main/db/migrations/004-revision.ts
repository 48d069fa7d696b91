import type { Database } from 'better-sqlite3'

/** Tables whose rows make up what the recordings table and the project overview show. */
const WATCHED = ['sources', 'recordings', 'summaries'] as const

/**
 * A revision counter of the recordings: every insert, update or delete of a source, recording or
 * summary (by any process, cascades included) bumps it in the same transaction, so a reader can
 * tell in one lookup whether what it derived from them is still current (the renderer's table,
 * the overview's counts). And an index that holds every summary column the recordings table and
 * the counts read, so that those never load the rows' spectra (kilobytes each, mostly on
 * overflow pages) just to learn a status.
 */
export function up(db: Database): void {
  db.exec(`CREATE TABLE revisions (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
    INSERT INTO revisions (name, value) VALUES ('recordings', 0);`)
  for (const table of WATCHED) {
    for (const op of ['insert', 'update', 'delete']) {
      db.exec(`CREATE TRIGGER ${table}_${op}_revision AFTER ${op.toUpperCase()} ON ${table}
        BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'recordings'; END;`)
    }
  }
  db.exec(`CREATE INDEX summaries_state ON summaries (recording_id, n_fft, hop_length, sample_rate,
    size, mtime_ms, status, clipped_samples, peak, error, warnings)`)
}
