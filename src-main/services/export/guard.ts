// One export at a time where two would collide: a lock file in the output folder (whatever the
// project), and the job's row in the project (whatever the folder). A second process is refused
// with the first one's pid and start time; a lock left by a killed process is taken over.
import { basename, join } from 'node:path'
import { claimJob } from '../../db/jobs-repo'
import { acquireLockFile, LockedError, type HeldLock } from '../../fs/lock-file'
import { isAlive, thisProcess } from '../../fs/owner'
import { InvalidInputError } from '../errors'
import type { Project } from '../project'

/** The lock file of an output folder. */
export const EXPORT_LOCK_FILE = '.scw-export.lock'

/** Refused because another process is exporting (to this folder, or this job). */
export class ExportBusyError extends InvalidInputError {
  override name = 'ExportBusyError'
}

/** Takes the output folder's lock, or throws ExportBusyError naming the process that has it. */
export async function lockOutputFolder(project: Project, outDir: string): Promise<HeldLock> {
  try {
    return await acquireLockFile(
      join(outDir, EXPORT_LOCK_FILE),
      `export (of ${basename(project.path)})`,
      outDir,
    )
  } catch (e) {
    if (e instanceof LockedError) throw new ExportBusyError(e.message)
    throw e
  }
}

/** Makes this process the job's runner, or throws ExportBusyError when another runs it. */
export function claimExportJob(project: Project, jobId: number): void {
  const r = claimJob(project.db, jobId, thisProcess(), isAlive)
  if (!r.claimed) {
    const o = r.job.owner!
    throw new ExportBusyError(
      `${project.path}: another export is running (pid ${o.pid} on ${o.host}, started ${r.job.updatedAt}; job ${r.job.id}); wait for it to finish or cancel it`,
    )
  }
}
