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
  /**
   * Per bin, the standard deviation in dB of the recordings' mean_t log|S| around `meanLogDb`
   * (over the recordings covering the bin; NaN where fewer than two do). Large where the device
   * passes the scenes it recorded, small where its own noise floor is all it records.
   */
  spreadDb: Float64Array
  /** Recordings averaged. */
  recordings: number
  /** Bins 0 … coveredBins−1 are covered by at least one recording. */
  coveredBins: number
}

/**
 * The mean log spectrum of every device in `records`. With `sampleRate` (the analysis rate, Hz),
 * each recording enters only the bins its own rate covers (coverage.ts), as in the estimators.
 */
export function deviceSpectra(
  records: readonly SummaryRecord[],
  options: { sampleRate?: number } = {},
): Record<string, DeviceSpectrum> {
  if (records.length === 0) throw new Error('no recordings to average')
  const bins = records[0].meanLogMagnitude.length
  const { sampleRate } = options
  const cover = (r: SummaryRecord): number =>
    sampleRate === undefined ? bins : coveredBins(r.sampleRate, { sampleRate, bins })
  const byDevice = new Map<string, SummaryRecord[]>()
  for (const r of records) {
    if (r.meanLogMagnitude.length !== bins) {
      throw new Error(`recording ${r.id} has ${r.meanLogMagnitude.length} bins, not ${bins}`)
    }
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
    const squares = new Float64Array(bins)
    for (const r of recs) {
      for (let k = 0, n = cover(r); k < n; k++) {
        squares[k] += (r.meanLogMagnitude[k] * DB_PER_NEPER - meanLogDb[k]) ** 2
      }
    }
    const spreadDb = squares.map((s, k) => (count[k] > 1 ? Math.sqrt(s / (count[k] - 1)) : NaN))
    out[device] = { device, meanLogDb, spreadDb, recordings: recs.length, coveredBins: covered }
  }
  return out
}
