// Mean log spectra per device, from spectral summaries: what the valid band, the distances to
// the reference and the correction policy are computed on.
import { coveredBins, sumOverCovering } from './coverage'
import type { SummaryRecord } from './estimate'

/** dB per natural-log unit of amplitude: 20 / ln 10. */
export const DB_PER_NEPER = 20 / Math.LN10

/** One device's mean log spectrum. */
export interface DeviceSpectrum {
  device: string
  /**
   * Per bin, the mean over the device's recordings that cover the bin of mean_t log|S(t,f)|, in
   * dB (20·log10 of the unnormalised FFT magnitude of the Hann-windowed frame: a full-scale sine
   * reads about +54 dB at nFft = 2048). Bins no recording covers hold the last covered value.
   */
  meanLogDb: Float64Array
  /** Recordings averaged. */
  recordings: number
  /** Bins 0 … coveredBins−1 are covered by at least one recording. */
  coveredBins: number
}

type Cover = (r: SummaryRecord) => number

function coverFor(bins: number, sampleRate: number | undefined): Cover {
  return (r) => (sampleRate === undefined ? bins : coveredBins(r.sampleRate, { sampleRate, bins }))
}

function binsOf(records: readonly SummaryRecord[]): number {
  if (records.length === 0) throw new Error('no recordings to average')
  const bins = records[0].meanLogMagnitude.length
  for (const r of records) {
    if (r.meanLogMagnitude.length !== bins) {
      throw new Error(`recording ${r.id} has ${r.meanLogMagnitude.length} bins, not ${bins}`)
    }
  }
  return bins
}

/**
 * The mean log spectrum of every device in `records`. With `sampleRate` (the analysis rate, Hz),
 * each recording enters only the bins its own rate covers (coverage.ts), as in the estimators.
 */
export function deviceSpectra(
  records: readonly SummaryRecord[],
  options: { sampleRate?: number } = {},
): Record<string, DeviceSpectrum> {
  const bins = binsOf(records)
  const cover = coverFor(bins, options.sampleRate)
  const byDevice = new Map<string, SummaryRecord[]>()
  for (const r of records) {
    const list = byDevice.get(r.device)
    if (list) list.push(r)
    else byDevice.set(r.device, [r])
  }
  const out: Record<string, DeviceSpectrum> = {}
  for (const [device, recs] of [...byDevice].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const { sum, count, covered } = sumOverCovering(recs, bins, cover, (r) => r.meanLogMagnitude)
    const meanLogDb = new Float64Array(bins)
    for (let k = 0; k < bins; k++) {
      meanLogDb[k] = k < covered ? (sum[k] / count[k]) * DB_PER_NEPER : meanLogDb[covered - 1]
    }
    out[device] = { device, meanLogDb, recordings: recs.length, coveredBins: covered }
  }
  return out
}

/** How much two devices' levels vary over the alignment groups they share. */
export interface PairedSpreads {
  /**
   * Per bin, the standard deviation in dB over the shared groups of each device's level (its
   * recordings' mean_t log|S| averaged within the group); NaN where fewer than two groups cover
   * the bin for both. Over the same moments, a device passing the scenes varies as much as the
   * reference does; one recording only its own noise floor hardly varies at all.
   */
  deviceDb: Float64Array
  referenceDb: Float64Array
  /** Groups holding both devices. */
  groups: number
}

/**
 * The spreads of `device` and `reference` over the alignment groups holding both (each bin over
 * the groups whose recordings of both devices cover it; `sampleRate` as in `deviceSpectra`).
 */
export function pairedSpreads(
  records: readonly SummaryRecord[],
  device: string,
  reference: string,
  options: { sampleRate?: number } = {},
): PairedSpreads {
  const bins = binsOf(records)
  const cover = coverFor(bins, options.sampleRate)
  const groups = new Map<string, { d: SummaryRecord[]; r: SummaryRecord[] }>()
  for (const rec of records) {
    if (!rec.group || (rec.device !== device && rec.device !== reference)) continue
    let g = groups.get(rec.group)
    if (!g) groups.set(rec.group, (g = { d: [], r: [] }))
    if (rec.device === device) g.d.push(rec)
    if (rec.device === reference) g.r.push(rec)
  }
  const shared = [...groups.values()].filter((g) => g.d.length > 0 && g.r.length > 0)
  // Per shared group, each device's mean level (dB) over the bins both cover.
  const levels = shared.map((g) => {
    const d = sumOverCovering(g.d, bins, cover, (r) => r.meanLogMagnitude)
    const r = sumOverCovering(g.r, bins, cover, (x) => x.meanLogMagnitude)
    const n = Math.min(d.covered, r.covered)
    const mean = (s: { sum: Float64Array; count: Int32Array }): Float64Array =>
      Float64Array.from({ length: n }, (_, k) => (s.sum[k] / s.count[k]) * DB_PER_NEPER)
    return { d: mean(d), r: mean(r) }
  })
  const spread = (pick: (l: (typeof levels)[number]) => Float64Array): Float64Array => {
    const out = new Float64Array(bins)
    for (let k = 0; k < bins; k++) {
      const v = levels.filter((l) => k < l.d.length).map((l) => pick(l)[k])
      if (v.length < 2) {
        out[k] = NaN
        continue
      }
      const m = v.reduce((a, b) => a + b, 0) / v.length
      out[k] = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1))
    }
    return out
  }
  return { deviceDb: spread((l) => l.d), referenceDb: spread((l) => l.r), groups: shared.length }
}
