// Corrected previews (the Recording view's A/B switch): rendered with the current estimate in a
// worker thread, one at a time, and kept in a cache bounded in bytes. Memory is bounded by the
// limit on samples (frames × channels), by one preview in flight, and by the thread ending when
// idle.
import type { Recording } from '@shared/model/recording'
import { WorkerPool } from '../jobs/pool'
import type { CorrectionSpec } from '../workers/export-file'
import type { PreviewResult, PreviewTask } from '../workers/preview'
import { InvalidInputError, NotFoundError } from './errors'
import type { EstimateResult } from './estimation'
import { ByteBoundedCache } from './preview-cache'

/**
 * Previews of more samples (frames × channels) than this are refused: export the recording
 * instead. 2^24 float32 samples: a 64 MiB WAV (6 min 20 s of 44.1 kHz mono, 87 s of 96 kHz
 * stereo); rendering one holds about twice that in its thread.
 */
export const MAX_PREVIEW_SAMPLES = 1 << 24
/** Bytes of rendered previews kept for A/B switching and seeking. */
export const PREVIEW_CACHE_BYTES = 192 * 1024 * 1024
/** A preview thread ends after this long without work. */
const IDLE_MS = 10_000

export class PreviewRenderer {
  private pool: WorkerPool<PreviewTask, PreviewResult> | null = null
  private readonly cache: ByteBoundedCache
  private readonly maxSamples: number

  constructor(options: { maxSamples?: number; cacheBytes?: number } = {}) {
    this.maxSamples = options.maxSamples ?? MAX_PREVIEW_SAMPLES
    this.cache = new ByteBoundedCache(options.cacheBytes ?? PREVIEW_CACHE_BYTES)
  }

  /** WAV bytes of `rec` (at `path`) corrected by `correction` (from `est` with `method`). */
  async render(
    est: EstimateResult,
    rec: Recording & { device: string },
    path: string,
    method: 'fir' | 'stft',
    correction: () => CorrectionSpec,
  ): Promise<Uint8Array> {
    const tooLong = (samples: string): InvalidInputError =>
      new InvalidInputError(
        `${rec.relativePath}: too long for a corrected preview (${samples} samples, frames × channels; at most ${this.maxSamples}); export it instead`,
      )
    const samples = (rec.frames ?? 0) * (rec.channels ?? 1)
    if (samples > this.maxSamples) throw tooLong(String(samples))
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
      // The header's length may be an estimate: the thread stops at the bound too.
      maxSamples: this.maxSamples,
    })
    if (result.bytes === null) {
      if (result.tooLong) throw tooLong('more than that')
      if (result.missing) {
        throw new NotFoundError(
          `${rec.relativePath} is gone since the last scan; rescan its source`,
        )
      }
      throw new Error(result.error)
    }
    this.cache.set(key, result.bytes)
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
