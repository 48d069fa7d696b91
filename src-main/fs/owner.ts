// Which process holds a job or a lock, and whether it still runs: the pid and host it was
// started on. A process on another host (a project copied from a cluster node) counts as gone:
// nothing here can see it, and SQLite must not be shared between machines anyway.
import { hostname } from 'node:os'

/** The process holding a job or lock. */
export interface ProcessOwner {
  pid: number
  host: string
}

/** This process. */
export function thisProcess(): ProcessOwner {
  return { pid: process.pid, host: hostname() }
}

/** True while `owner` runs (signal 0 probes without signalling; EPERM: alive, another user's). */
export function isAlive(owner: ProcessOwner): boolean {
  if (owner.host !== hostname() || !Number.isInteger(owner.pid) || owner.pid <= 0) return false
  if (owner.pid === process.pid) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'
  }
}
