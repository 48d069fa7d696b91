// The upgrade of a project file written by an earlier version: test/fixtures/projects/schema-1.scw
// (made by the code as it was at schema 1, see its README) opens, migrates to the current
// schema with every row kept, and the services read it as before.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from '../../../src-main/db/migrations'
import { recordingsCounter } from '../../../src-main/db/revision-repo'
import { analysisCountsOf } from '../../../src-main/services/analysis'
import { currentEstimate } from '../../../src-main/services/estimation'
import { openProject, type Project } from '../../../src-main/services/project'
import { recordingsOf } from '../../../src-main/services/recordings'
import { tempFolder } from '../../helpers/cli'

const FIXTURE = join(import.meta.dirname, '../../fixtures/projects/schema-1.scw')
const TABLES = [
  'settings',
  'sources',
  'recordings',
  'summaries',
  'estimates',
  'estimate_devices',
  'jobs',
  'export_files',
]
/** Columns renamed by migration 2. */
const RENAMED: Record<string, string> = { hop: 'hop_length' }
/** Columns added by migrations 3 and 4, with the value an upgraded file's rows get. */
const ADDED: Record<string, Row> = {
  recordings: { warnings: null },
  summaries: { warnings: null, silent_frames: null, silent_mean_log: null, silent_mean_mag: null },
  export_files: { warnings: null },
  jobs: { owner_pid: null, owner_host: null },
  estimates: { frame_gating: 0 },
}

type Row = Record<string, unknown>

const tmp = tempFolder()
const file = join(tmp.dir, 'old.scw')
let before: Record<string, Row[]>
let project: Project

/** Every row of every table, with migration 2's column names and migrations 3 and 4's columns. */
function dump(db: Database.Database): Record<string, Row[]> {
  return Object.fromEntries(
    TABLES.map((t) => [
      t,
      (db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Row[]).map((r) => ({
        ...ADDED[t],
        ...Object.fromEntries(Object.entries(r).map(([k, v]) => [RENAMED[k] ?? k, v])),
      })),
    ]),
  )
}

beforeAll(() => {
  copyFileSync(FIXTURE, file)
  const old = new Database(file, { readonly: true })
  expect(old.pragma('user_version', { simple: true })).toBe(1)
  before = dump(old)
  old.close()
  project = openProject(file)
})
afterAll(() => {
  project.close()
  tmp.cleanup()
})

describe('migration from schema 1', () => {
  it('reaches the current schema with STRICT tables and foreign keys intact', () => {
    expect(SCHEMA_VERSION).toBe(6)
    expect(project.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const tables = project.db.pragma('table_list') as { name: string; strict: number }[]
    for (const t of [...TABLES, 'revisions'])
      expect(tables.find((x) => x.name === t)?.strict, t).toBe(1)
    expect(project.db.pragma('foreign_key_check')).toEqual([])
    expect(project.db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('keeps every row, the STFT setting renamed to hopLength, silence and gating unknown', () => {
    const after = dump(project.db)
    expect(before.recordings).toHaveLength(7)
    expect(before.summaries).toHaveLength(6)
    for (const t of TABLES.filter((t) => t !== 'settings')) {
      expect(after[t], t).toEqual(before[t])
    }
    const settings = (rows: Row[]): Row =>
      Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value as string)]))
    expect(settings(after.settings)).toEqual({
      ...settings(before.settings),
      stft: { nFft: 256, hopLength: 128 },
    })
  })

  it('is read by the services as before: summaries valid, the current estimate unchanged', () => {
    expect(project.settings().stft).toEqual({ nFft: 256, hopLength: 128 })
    expect(analysisCountsOf(project)).toEqual({
      done: 6,
      silent: 0,
      failed: 0,
      pending: 0,
      unreadable: 1,
    })
    expect(recordingsOf(project).filter((r) => r.analysis === 'done')).toHaveLength(6)
    const e = currentEstimate(project)!
    expect(e).toMatchObject({ id: 1, variant: 'aligned', reference: 'a', hopLength: 128 })
    expect(Object.keys(e.devices)).toEqual(['a', 'b', 'c'])
    const stored = before.estimate_devices.find((d) => d.device === 'b')!.coefficients as Buffer
    expect(Buffer.from(e.devices.b.coefficients.buffer).equals(stored)).toBe(true)
  })

  it('refuses values of the wrong type now that the tables are STRICT', () => {
    expect(() =>
      project.db.prepare("UPDATE recordings SET size = 'large' WHERE id = 1").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
  })

  it('runs once: opening the upgraded file again changes nothing', () => {
    const again = openProject(file)
    try {
      expect(dump(again.db)).toEqual(dump(project.db))
    } finally {
      again.close()
    }
  })
})

describe('migration 4', () => {
  it('counts every change of a source, recording or summary, cascades included', () => {
    const copy = join(tmp.dir, 'counted.scw')
    copyFileSync(FIXTURE, copy)
    const opened = openProject(copy)
    const db = opened.db
    const counter = (): number => recordingsCounter(db)
    const before = counter()
    db.prepare("UPDATE recordings SET scene = 'x' WHERE id = 1").run()
    expect(counter()).toBe(before + 1)
    db.prepare('UPDATE summaries SET peak = 0.5 WHERE recording_id = 2').run()
    expect(counter()).toBe(before + 2)
    db.prepare('UPDATE settings SET value = value').run() // not a recording
    expect(counter()).toBe(before + 2)
    const rows =
      (db.prepare('SELECT count(*) FROM recordings').pluck().get() as number) +
      (db.prepare('SELECT count(*) FROM summaries').pluck().get() as number)
    db.transaction(() => {
      db.prepare('DELETE FROM estimates').run()
      db.prepare('DELETE FROM jobs').run()
      db.prepare('DELETE FROM sources').run()
    })()
    expect(counter()).toBe(before + 2 + rows + 1) // each cascaded row, and the source
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT s.status, s.clipped_samples, s.peak, s.error, s.warnings FROM recordings r
         LEFT JOIN summaries s ON s.recording_id = r.id AND s.n_fft = 1 AND s.hop_length = 1
           AND s.sample_rate = 1 AND s.size = r.size AND s.mtime_ms = r.mtime_ms`,
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join('\n')).toContain('COVERING INDEX summaries_state')
    opened.close()
  })
})
