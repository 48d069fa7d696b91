import type { Database } from 'better-sqlite3'

/**
 * What the audio layer reported about each file, kept where it was found: the probe's warnings
 * on the recording, the analysis's on its summary, the export's on its export row (JSON arrays
 * of `{code, message}`, NULL when there were none). Jobs name the process that runs them
 * (pid and host), so a job left `running` by a process that died is told from one still running
 * in another process.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE recordings ADD COLUMN warnings TEXT;
    ALTER TABLE summaries ADD COLUMN warnings TEXT;
    ALTER TABLE export_files ADD COLUMN warnings TEXT;
    ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;
    ALTER TABLE jobs ADD COLUMN owner_host TEXT;
  `)
}
