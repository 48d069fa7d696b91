import type { JobProgress } from '@shared/model/job'

/** The ETA waits for this much wall time… */
export const ETA_MIN_ELAPSED_SEC = 1
/** … at least this many files finished … */
export const ETA_MIN_FILES = 3
/** … and this share of the work, so the first estimate is not a wild guess. */
export const ETA_MIN_SHARE = 0.02

/**
 * Counts finished files and seconds of audio, and emits progress at most every `intervalMs`
 * (and always at the end), with the rate in ×real time and in files per second, and an ETA from
 * the rate so far (by audio seconds where the job knows them, else by files) once it is
 * meaningful. Files a rescan leaves alone count as done from the start (`skipped`) but not in
 * the rates. `walking` jobs report the files found before the total is known.
 */
export class ProgressTracker {
  private readonly started: number
  private lastEmit = -Infinity
  private readonly state: JobProgress

  constructor(
    init: Pick<JobProgress, 'kind' | 'total' | 'totalSeconds'> & {
      jobId?: number | null
      skipped?: number
      phase?: JobProgress['phase']
    },
    private readonly onProgress?: (p: JobProgress) => void,
    private readonly intervalMs = 200,
    /** Milliseconds now (tests give a clock of their own). */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now()
    const skipped = init.skipped ?? 0
    this.state = {
      jobId: init.jobId ?? null,
      kind: init.kind,
      done: skipped,
      failed: 0,
      total: init.total,
      seconds: 0,
      totalSeconds: init.totalSeconds,
      rate: 0,
      filesPerSec: 0,
      skipped,
      phase: init.phase ?? null,
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

  /** While walking: `found` files so far. */
  found(found: number, file: string | null = null): void {
    this.state.done = found
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
    const now = this.now()
    if (!force && now - this.lastEmit < this.intervalMs) return
    this.lastEmit = now
    const elapsed = (now - this.started) / 1000
    const s = this.state
    const files = s.done - s.skipped
    s.rate = elapsed > 0 ? s.seconds / elapsed : 0
    s.filesPerSec = elapsed > 0 ? files / elapsed : 0
    s.etaSec = s.phase === 'walking' ? null : etaOf(s, elapsed)
    this.onProgress?.(this.snapshot())
  }
}

/** Seconds left at the pace so far, or null while too little is done to tell. */
export function etaOf(s: JobProgress, elapsedSec: number): number | null {
  const files = s.done - s.skipped
  const [done, total] =
    s.totalSeconds > 0 ? [s.seconds, s.totalSeconds] : [files, s.total - s.skipped]
  if (done >= total) return 0
  const meaningful =
    elapsedSec >= ETA_MIN_ELAPSED_SEC && files >= ETA_MIN_FILES && done >= total * ETA_MIN_SHARE
  return meaningful && done > 0 ? ((total - done) * elapsedSec) / done : null
}
