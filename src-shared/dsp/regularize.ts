// Optional regularisation of correction curves, beyond the paper; all off by default so the
// golden numbers hold. Applied in this order: smoothing, band hold, boost/cut limits.

export interface Regularization {
  /** Fractional-octave smoothing width in octaves (e.g. 1/3); 0 or absent: none. */
  smoothingOctaves?: number
  /** Largest boost in dB (e.g. 20); absent: unlimited. */
  maxBoostDb?: number
  /** Largest cut in dB, as a positive number (e.g. 20); absent: unlimited. */
  maxCutDb?: number
  /** Band in Hz outside which the gain is held at its value at the band edge. */
  bandHz?: readonly [number, number]
}

/** True when `reg` changes nothing. */
export function isIdentityRegularization(reg: Regularization | undefined): boolean {
  return (
    !reg ||
    (!reg.smoothingOctaves &&
      reg.maxBoostDb === undefined &&
      reg.maxCutDb === undefined &&
      !reg.bandHz)
  )
}

/** Validates `reg`, naming the bad value. */
export function checkRegularization(reg: Regularization): void {
  const { smoothingOctaves: s, maxBoostDb: b, maxCutDb: c, bandHz } = reg
  if (s !== undefined && !(s >= 0 && s <= 4))
    throw new Error(`smoothingOctaves=${s} must be in [0, 4]`)
  if (b !== undefined && !(b >= 0)) throw new Error(`maxBoostDb=${b} must be >= 0`)
  if (c !== undefined && !(c >= 0)) throw new Error(`maxCutDb=${c} must be >= 0`)
  if (bandHz && !(bandHz[0] >= 0 && bandHz[1] > bandHz[0])) {
    throw new Error(`bandHz=[${bandHz.join(', ')}] must satisfy 0 <= low < high`)
  }
}

/**
 * Regularised copy of linear gains `coefficients` given at `frequenciesHz` (ascending, 0 first).
 * Smoothing averages log gain over [f·2^(−w/2), f·2^(w/2)] (the DC bin takes bin 1's window).
 */
export function regularize(
  coefficients: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  reg: Regularization,
): Float64Array {
  checkRegularization(reg)
  const n = coefficients.length
  let logs: Float64Array = Float64Array.from({ length: n }, (_, k) => Math.log(coefficients[k]))
  if (reg.smoothingOctaves) logs = smoothLogGains(logs, frequenciesHz, reg.smoothingOctaves)
  if (reg.bandHz) holdOutside(logs, frequenciesHz, reg.bandHz)
  const hi = reg.maxBoostDb === undefined ? Infinity : (reg.maxBoostDb * Math.LN10) / 20
  const lo = reg.maxCutDb === undefined ? -Infinity : (-reg.maxCutDb * Math.LN10) / 20
  return logs.map((v) => Math.exp(Math.min(hi, Math.max(lo, v))))
}

/**
 * Fractional-octave moving average of per-bin values (log gains, or levels in dB) at ascending
 * `f` (Hz): the mean over [f·2^(−w/2), f·2^(w/2)] with w = `octaves` (the DC bin takes bin 1's).
 */
export function smoothLogGains(
  logs: ArrayLike<number>,
  f: ArrayLike<number>,
  octaves: number,
): Float64Array {
  const n = logs.length
  const prefix = new Float64Array(n + 1)
  for (let k = 0; k < n; k++) prefix[k + 1] = prefix[k] + logs[k]
  const ratio = Math.pow(2, octaves / 2)
  const out = new Float64Array(n)
  let lo = 0
  let hi = 0
  for (let k = 0; k < n; k++) {
    const centre = f[k] > 0 ? f[k] : (f[1] ?? 0)
    while (lo < n && f[lo] < centre / ratio) lo++
    while (hi < n && f[hi] <= centre * ratio) hi++
    const a = Math.min(lo, k)
    const b = Math.max(hi, k + 1)
    out[k] = (prefix[b] - prefix[a]) / (b - a)
  }
  return out
}

function holdOutside(
  logs: Float64Array,
  f: ArrayLike<number>,
  [low, high]: readonly [number, number],
): void {
  const n = logs.length
  let first = 0
  while (first < n - 1 && f[first] < low) first++
  let last = n - 1
  while (last > 0 && f[last] > high) last--
  if (last < first) last = first
  for (let k = 0; k < first; k++) logs[k] = logs[first]
  for (let k = last + 1; k < n; k++) logs[k] = logs[last]
}
