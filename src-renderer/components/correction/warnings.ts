// The ±20 dB warnings of an estimate, as the Correction view lists them: runs of bins of one
// device that lie close together (a gain hovering around the limit) read as one range.
import type { EstimateView } from '@shared/api/views'

export type GainWarning = EstimateView['warnings'][number]

export interface WarningRange extends GainWarning {
  /** How many of main's runs of bins the range joins. */
  runs: number
}

/**
 * Joins each device's warnings whose gap is under `maxGapOctaves` (the largest |gain| is kept),
 * devices in alphabetical order, ranges by frequency.
 */
export function mergeWarnings(
  warnings: readonly GainWarning[],
  maxGapOctaves = 1 / 3,
): WarningRange[] {
  const ratio = 2 ** maxGapOctaves
  const sorted = [...warnings].sort((a, b) =>
    a.device === b.device ? a.fromHz - b.fromHz : a.device < b.device ? -1 : 1,
  )
  const out: WarningRange[] = []
  for (const w of sorted) {
    const last = out[out.length - 1]
    if (
      last &&
      last.device === w.device &&
      w.fromHz <= Math.max(last.toHz * ratio, last.toHz + 1)
    ) {
      last.toHz = Math.max(last.toHz, w.toHz)
      if (Math.abs(w.maxDb) > Math.abs(last.maxDb)) last.maxDb = w.maxDb
      last.runs++
    } else out.push({ ...w, runs: 1 })
  }
  return out
}

/** The frequency ranges covered by any warning, overlaps joined (for shading a plot). */
export function unionOfRanges(
  ranges: readonly { fromHz: number; toHz: number }[],
): { fromHz: number; toHz: number }[] {
  const sorted = [...ranges].sort((a, b) => a.fromHz - b.fromHz)
  const out: { fromHz: number; toHz: number }[] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last && r.fromHz <= last.toHz) last.toHz = Math.max(last.toHz, r.toHz)
    else out.push({ fromHz: r.fromHz, toHz: r.toHz })
  }
  return out
}
