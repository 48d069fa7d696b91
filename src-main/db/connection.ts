// Opening a project file: pragmas, identity check, migrations, refusal of newer schemas.
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { APP_NAME } from '@shared/app-info'
import { ProjectFileError } from './errors'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations'

export type { Database as Db } from 'better-sqlite3'

/** PRAGMA application_id of project files: 'SCW1'. */
export const APPLICATION_ID = 0x53435731

/**
 * Opens (and with `create`, creates) a project database in WAL mode and brings its schema up to
 * date. Refuses files that are not projects, and projects written by a newer version.
 */
export function openDatabase(
  path: string,
  options: {
    create?: boolean
    /** The better-sqlite3 addon to load (Electron's build). */ nativeBinding?: string
  } = {},
): Database.Database {
  const exists = path === ':memory:' || existsSync(path)
  if (!exists && !options.create) {
    throw new ProjectFileError(
      path,
      'no such project file; create it with `scw index` or the Projects view',
    )
  }
  let db: Database.Database
  try {
    db = new Database(path, { nativeBinding: options.nativeBinding })
  } catch (e) {
    throw new ProjectFileError(path, `cannot open: ${(e as Error).message}`)
  }
  try {
    db.pragma('busy_timeout = 5000')
    checkIdentity(db, path)
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

function checkIdentity(db: Database.Database, path: string): void {
  let appId: number
  let tables: number
  try {
    appId = db.pragma('application_id', { simple: true }) as number
    tables = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n
  } catch {
    throw new ProjectFileError(path, `not a ${APP_NAME} project (not an SQLite database)`)
  }
  if (appId === APPLICATION_ID) return
  if (appId === 0 && tables === 0) {
    db.pragma(`application_id = ${APPLICATION_ID}`)
    return
  }
  throw new ProjectFileError(path, `not a ${APP_NAME} project (another application's SQLite file)`)
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
