// Opening a project file: pragmas, identity check, migrations, refusal of newer schemas.
import { existsSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { APP_NAME } from '@shared/app-info'
import { ProjectFileError } from './errors'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'

export type { Database as Db } from 'better-sqlite3'

/** PRAGMA application_id of project files: 'SCW1'. */
export const APPLICATION_ID = 0x53435731

/**
 * Opens (and with `create`, creates) a project database in WAL mode and brings its schema up to
 * date. Refuses files that are not projects, damaged ones, and projects written by a newer
 * version; these checks run on a read-only connection first, so a refused file is never written.
 * Only `create` turns an empty file (0 bytes, or an SQLite file without tables) into a project.
 */
export function openDatabase(
  path: string,
  options: {
    create?: boolean
    /** The better-sqlite3 addon to load (Electron's build). */ nativeBinding?: string
  } = {},
): Database.Database {
  const memory = path === ':memory:'
  const exists = memory || existsSync(path)
  if (!exists && !options.create) {
    throw new ProjectFileError(
      path,
      'no such project file; create it with `scw index` or the Projects view',
    )
  }
  if (exists && !memory) inspect(path, options)
  let db: Database.Database
  try {
    db = new Database(path, { nativeBinding: options.nativeBinding })
  } catch (e) {
    throw new ProjectFileError(path, `cannot open: ${(e as Error).message}`)
  }
  try {
    db.pragma('busy_timeout = 5000')
    if (isBlank(db)) db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    migrate(db, path)
    db.pragma('foreign_keys = ON')
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

/** True for an SQLite database without tables or identity: a file about to become a project. */
function isBlank(db: Database.Database): boolean {
  const appId = db.pragma('application_id', { simple: true }) as number
  const tables = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n
  return appId === 0 && tables === 0
}

/**
 * The checks made before anything may be written, on a read-only connection: an existing file
 * is empty (only `create` may use it), or a project of a schema this version knows whose pages
 * pass SQLite's quick check (about 0.5 s per GB from the page cache).
 */
function inspect(path: string, options: { create?: boolean; nativeBinding?: string }): void {
  const emptyRefusal = (what: string): ProjectFileError =>
    new ProjectFileError(
      path,
      `${what}, not a project; choose the project file, or create a project there with \`scw index\` or the Projects view`,
    )
  if (statSync(path).size === 0) {
    if (options.create) return
    throw emptyRefusal('an empty file (0 bytes)')
  }
  let db: Database.Database
  try {
    db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: options.nativeBinding,
    })
  } catch (e) {
    throw new ProjectFileError(path, `cannot open: ${(e as Error).message}`)
  }
  try {
    let appId: number
    let blank: boolean
    try {
      appId = db.pragma('application_id', { simple: true }) as number
      blank = isBlank(db)
    } catch (e) {
      if (isCorruption(e)) throw damaged(path, (e as Error).message)
      throw new ProjectFileError(path, `not a ${APP_NAME} project (not an SQLite database)`)
    }
    if (blank) {
      if (options.create) return
      throw emptyRefusal('an SQLite file without tables')
    }
    if (appId !== APPLICATION_ID) {
      throw new ProjectFileError(
        path,
        `not a ${APP_NAME} project (another application's SQLite file)`,
      )
    }
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > SCHEMA_VERSION) {
      throw new ProjectFileError(
        path,
        `written by a newer version of ${APP_NAME} (schema ${version}; this version knows up to ${SCHEMA_VERSION}). Update the app to open it.`,
      )
    }
    let problems: string[]
    try {
      problems = (db.pragma('quick_check(5)') as { quick_check: string }[]).map(
        (r) => r.quick_check,
      )
    } catch (e) {
      throw damaged(path, (e as Error).message)
    }
    if (problems.length !== 1 || problems[0] !== 'ok') throw damaged(path, problems.join('; '))
  } finally {
    db.close()
  }
}

function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown }).code
  return code === 'SQLITE_CORRUPT'
}

function damaged(path: string, detail: string): ProjectFileError {
  return new ProjectFileError(
    path,
    `damaged (SQLite integrity check: ${detail.replace(/\s*\n\s*/g, ' ')}); nothing was written to it. Restore it from a backup, or copy what is readable with \`sqlite3 ${path} .recover\``,
  )
}

function migrate(db: Database.Database, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new ProjectFileError(
      path,
      `written by a newer version of ${APP_NAME} (schema ${current}; this version knows up to ${SCHEMA_VERSION}). Update the app to open it.`,
    )
  }
  // Off while migrating (it cannot change inside a transaction): a migration may rebuild a table
  // that others reference, and dropping the old one must not cascade. Checked before each commit.
  db.pragma('foreign_keys = OFF')
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue
    writeTransaction(db, () => {
      m.up(db)
      const broken = db.pragma('foreign_key_check') as unknown[]
      if (broken.length > 0) {
        throw new ProjectFileError(
          path,
          `migration ${m.version} (${m.name}) left ${broken.length} rows without their parent; the file was not changed`,
        )
      }
      db.pragma(`user_version = ${m.version}`)
    })
  }
}

/** Runs `work` in one immediate (writing) transaction: all of it is stored, or none. */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  return db.transaction(work).immediate()
}
