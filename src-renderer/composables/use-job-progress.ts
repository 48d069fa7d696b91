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
  /** '1,234 / 5,000 files (1,100 unchanged, 3 failed)', or '1,234 files found so far'. */
  counts: string
  /** '35× real time' ('250 files/s' for scans), or '' before it is measured. */
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
  const walking = running && p?.phase === 'walking'
  const fraction = p && p.total > 0 && !walking ? Math.min(1, p.done / p.total) : running ? null : 1
  const notes = [
    p?.skipped ? `${formatCount(p.skipped)} unchanged` : '',
    p?.failed ? `${formatCount(p.failed)} failed` : '',
  ].filter(Boolean)
  const short = (v: number): string => (v >= 10 ? String(Math.round(v)) : v.toFixed(1))
  let rate = ''
  if (p && running && !walking) {
    if (job.kind === 'scan') rate = p.filesPerSec > 0 ? `${short(p.filesPerSec)} files/s` : ''
    else rate = p.rate > 0 ? `${short(p.rate)}× real time` : ''
  }
  let counts = ''
  if (p && walking) counts = `${formatCount(p.done)} files found so far`
  else if (p) {
    counts = `${formatCount(p.done)} / ${formatCount(p.total)} files${notes.length ? ` (${notes.join(', ')})` : ''}`
  }
  return {
    label: walking ? 'Finding files' : VERBS[job.kind],
    running,
    fraction,
    counts,
    rate,
    eta: p && p.etaSec !== null && running && !walking ? `${formatDuration(p.etaSec)} left` : '',
    current: p?.current ?? null,
  }
}

/** The readable progress of `job`, kept current. */
export function useJobProgress(
  job: MaybeRefOrGetter<JobView | null>,
): ComputedRef<JobProgressText | null> {
  return computed(() => describeJob(toValue(job)))
}
