// Which STFT bins a recording carries: one recorded at a lower rate than the analysis rate is
// resampled up and has nothing above its own Nyquist frequency, so its empty bins must not enter
// a device's mean (a 16 kHz file among 48 kHz files would bend it by −45 to −65 dB above 8 kHz).

/**
 * Fraction of a recording's own Nyquist frequency below which its resampled bins are trusted.
 * The analysis resampler (resample.ts: Kaiser-windowed sinc, cutoff at 0.945 of the lower Nyquist)
 * passes white noise from 16 to 48 kHz within 0.5 dB up to 0.89, −1.0 dB at 0.90 and −6 dB at 0.945
 * of 8 kHz (measured on the bins of nFft = 2048).
 */
export const RESAMPLED_BAND_FRACTION = 0.9

/** Where a recording's bins lie: the analysis grid and the recording's own rate. */
export interface CoverageOptions {
  /** Analysis sample rate in Hz: bin k lies at k·sampleRate/nFft. */
  sampleRate: number
  /** Bins per spectrum, nFft/2 + 1. */
  bins: number
}

/**
 * Number of leading bins (0 … n−1) that a recording made at `nativeRate` Hz carries once
 * resampled to `options.sampleRate`: every bin when it was made at the analysis rate or above (or
 * its rate is unknown), else the bins below RESAMPLED_BAND_FRACTION of its Nyquist frequency.
 */
export function coveredBins(nativeRate: number | undefined, options: CoverageOptions): number {
  const { sampleRate, bins } = options
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive (Hz)`)
  if (!Number.isInteger(bins) || bins < 2) throw new Error(`bins=${bins} must be an integer >= 2`)
  if (nativeRate === undefined || nativeRate >= sampleRate) return bins
  if (!(nativeRate > 0)) throw new Error(`native sampleRate=${nativeRate} must be positive (Hz)`)
  const nFft = 2 * (bins - 1)
  // Bin k is covered when k·sampleRate/nFft < fraction·nativeRate/2.
  const edge = (RESAMPLED_BAND_FRACTION * nativeRate * nFft) / (2 * sampleRate)
  return Math.min(bins, Math.max(1, Math.ceil(edge)))
}

/**
 * Per bin, the sum of `values(r)[k]` over the records `r` that cover bin k (float64, in record
 * order) and how many they are; `covered` is the number of leading bins at least one covers.
 */
export function sumOverCovering<T>(
  records: readonly T[],
  bins: number,
  cover: (r: T) => number,
  values: (r: T) => ArrayLike<number>,
): { sum: Float64Array; count: Int32Array; covered: number } {
  const sum = new Float64Array(bins)
  const count = new Int32Array(bins)
  let covered = 0
  for (const r of records) {
    const v = values(r)
    const n = Math.min(bins, cover(r))
    covered = Math.max(covered, n)
    for (let k = 0; k < n; k++) {
      sum[k] += v[k]
      count[k]++
    }
  }
  return { sum, count, covered }
}
