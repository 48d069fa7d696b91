import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src-main/db/connection'
import { SCHEMA_VERSION } from '../../../src-main/db/migrations'
import { tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
afterAll(() => tmp.cleanup())

describe('project files', () => {
  it('creates, migrates and reopens a project in WAL mode', () => {
    const path = join(tmp.dir, 'new.scw')
    const db = openDatabase(path, { create: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run()
    db.close()
    const again = openDatabase(path)
    expect(again.prepare("SELECT value FROM settings WHERE key = 'x'").get()).toEqual({
      value: '1',
    })
    again.close()
  })

  it('refuses a missing file unless asked to create it', () => {
    expect(() => openDatabase(join(tmp.dir, 'missing.scw'))).toThrow(
      /missing\.scw: no such project file/,
    )
  })

  it('refuses a project written by a newer version, saying what to do', () => {
    const path = join(tmp.dir, 'future.scw')
    openDatabase(path, { create: true }).close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`)
    raw.close()
    expect(() => openDatabase(path)).toThrow(
      new RegExp(
        `future\\.scw: written by a newer version .*schema ${SCHEMA_VERSION + 5}.*Update the app`,
      ),
    )
  })

  it('refuses other SQLite files and files that are not SQLite', () => {
    const other = join(tmp.dir, 'other.sqlite')
    const raw = new Database(other)
    raw.exec('CREATE TABLE t (x)')
    raw.close()
    expect(() => openDatabase(other)).toThrow(
      /other\.sqlite: not a Spectrum Correction Workbench project \(another application/,
    )
    const text = join(tmp.dir, 'notes.scw')
    writeFileSync(text, 'hello, this is not a database at all, just some words to fill a page')
    expect(() => openDatabase(text)).toThrow(
      /notes\.scw: not a Spectrum Correction Workbench project/,
    )
  })
})
