// Checks on FIR settings (the Correction view's FIR panel and downloads, the Export form).

/** Largest filter length the contract accepts. */
export const MAX_TAPS = 65537

/** The FIR panel's fields, as typed. */
export interface FirSettings {
  device: string
  /** '' : the policy's length (what export uses). */
  taps: string
  /** '' : the device's files' own rate. */
  sampleRate: string
  /** The paper's exact FIR instead of the policy's. */
  paperExact: boolean
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

/** Optional taps from typed text ('' : the policy's choice), or why they are not acceptable. */
export function parseOptionalTaps(text: string): { taps?: number } | { error: string } {
  return text.trim() === '' ? {} : parseTaps(text)
}

/** An optional sample rate in Hz from typed text ('' : the device's files' own rate). */
export function parseSampleRate(text: string): { sampleRate?: number } | { error: string } {
  const t = text.trim()
  if (t === '') return {}
  const n = Number(t)
  if (!Number.isInteger(n) || n < 1000 || n > 768_000)
    return { error: `Sample rate: ${t} is not a whole number of Hz from 1000 to 768000` }
  return { sampleRate: n }
}
