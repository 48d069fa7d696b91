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

/** A progress callback drawing a bar, or undefined when stderr is not a terminal. */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
): ((p: JobProgress) => void) | undefined {
  if (!stream.isTTY) return undefined
  return (p) => {
    const width = 24
    const frac = p.total ? p.done / p.total : 1
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.')
    const rate = p.rate > 0 ? ` ${p.rate.toFixed(0)}x` : ''
    const failed = p.failed ? `, ${p.failed} failed` : ''
    const line = `${LABEL[p.kind]} [${bar}] ${p.done}/${p.total}${failed}${rate} ETA ${clock(p.etaSec)}`
    stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1)}\x1b[K`)
    if (p.done === p.total) stream.write('\n')
  }
}
