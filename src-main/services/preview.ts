// Corrected previews (the Recording view's A/B switch): rendered with the current estimate in a
// worker thread, one at a time, and kept in a small cache. Memory is bounded by the length
// limit, by one preview in flight, and by the thread ending when idle.
import type { Recording } from '@shared/model/recording'
import { WorkerPool } from '../jobs/pool'
import type { CorrectionSpec } from '../workers/export-file'
import type { PreviewResult, PreviewTask } from '../workers/preview'
import { NotFoundError } from './errors'
import type { EstimateResult } from './estimation'

/** Previews longer than this are refused: export the recording instead. */
export const MAX_PREVIEW_SEC = 20 * 60
const CACHE_SIZE = 6
/** A preview thread ends after this long without work. */
const IDLE_MS = 10_000

export class PreviewRenderer {
  private pool: WorkerPool<PreviewTask, PreviewResult> | null = null
  private readonly cache = new Map<string, Uint8Array>()

  /** WAV bytes of `rec` (at `path`) corrected by `correction` (from `est` with `method`). */
  async render(
    est: EstimateResult,
    rec: Recording & { device: string },
    path: string,
    method: 'fir' | 'stft',
    correction: () => CorrectionSpec,
  ): Promise<Uint8Array> {
    if ((rec.durationSec ?? 0) > MAX_PREVIEW_SEC) {
      throw new Error(
        `${rec.relativePath}: corrected previews are limited to 20 minutes; export it instead`,
      )
    }
    const key = `${est.id}:${rec.id}:${method}`
    const cached = this.cache.get(key)
    if (cached) return cached
    this.pool ??= new WorkerPool('preview', 1, {
      keepThreads: false,
      idleTimeoutMs: IDLE_MS,
      tasksPerThread: 1,
    })
    const result = await this.pool.run({
      inputPath: path,
      correction: correction(),
    })
    if (result.bytes === null) {
      if (result.missing) {
        throw new NotFoundError(
          `${rec.relativePath} is gone since the last scan; rescan its source`,
        )
      }
      throw new Error(result.error)
    }
    this.cache.set(key, result.bytes)
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
    return result.bytes
  }

  /** Forgets cached previews (another project, or another estimate). */
  clear(): void {
    this.cache.clear()
  }

  async close(): Promise<void> {
    this.cache.clear()
    await this.pool?.close()
    this.pool = null
  }
}
