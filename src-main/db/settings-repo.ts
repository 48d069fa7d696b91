import type { Database } from 'better-sqlite3'
import { DEFAULT_SETTINGS, type ProjectSettings } from '@shared/model/project'

/** Settings derived when read, never stored. */
const DERIVED: readonly string[] = ['analysisSampleRateChosen']

/**
 * The project's settings, defaults filled in for keys never written. The analysis rate is the
 * stored one when the user chose it, else the corpus's own rate (stored by scans), else 44,100.
 */
export function readSettings(db: Database): ProjectSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as {
    key: string
    value: string
  }[]
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]))
  const merged = { ...DEFAULT_SETTINGS, ...stored } as ProjectSettings
  const chosen = typeof stored.analysisSampleRate === 'number'
  return {
    ...merged,
    // Estimates stored before frame gating existed did not gate.
    estimate: { ...DEFAULT_SETTINGS.estimate, ...merged.estimate },
    analysisSampleRate: chosen
      ? merged.analysisSampleRate
      : (merged.corpusSampleRate ?? DEFAULT_SETTINGS.analysisSampleRate),
    analysisSampleRateChosen: chosen,
  }
}

/** Writes the given settings keys (JSON values) in one transaction. */
export function writeSettings(db: Database, patch: Partial<ProjectSettings>): void {
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  )
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (!DERIVED.includes(key)) put.run(key, JSON.stringify(value))
    }
  }).immediate()
}

/** Forgets settings keys, so that their defaults apply again. */
export function clearSettings(db: Database, keys: readonly (keyof ProjectSettings)[]): void {
  const del = db.prepare('DELETE FROM settings WHERE key = ?')
  db.transaction(() => {
    for (const key of keys) del.run(key)
  }).immediate()
}
