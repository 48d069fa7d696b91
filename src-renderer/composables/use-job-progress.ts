// What a job's progress reads as: fraction done, counts, speed and time left, for bars and the
// top bar's job indicator.
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import type { JobView } from '@shared/api/views'
import { formatCount, formatDuration } from '../format'

const VERBS: Record<JobView['kind'], string> = {
  scan: 'Scanning',
  analyze: 'Analysing',
  export: 'Exporting',
}

export interface JobProgressText {
  /** 'Scanning', 'Analysing', 'Exporting'. */
  label: string
  running: boolean
  /** Done over total in [0, 1]; null until the total is known. */
  fraction: number | null
  /** '1,234 / 5,000 files (3 failed)'. */
  counts: string
  /** '35× real time', or '' before it is measured. */
  rate: string
  /** '2 min 10 s left', or ''. */
  eta: string
  /** The file most recently finished. */
  current: string | null
}

export function describeJob(job: JobView | null): JobProgressText | null {
  if (!job) return null
  const p = job.progress
  const running = job.status === 'running'
  const fraction = p && p.total > 0 ? Math.min(1, p.done / p.total) : running ? null : 1
  const failed = p && p.failed > 0 ? ` (${formatCount(p.failed)} failed)` : ''
  return {
    label: VERBS[job.kind],
    running,
    fraction,
    counts: p ? `${formatCount(p.done)} / ${formatCount(p.total)} files${failed}` : '',
    rate:
      p && p.rate > 0 && running
        ? `${p.rate >= 10 ? Math.round(p.rate) : p.rate.toFixed(1)}× real time`
        : '',
    eta: p && p.etaSec !== null && running ? `${formatDuration(p.etaSec)} left` : '',
    current: p?.current ?? null,
  }
}

/** The readable progress of `job`, kept current. */
export function useJobProgress(
  job: MaybeRefOrGetter<JobView | null>,
): ComputedRef<JobProgressText | null> {
  return computed(() => describeJob(toValue(job)))
}
