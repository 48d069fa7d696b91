// Bootstrap confidence bands of correction coefficients: the estimate is recomputed on
// resampled recordings (unaligned) or segments (aligned, dcase2019), drawn with replacement.
import { estimateCorrection, type EstimateOptions, type SummaryRecord } from './estimate'
import { seededRandom } from './random'

export interface BandOptions {
  /** Resamples (default 100). */
  iterations?: number
  /** Two-sided coverage (default 0.95). */
  level?: number
  seed?: number
}

/** Per device, the lower and upper band per bin in linear gain. */
export type ConfidenceBands = Record<string, { lower: Float64Array; upper: Float64Array }>

/** Draws `n` of `items` with replacement; ids are renumbered so duplicates stay distinct. */
function resampleUnits<T>(units: T[][], random: () => number): T[][] {
  return units.map(() => units[Math.floor(random() * units.length)])
}

/**
 * Percentile bands of the coefficients over `iterations` bootstrap resamples. The resampling unit
 * is a recording for 'unaligned' (within each device) and an alignment group otherwise, so the
 * pairing that the aligned estimators rely on is kept. With `maxPerDevice`, each resample is
 * estimated from that many, so the band shows how much an estimate from N recordings varies.
 */
export function bootstrapBands(
  records: readonly SummaryRecord[],
  options: EstimateOptions,
  band: BandOptions = {},
  /** Applied to every resample's curve before the percentiles (e.g. regularisation). */
  transform: (device: string, coefficients: Float64Array) => Float64Array = (_, c) => c,
): ConfidenceBands {
  const iterations = band.iterations ?? 100
  const level = band.level ?? 0.95
  if (!Number.isInteger(iterations) || iterations < 2)
    throw new Error(`iterations=${iterations} must be >= 2`)
  if (!(level > 0 && level < 1)) throw new Error(`level=${level} must be between 0 and 1`)
  const random = seededRandom(band.seed ?? 0)
  const units = groupUnits(records, options.variant === 'unaligned')
  const draws: Record<string, Float64Array[]> = {}
  for (let i = 0; i < iterations; i++) {
    let nextId = 0
    const sample: SummaryRecord[] = []
    for (const [, list] of units) {
      for (const unit of resampleUnits(list, random)) {
        const copyGroup = `${unit[0].group ?? ''}#${nextId}`
        for (const r of unit)
          sample.push({
            ...r,
            id: nextId++,
            group: options.variant === 'unaligned' ? r.group : copyGroup,
          })
      }
    }
    const est = estimateCorrection(sample, options)
    for (const [device, d] of Object.entries(est.devices)) {
      ;(draws[device] ??= []).push(transform(device, d.coefficients))
    }
  }
  const bands: ConfidenceBands = {}
  for (const [device, list] of Object.entries(draws)) {
    const bins = list[0].length
    const lower = new Float64Array(bins)
    const upper = new Float64Array(bins)
    const column = new Float64Array(list.length)
    for (let k = 0; k < bins; k++) {
      for (let i = 0; i < list.length; i++) column[i] = list[i][k]
      column.sort()
      lower[k] = quantile(column, (1 - level) / 2)
      upper[k] = quantile(column, 1 - (1 - level) / 2)
    }
    bands[device] = { lower, upper }
  }
  return bands
}

/** Resampling units: per device its recordings (unaligned), or one bucket of alignment groups. */
function groupUnits(
  records: readonly SummaryRecord[],
  unaligned: boolean,
): Map<string, SummaryRecord[][]> {
  const units = new Map<string, SummaryRecord[][]>()
  if (unaligned) {
    for (const r of records) {
      const list = units.get(r.device)
      if (list) list.push([r])
      else units.set(r.device, [[r]])
    }
    return units
  }
  const groups = new Map<string, SummaryRecord[]>()
  for (const r of records) {
    if (!r.group) continue
    const g = groups.get(r.group)
    if (g) g.push(r)
    else groups.set(r.group, [r])
  }
  units.set('', [...groups.values()])
  return units
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo])
}
