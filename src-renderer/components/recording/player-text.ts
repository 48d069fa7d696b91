// What the recording player says: clock times, and why the corrected version is unavailable.
import type { EstimateView, RecordingRow } from '@shared/api/views'

/** Seconds as a player clock: '0:03.2', '12:07.0'. */
export function formatClock(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '0:00.0'
  const tenths = Math.floor(sec * 10 + 1e-6)
  const s = Math.floor(tenths / 10)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${tenths % 10}`
}

/**
 * Why there is no corrected version of `row` to switch to, or null when there is one.
 * `correctable` is main's answer (recordings.detail); the estimate only explains a refusal.
 */
export function correctionUnavailableReason(
  row: RecordingRow | null,
  correctable: boolean,
  estimate: EstimateView | null,
): string | null {
  if (correctable) return null
  if (!row) return 'No recording loaded.'
  if (row.status !== 'ok') return 'The audio file cannot be read.'
  if (!row.device) return 'This recording has no device label, so no correction applies to it.'
  if (!estimate) return 'No correction estimate yet: compute one in Correction.'
  const missing = estimate.missing.find((m) => m.device === row.device)
  if (missing)
    return `The current estimate has no coefficients for ${row.device}: ${missing.reason}.`
  if (!estimate.devices[row.device]) {
    return `The current estimate has no coefficients for ${row.device}.`
  }
  return 'No corrected version of this recording is available.'
}
