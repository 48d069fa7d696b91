// Guarantee 8: a project from another version, a damaged one or an empty file is refused before
// anything is written to it. The CLI runs on real SQLite files; each file's bytes (and its
// journal's) are compared before and after.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from '../../../src-main/db/migrations'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { writeDcaseCorpus } from '../../helpers/integrity-corpus'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')

const digest = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex')
/** The file, and whether SQLite left a journal or WAL beside it. */
const state = (path: string): { hash: string; wal: boolean; shm: boolean; journal: boolean } => ({
  hash: digest(path),
  wal: existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0,
  shm: existsSync(`${path}-shm`),
  journal: existsSync(`${path}-journal`),
})

beforeAll(() => {
  writeDcaseCorpus(corpus, { perDevice: 4 })
})
afterAll(() => tmp.cleanup())

describe('a project from a newer version', () => {
  it('is refused without being switched to WAL or written at all', async () => {
    const path = join(tmp.dir, 'future.scw')
    await scwJson('index', path, corpus, '--labels', 'dcase')
    // As a newer app would leave it: another schema, and (say) a rollback journal.
    const raw = new Database(path)
    raw.pragma('journal_mode = DELETE')
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    const before = state(path)
    expect(before.wal || before.shm).toBe(false)
    for (const argv of [
      ['analyze', path],
      ['estimate', path],
      ['index', path, corpus],
    ]) {
      const r = await scw(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.err).toMatch(/future\.scw: written by a newer version .*Update the app/)
      expect(state(path), argv.join(' ')).toEqual(before)
    }
    const check = new Database(path, { readonly: true })
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete')
    check.close()
  })
})

describe('a page-corrupted project', () => {
  it('is refused before any write, naming the damage', async () => {
    const path = join(tmp.dir, 'damaged.scw')
    await scwJson('index', path, corpus, '--labels', 'dcase')
    const raw = new Database(path)
    raw.pragma('journal_mode = DELETE') // everything in the main file, nothing in a WAL
    const pageSize = raw.pragma('page_size', { simple: true }) as number
    const pages = raw.pragma('page_count', { simple: true }) as number
    raw.close()
    // Garbage over the b-tree page header of the last page (table or index data).
    const bytes = readFileSync(path)
    const at = (pages - 1) * pageSize
    bytes.fill(0xa5, at, at + 64)
    writeFileSync(path, bytes)
    const before = state(path)
    for (const argv of [
      ['analyze', path],
      ['export', path, join(tmp.dir, 'out')],
    ]) {
      const r = await scw(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.err).toMatch(/damaged\.scw: damaged \(SQLite integrity check: .+\); .*backup/)
      expect(state(path), argv.join(' ')).toEqual(before)
    }
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false)
  })
})

describe('an empty file', () => {
  it('is not turned into a project by analyze, estimate or export', async () => {
    const path = join(tmp.dir, 'empty.scw')
    writeFileSync(path, '')
    for (const argv of [
      ['analyze', path],
      ['estimate', path],
      ['export', path, join(tmp.dir, 'o')],
    ]) {
      const r = await scw(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.err).toMatch(/empty\.scw: an empty file \(0 bytes\), not a project/)
      expect(statSync(path).size).toBe(0)
      expect(existsSync(`${path}-wal`)).toBe(false)
    }
  })

  it('becomes a project when index creates one there', async () => {
    const path = join(tmp.dir, 'fresh.scw')
    writeFileSync(path, '')
    const r = await scwJson<{ added: number }>('index', path, corpus, '--labels', 'dcase')
    expect(r.added).toBe(12)
  })
})
