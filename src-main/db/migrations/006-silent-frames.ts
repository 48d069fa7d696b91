import type { Database } from 'better-sqlite3'

/**
 * Digital silence inside recordings: each summary keeps how many of its frames were silent and
 * their own mean spectra (so that frame gating can leave them out without analysing again), and
 * each estimate whether it gated. Summaries written before stay valid; their silence is unknown
 * (NULL) until they are analysed again.
 */
export function up(db: Database): void {
  db.exec(`ALTER TABLE summaries ADD COLUMN silent_frames INTEGER;
    ALTER TABLE summaries ADD COLUMN silent_mean_log BLOB;
    ALTER TABLE summaries ADD COLUMN silent_mean_mag BLOB;
    ALTER TABLE estimates ADD COLUMN frame_gating INTEGER NOT NULL DEFAULT 0;`)
}
