// A spectral summary is stored as done (or silent) only when every number in it is finite: a
// summary that overflowed (a float WAV with a sample near 3.4e38, a damaged summary file) fails
// its recording with the reason instead of zeroing its device's correction.
import { firstNonFinite } from '@shared/dsp/finite'
import type { SummaryRow } from '../db/summaries-repo'

/** The reason a summary cannot be used, or null when every number in it is finite. */
export function nonFiniteSummary(row: SummaryRow): string | null {
  if (row.status === 'failed') return null
  const parts: [string, ArrayLike<number> | null][] = [
    ['the mean log spectrum', row.meanLog],
    ['the mean magnitude spectrum', row.meanMag],
    ['the signal statistics', [row.dc ?? 0, row.rms ?? 0, row.peak ?? 0]],
  ]
  for (const [what, values] of parts) {
    const at = values ? firstNonFinite(values) : -1
    if (at >= 0) {
      const peak = row.peak !== null && Number.isFinite(row.peak) ? row.peak.toExponential(1) : '?'
      return `its spectrum is not finite (${what}, value ${at}: ${values![at]}; peak sample ${peak}); the file holds no valid audio there, fix or remove it`
    }
  }
  return null
}

/** `row`, or a failed row naming `path` and the reason when it holds a non-finite number. */
export function finiteOrFailed<T extends SummaryRow>(path: string, row: T): T {
  const problem = nonFiniteSummary(row)
  if (!problem) return row
  return {
    ...row,
    status: 'failed',
    error: `${path}: ${problem}`,
    meanLog: null,
    meanMag: null,
  }
}
