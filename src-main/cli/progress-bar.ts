// Progress on stderr when it is a terminal: one line redrawn in place; nothing otherwise.
import type { JobProgress } from '@shared/model/job'

const LABEL: Record<JobProgress['kind'], string> = {
  scan: 'probing',
  analyze: 'analysing',
  export: 'exporting',
  measure: 'measuring peaks',
}

function clock(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '--:--'
  const s = Math.round(sec)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** One line of progress: bar, counts, the speed (files/s for scans, ×real time else) and ETA. */
export function progressLine(p: JobProgress, width = 24): string {
  if (p.phase === 'walking') return `finding files: ${p.done} found`
  const frac = p.total ? p.done / p.total : 1
  const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.')
  const unchanged = p.skipped ? `, ${p.skipped} unchanged` : ''
  const failed = p.failed ? `, ${p.failed} failed` : ''
  const speed =
    p.kind === 'scan'
      ? p.filesPerSec > 0
        ? ` ${p.filesPerSec.toFixed(0)} files/s`
        : ''
      : p.rate > 0
        ? ` ${p.rate.toFixed(0)}x`
        : ''
  return `${LABEL[p.kind]} [${bar}] ${p.done}/${p.total}${unchanged}${failed}${speed} ETA ${clock(p.etaSec)}`
}

/** A progress callback drawing a bar, or undefined when stderr is not a terminal. */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
): ((p: JobProgress) => void) | undefined {
  if (!stream.isTTY) return undefined
  return (p) => {
    stream.write(`\r${progressLine(p).slice(0, (stream.columns ?? 100) - 1)}\x1b[K`)
    if (p.phase !== 'walking' && p.done === p.total) stream.write('\n')
  }
}
