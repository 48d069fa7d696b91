// Checks on FIR settings and on a designed filter's response against its target.
import type { FirResponseView } from '@shared/api/views'
import { FIR_CHECK_BAND_HZ } from '@shared/model/project'

/** Largest filter length the contract accepts. */
export const MAX_TAPS = 65537
/** The band where the realised response must follow the target. */
export const CHECK_BAND_HZ = FIR_CHECK_BAND_HZ
/** Departure beyond which the view suggests regularising. */
export const TOLERANCE_DB = 1

/** The FIR panel's fields, as typed. */
export interface FirSettings {
  device: string
  taps: string
  /** '' : the analysis rate. */
  sampleRate: string
}

/** Taps from typed text, or why they are not acceptable. */
export function parseTaps(text: string): { taps: number } | { error: string } {
  const t = text.trim()
  if (t === '') return { error: 'Give the number of taps' }
  const n = Number(t)
  if (!Number.isInteger(n) || n < 1 || n > MAX_TAPS)
    return { error: `Taps: ${t} is not a whole number from 1 to ${MAX_TAPS}` }
  if (n % 2 === 0) return { error: `Taps: ${n} must be odd (a linear-phase type I filter)` }
  return { taps: n }
}

/** An optional sample rate in Hz from typed text ('' : the analysis rate). */
export function parseSampleRate(text: string): { sampleRate?: number } | { error: string } {
  const t = text.trim()
  if (t === '') return {}
  const n = Number(t)
  if (!Number.isInteger(n) || n < 1000 || n > 768_000)
    return { error: `Sample rate: ${t} is not a whole number of Hz from 1000 to 768000` }
  return { sampleRate: n }
}

/** Where the realised response departs most from the target inside `bandHz` (dB, Hz). */
export function worstDeviation(
  view: FirResponseView,
  bandHz: readonly [number, number] = CHECK_BAND_HZ,
): { deviationDb: number; atHz: number } | null {
  let worst: { deviationDb: number; atHz: number } | null = null
  view.frequencies.forEach((f, k) => {
    if (f < bandHz[0] || f > bandHz[1]) return
    const d = Math.abs(view.realisedDb[k] - view.targetDb[k])
    if (Number.isFinite(d) && (!worst || d > worst.deviationDb)) worst = { deviationDb: d, atHz: f }
  })
  return worst
}
