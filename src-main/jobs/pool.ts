// Worker threads for analysis, export and previews (piscina), one per core by default. The
// entry files are found through the build (electron-vite bundles each `?modulePath` import and
// gives its path), never by a path into out/.
import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import analyzeEntry from '../workers/analyze?modulePath'
import exportEntry from '../workers/export?modulePath'
import previewEntry from '../workers/preview?modulePath'

const ENTRIES = { analyze: analyzeEntry, export: exportEntry, preview: previewEntry }

export type WorkerKind = keyof typeof ENTRIES

export interface PoolOptions {
  /** False: threads end after `idleTimeoutMs` without work, releasing their memory. */
  keepThreads?: boolean
  idleTimeoutMs?: number
  /**
   * Tasks given to a thread at once. Two (the default): one computes while the other's result
   * travels back and the next task arrives, so a thread never idles waiting for the main thread.
   */
  tasksPerThread?: number
}

/** Default number of worker threads: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism())
}

/** A pool running one kind of worker task; `run` rejects with an AbortError when cancelled. */
export class WorkerPool<Task, Result> {
  private readonly pool: Piscina<Task, Result>

  constructor(kind: WorkerKind, threads: number = defaultWorkers(), options: PoolOptions = {}) {
    if (!Number.isInteger(threads) || threads < 1) {
      throw new Error(`workers=${threads} must be a positive integer`)
    }
    this.pool = new Piscina({
      filename: ENTRIES[kind],
      minThreads: options.keepThreads === false ? 0 : threads,
      maxThreads: threads,
      idleTimeout: options.idleTimeoutMs ?? 30_000,
      concurrentTasksPerWorker: options.tasksPerThread ?? 2,
    })
  }

  get threads(): number {
    return this.pool.maxThreads
  }

  run(task: Task, signal?: AbortSignal): Promise<Result> {
    return this.pool.run(task, { signal: signal ?? null })
  }

  /** Stops every thread; pending tasks are rejected. */
  async close(): Promise<void> {
    await this.pool.destroy()
  }
}
