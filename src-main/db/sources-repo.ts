import type { Database } from 'better-sqlite3'
import type { LabelRule } from '@shared/labels'
import type { Source } from '@shared/model/recording'

interface SourceRow {
  id: number
  root: string
  label_rule: string
  added_at: string
  scanned_at: string | null
  recordings: number
}

const SELECT = `SELECT s.id, s.root, s.label_rule, s.added_at, s.scanned_at,
  (SELECT count(*) FROM recordings r WHERE r.source_id = s.id AND r.status != 'missing') AS recordings
  FROM sources s`

function toSource(r: SourceRow): Source {
  return {
    id: r.id,
    root: r.root,
    labelRule: JSON.parse(r.label_rule) as LabelRule,
    addedAt: r.added_at,
    scannedAt: r.scanned_at,
    recordings: r.recordings,
  }
}

export function listSources(db: Database): Source[] {
  return (db.prepare(`${SELECT} ORDER BY s.id`).all() as SourceRow[]).map(toSource)
}

export function getSource(db: Database, id: number): Source | undefined {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SourceRow | undefined
  return row && toSource(row)
}

export function findSourceByRoot(db: Database, root: string): Source | undefined {
  const row = db.prepare(`${SELECT} WHERE s.root = ?`).get(root) as SourceRow | undefined
  return row && toSource(row)
}

export function insertSource(db: Database, root: string, rule: LabelRule): number {
  const info = db
    .prepare('INSERT INTO sources (root, label_rule, added_at) VALUES (?, ?, ?)')
    .run(root, JSON.stringify(rule), new Date().toISOString())
  return Number(info.lastInsertRowid)
}

export function updateSourceRule(db: Database, id: number, rule: LabelRule): void {
  db.prepare('UPDATE sources SET label_rule = ? WHERE id = ?').run(JSON.stringify(rule), id)
}

export function markSourceScanned(db: Database, id: number): void {
  db.prepare('UPDATE sources SET scanned_at = ? WHERE id = ?').run(new Date().toISOString(), id)
}
