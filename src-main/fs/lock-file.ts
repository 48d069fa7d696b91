// A lock file with its owner inside (pid, host, start time): created exclusively, released by
// deleting it, and taken over when its owner no longer runs (a process killed with SIGKILL
// leaves it behind).
import { randomBytes } from 'node:crypto'
import { link, open, readFile, rename, rm } from 'node:fs/promises'
import { isAlive, thisProcess, type ProcessOwner } from './owner'

/** What a lock file holds. */
export interface LockRecord extends ProcessOwner {
  /** ISO time the lock was taken. */
  startedAt: string
  /** What the lock protects, for the refusal message (e.g. `export of p.scw`). */
  purpose: string
}

/** A held lock; `release` deletes the file (once). */
export interface HeldLock {
  readonly path: string
  release(): Promise<void>
}

/** Thrown when another running process holds the lock. */
export class LockedError extends Error {
  override name = 'LockedError'
  constructor(
    readonly path: string,
    readonly holder: LockRecord | null,
    what: string,
  ) {
    super(
      holder
        ? `${what}: another ${holder.purpose} is running (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}); wait for it to finish, or delete ${path} if no such process runs`
        : `${what}: ${path} is being taken by another process; try again`,
    )
  }
}

const parse = (text: string): LockRecord | null => {
  try {
    const r = JSON.parse(text) as Partial<LockRecord>
    return typeof r.pid === 'number' && typeof r.host === 'string' ? (r as LockRecord) : null
  } catch {
    return null
  }
}

async function readLock(path: string): Promise<{ text: string; record: LockRecord | null } | null> {
  try {
    const text = await readFile(path, 'utf8')
    return { text, record: parse(text) }
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null
    throw e
  }
}

/**
 * Takes the lock at `path` for `purpose`, or throws LockedError naming the process that holds
 * it. `what` names the thing locked in the error (the folder, the project).
 */
export async function acquireLockFile(
  path: string,
  purpose: string,
  what: string,
): Promise<HeldLock> {
  const record: LockRecord = { ...thisProcess(), startedAt: new Date().toISOString(), purpose }
  const text = `${JSON.stringify(record)}\n`
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx')
      try {
        await fh.writeFile(text)
      } finally {
        await fh.close()
      }
      let released = false
      return {
        path,
        release: async () => {
          if (released) return
          released = true
          await rm(path, { force: true })
        },
      }
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e
    }
    const found = await readLock(path)
    if (!found) continue // released meanwhile
    // A file without a record is being written by its creator this very moment.
    if (!found.record) throw new LockedError(path, null, what)
    if (isAlive(found.record)) throw new LockedError(path, found.record, what)
    await takeOverStale(path, found.text)
  }
  throw new LockedError(path, null, what)
}

/**
 * Moves a stale lock aside, so that of two processes seeing it at once only one removes it. If
 * what was moved is not the stale lock (another process replaced it meanwhile), it goes back.
 */
async function takeOverStale(path: string, staleText: string): Promise<void> {
  const aside = `${path}.${randomBytes(6).toString('hex')}`
  try {
    await rename(path, aside)
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return
    throw e
  }
  const moved = await readFile(aside, 'utf8').catch(() => staleText)
  if (moved !== staleText) await link(aside, path).catch(() => undefined)
  await rm(aside, { force: true })
}
