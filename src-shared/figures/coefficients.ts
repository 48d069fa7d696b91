// The correction coefficients C_d→r(f) in dB over log frequency, one line per device (the
// reference dashed at 0 dB), as in the paper's Figure 1, with optional bootstrap bands and the
// regions where a gain passes ±warnDb shaded; outside a device's valid band its raw curve and what
// export applies there are drawn dashed.
import { frequencyFigure, type BandSpec, type LineSpec, type RegionSpec } from './frequency-chart'
import type { LegendEntry } from './legend'
import { NEUTRAL_COLOR } from './palette'
import { colorsFor, pickDevices, type DeviceOptions } from './series'
import { bandText } from './ticks'
import type { Figure, FigureSize, RangeOptions } from './types'

/** The shape of EstimateView (and BandsView) that the figure needs. */
export interface CoefficientsData {
  frequencies: ArrayLike<number>
  reference: string
  variant?: string
  devices: Readonly<Record<string, { coefficientsDb: ArrayLike<number> }>>
  bands?: {
    /** Confidence level, 0…1. */
    level: number
    iterations?: number
    devices: Readonly<Record<string, { lowerDb: ArrayLike<number>; upperDb: ArrayLike<number> }>>
  } | null
  /** Per device, its valid band and the gain export applies (EstimateView.validBands). */
  validBands?: Readonly<Record<string, ValidBandData>>
}

/** A device's valid band (Hz; null: none found) and the gain export applies per bin (dB). */
export interface ValidBandData {
  bandHz: readonly [number, number] | null
  appliedDb: ArrayLike<number>
}

/** Suffixes of the series drawn outside a device's valid band (kept out of legends). */
export const OUTSIDE_SUFFIX = ' outside its band'
export const APPLIED_SUFFIX = ' applied outside its band'

/**
 * A device's curve (dB per bin) split at its valid band: the coefficients inside; outside, with
 * the band's edge bins so that the pieces join, the raw coefficients and what export applies;
 * NaN elsewhere. Null when there is no band or it spans the whole axis.
 */
export function splitAtValidBand(
  frequencies: ArrayLike<number>,
  rawDb: ArrayLike<number>,
  band: ValidBandData | undefined,
): { inside: number[]; outside: number[]; applied: number[] } | null {
  if (!band?.bandHz) return null
  const [lo, hi] = band.bandHz
  const n = frequencies.length
  // Past either end of the axis counts as inside: a band spanning it all has no outside.
  const inside = (k: number): boolean =>
    k < 0 || k >= n || (frequencies[k] >= lo && frequencies[k] <= hi)
  const bins = Array.from({ length: n }, (_, k) => k)
  if (bins.every(inside)) return null
  const edgeOrOutside = (k: number): boolean => !inside(k) || !inside(k - 1) || !inside(k + 1)
  return {
    inside: bins.map((k) => (inside(k) ? rawDb[k] : NaN)),
    outside: bins.map((k) => (edgeOrOutside(k) ? rawDb[k] : NaN)),
    applied: bins.map((k) => (edgeOrOutside(k) ? band.appliedDb[k] : NaN)),
  }
}

export interface CoefficientsOptions extends FigureSize, RangeOptions, DeviceOptions {
  /** Gains beyond ±warnDb are shaded and the limits drawn (default 20; 0: none). */
  warnDb?: number
  title?: string
}

/** Colour of the ±warnDb marks (an orange that reads on white, apart from the palette's reds). */
export const WARN_COLOR = '#b35c00'

/** Frequency ranges where any of the gains passes ±limitDb (bins joined into runs). */
export function regionsBeyond(
  frequencies: ArrayLike<number>,
  gainsDb: readonly ArrayLike<number>[],
  limitDb: number,
): { fromHz: number; toHz: number }[] {
  const out: { fromHz: number; toHz: number }[] = []
  let start = -1
  for (let k = 0; k <= frequencies.length; k++) {
    const beyond = k < frequencies.length && gainsDb.some((g) => Math.abs(g[k]) > limitDb)
    if (beyond && start < 0) start = k
    if (!beyond && start >= 0) {
      out.push({ fromHz: frequencies[start], toHz: frequencies[k - 1] })
      start = -1
    }
  }
  return out
}

export function coefficientsFigure(data: CoefficientsData, o: CoefficientsOptions = {}): Figure {
  const available = Object.keys(data.devices)
  const devices = pickDevices(available, o)
  const color = colorsFor(available, o)
  const ref = data.reference
  const unlisted: string[] = []
  const lines: LineSpec[] = devices.flatMap((d): LineSpec[] => {
    const raw = data.devices[d].coefficientsDb
    const split = d === ref ? null : splitAtValidBand(data.frequencies, raw, data.validBands?.[d])
    const line: LineSpec = {
      name: d,
      label: d === ref ? `${d} (reference)` : d,
      values: split ? split.inside : raw,
      color: color(d),
      column: `${d}_gain_db`,
      ...(d === ref ? { dashed: true } : { width: 1.75 }),
    }
    if (!split) return [line]
    unlisted.push(`${d}${OUTSIDE_SUFFIX}`, `${d}${APPLIED_SUFFIX}`)
    return [
      line,
      {
        name: `${d}${OUTSIDE_SUFFIX}`,
        values: split.outside,
        color: color(d),
        dashed: true,
        width: 0.75,
        column: `${d}_outside_band_gain_db`,
      },
      {
        name: `${d}${APPLIED_SUFFIX}`,
        values: split.applied,
        color: color(d),
        dashed: true,
        width: 1.25,
        column: `${d}_applied_outside_band_gain_db`,
      },
    ]
  })
  const b = data.bands
  const bands: BandSpec[] = b
    ? devices
        .filter((d) => d !== ref && b.devices[d])
        .map((d) => ({
          name: d,
          lower: b.devices[d].lowerDb,
          upper: b.devices[d].upperDb,
          color: color(d),
        }))
    : []
  const notes: LegendEntry[] = []
  if (bands.length && b) {
    const resamples = b.iterations ? `, ${b.iterations} resamples` : ''
    notes.push({
      label: `${Math.round(b.level * 100)}% bootstrap bands${resamples}`,
      color: NEUTRAL_COLOR,
      kind: 'band',
    })
  }
  if (unlisted.length) {
    notes.push({
      label: "outside a device's valid band: its raw curve (thin) and what export applies (dashed)",
      color: NEUTRAL_COLOR,
      kind: 'dashed',
    })
  }
  const warnDb = o.warnDb ?? 20
  let regions: RegionSpec[] = []
  if (warnDb > 0) {
    const gains = devices.filter((d) => d !== ref).map((d) => data.devices[d].coefficientsDb)
    regions = regionsBeyond(data.frequencies, gains, warnDb).map((r) => ({
      ...r,
      color: WARN_COLOR,
    }))
    if (regions.length)
      notes.push({ label: `beyond ±${warnDb} dB`, color: WARN_COLOR, kind: 'band' })
  }
  const variant = data.variant ? ` (${data.variant})` : ''
  const title = o.title ?? `Correction coefficients towards ${ref}${variant}`
  const beyond = regions.map((r) => bandText([r.fromHz, r.toHz])).join(', ')
  return frequencyFigure({
    ...o,
    title,
    frequencies: data.frequencies,
    lines,
    bands,
    regions,
    guides: regions.length ? [warnDb, -warnDb].map((v) => ({ valueDb: v, color: WARN_COLOR })) : [],
    yLabel: 'Gain (dB)',
    notes,
    unlisted,
    altNote: regions.length ? `Gains beyond ±${warnDb} dB at ${beyond}.` : undefined,
  })
}
