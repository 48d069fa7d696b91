import type { Database } from 'better-sqlite3'

/**
 * The counter that every change of a source, recording or summary bumps (migration 4's
 * triggers): equal values mean nothing the recordings table or the counts show has changed.
 */
export function recordingsCounter(db: Database): number {
  return db.prepare("SELECT value FROM revisions WHERE name = 'recordings'").pluck().get() as number
}
