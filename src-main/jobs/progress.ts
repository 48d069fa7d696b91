import type { JobProgress } from '@shared/model/job'

/**
 * Counts finished files and seconds of audio, and emits progress at most every `intervalMs`
 * (and always at the end), with the rate in ×real time and an ETA from the rate so far.
 */
export class ProgressTracker {
  private readonly started = performance.now()
  private lastEmit = 0
  private readonly state: JobProgress

  constructor(
    init: Pick<JobProgress, 'kind' | 'total' | 'totalSeconds'> & { jobId?: number | null },
    private readonly onProgress?: (p: JobProgress) => void,
    private readonly intervalMs = 200,
  ) {
    this.state = {
      jobId: init.jobId ?? null,
      kind: init.kind,
      done: 0,
      failed: 0,
      total: init.total,
      seconds: 0,
      totalSeconds: init.totalSeconds,
      rate: 0,
      etaSec: null,
      current: null,
    }
  }

  /** Records one finished file. */
  tick(file: string, seconds: number, failed = false): void {
    this.state.done++
    if (failed) this.state.failed++
    this.state.seconds += seconds
    this.state.current = file
    this.emit(false)
  }

  /** Emits the final state. */
  end(): JobProgress {
    this.emit(true)
    return this.snapshot()
  }

  snapshot(): JobProgress {
    return { ...this.state }
  }

  private emit(force: boolean): void {
    const now = performance.now()
    if (!force && now - this.lastEmit < this.intervalMs) return
    this.lastEmit = now
    const elapsed = (now - this.started) / 1000
    const s = this.state
    s.rate = elapsed > 0 ? s.seconds / elapsed : 0
    const left = s.totalSeconds - s.seconds
    s.etaSec = s.rate > 0 && s.seconds > 0 ? Math.max(0, left / s.rate) : null
    this.onProgress?.(this.snapshot())
  }
}
