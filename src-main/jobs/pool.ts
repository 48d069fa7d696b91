// Worker threads for analysis and export (piscina), one per core by default.
import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import { workerFile } from '../fs/app-root'

/** Default number of worker threads: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism())
}

/** A pool running one kind of worker task; `run` rejects with an AbortError when cancelled. */
export class WorkerPool<Task, Result> {
  private readonly pool: Piscina<Task, Result>

  constructor(name: 'analyze' | 'export', threads: number = defaultWorkers()) {
    if (!Number.isInteger(threads) || threads < 1) {
      throw new Error(`workers=${threads} must be a positive integer`)
    }
    this.pool = new Piscina({
      filename: workerFile(name),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 30_000,
      // Two tasks per thread: one computes while the other's result travels back and the next
      // task arrives, so a thread never idles waiting for the main thread.
      concurrentTasksPerWorker: 2,
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
