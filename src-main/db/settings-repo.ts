import type { Database } from 'better-sqlite3'
import { DEFAULT_SETTINGS, type ProjectSettings } from '@shared/model/project'

/** The project's settings, defaults filled in for keys never written. */
export function readSettings(db: Database): ProjectSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as {
    key: string
    value: string
  }[]
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]))
  return { ...DEFAULT_SETTINGS, ...stored } as ProjectSettings
}

/** Writes the given settings keys (JSON values) in one transaction. */
export function writeSettings(db: Database, patch: Partial<ProjectSettings>): void {
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  )
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) put.run(key, JSON.stringify(value))
  }).immediate()
}
