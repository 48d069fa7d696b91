// Minimum-phase FIR filters from a magnitude response by the cepstral (homomorphic) method: the
// log magnitude's real cepstrum, folded onto positive quefrencies, is the complex cepstrum of the
// minimum-phase filter with that magnitude (Oppenheim & Schafer, ch. 13). A microphone is causal,
// so this is the phase an augmentation IR should have: all its energy as early as possible.
import { fft64 } from './fft64'
import { interpolateLogGain, type GainCurve } from './firls'

export interface MinimumPhaseOptions {
  /** Length of the FIR in samples (any positive integer). */
  taps: number
  /** Sample rate in Hz the FIR is for: the curve is read from 0 to sampleRate/2. */
  sampleRate: number
  /**
   * The grid is doubled until the FIR's taps change by at most this much between one grid and
   * the next (relative RMS, default 1e-5, −100 dB) or the grid reaches `maxGridSize`. The error
   * falls as 1/N² (a quarter per doubling); for device IRs it lies well below what cutting the
   * response to `taps` costs (`DeviceIr.cepstrum` reports both).
   */
  tolerance?: number
  /** Largest grid in points around the unit circle (a power of two, default 2^21). */
  maxGridSize?: number
}

export interface MinimumPhaseFir {
  /** The FIR, h[0] first, `taps` samples. */
  h: Float64Array
  /** Points around the unit circle of the grid the cepstrum was computed on. */
  gridSize: number
  /**
   * The aliasing error of the cepstrum: the relative RMS difference of the taps computed on
   * `gridSize` and on half of it (the error of the coarser grid, an upper estimate of this one's).
   */
  aliasingError: number
  /** Share of the minimum-phase response's energy beyond `taps` (cut off by the truncation). */
  tailEnergy: number
}

/** Gains below this fraction of the largest are raised to it, so their logarithm stays finite. */
const GAIN_FLOOR = 1e-10

/**
 * The minimum-phase FIR of `options.taps` samples whose magnitude follows `curve` (linear gains at
 * ascending frequencies in Hz, interpolated in log gain and held flat beyond its ends).
 *
 * On a grid of N points around the unit circle (N a power of two, at least 16 times the larger
 * of `taps` and the curve's finest spacing in samples, fs/Δf): c = IDFT(log|D|), the real
 * cepstrum; ĉ[0] = c[0], ĉ[n] = 2c[n] for 0 < n < N/2, ĉ[N/2] = c[N/2], 0 above; h = IDFT(exp(DFT(ĉ))),
 * cut to `taps`. All in float64. The cepstrum is time-aliased by N: N is doubled until the
 * taps move by at most `tolerance` from one grid to the next, which is reported as the error.
 */
export function minimumPhaseFir(curve: GainCurve, options: MinimumPhaseOptions): MinimumPhaseFir {
  const { taps, sampleRate } = options
  const tolerance = options.tolerance ?? 1e-5
  const maxGridSize = options.maxGridSize ?? 1 << 21
  if (!Number.isInteger(taps) || taps < 1)
    throw new Error(`taps=${taps} must be a positive integer`)
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive (Hz)`)
  if (!(tolerance > 0)) throw new Error(`tolerance=${tolerance} must be positive`)
  const f = curve.frequenciesHz
  if (f.length === 0 || curve.gains.length !== f.length) {
    throw new Error('gain curve needs as many gains as frequencies, at least one')
  }
  let spacing = Infinity
  for (let i = 1; i < f.length; i++) {
    if (f[i] < f[i - 1]) throw new Error('curve frequencies must ascend')
    if (f[i] > f[i - 1] && f[i - 1] < sampleRate / 2) spacing = Math.min(spacing, f[i] - f[i - 1])
  }
  const detail = Number.isFinite(spacing) ? sampleRate / spacing : 1
  let n = 2
  while (n < 16 * Math.max(taps, detail)) n *= 2
  if (n > maxGridSize) {
    throw new Error(
      `taps=${taps} and a curve spacing of ${spacing} Hz need a grid of ${n} points, beyond maxGridSize=${maxGridSize}`,
    )
  }
  let previous = onGrid(curve, n, taps, sampleRate)
  for (;;) {
    const next = onGrid(curve, 2 * n, taps, sampleRate)
    const error = relativeRms(previous.h, next.h)
    n *= 2
    if (error <= tolerance || 2 * n > maxGridSize) {
      return { h: next.h, gridSize: n, aliasingError: error, tailEnergy: next.tailEnergy }
    }
    previous = next
  }
}

/** The minimum-phase response on a grid of `n` points, cut to `taps`, and its energy beyond. */
function onGrid(
  curve: GainCurve,
  n: number,
  taps: number,
  sampleRate: number,
): { h: Float64Array; tailEnergy: number } {
  const half = n / 2
  const grid = Float64Array.from({ length: half + 1 }, (_, k) => (k * sampleRate) / n)
  const gains = interpolateLogGain(curve, grid)
  let top = 0
  for (const g of gains) {
    if (!(g >= 0) || !Number.isFinite(g)) throw new Error(`gain ${g} must be finite and >= 0`)
    top = Math.max(top, g)
  }
  if (!(top > 0)) throw new Error('gain curve must have a positive gain somewhere')
  const re = new Float64Array(n)
  const im = new Float64Array(n)
  for (let k = 0; k <= half; k++) {
    const l = Math.log(Math.max(gains[k], GAIN_FLOOR * top))
    re[k] = l
    if (k > 0 && k < half) re[n - k] = l
  }
  fft64(re, im, true) // the real cepstrum (real and even: im stays ~0)
  for (let q = 1; q < half; q++) re[q] *= 2
  for (let q = half + 1; q < n; q++) re[q] = 0
  im.fill(0)
  fft64(re, im) // the log spectrum of the minimum-phase filter: log|D| + i·phase
  for (let k = 0; k < n; k++) {
    const m = Math.exp(re[k])
    const p = im[k]
    re[k] = m * Math.cos(p)
    im[k] = m * Math.sin(p)
  }
  fft64(re, im, true)
  let total = 0
  for (let t = 0; t < n; t++) total += re[t] * re[t]
  const h = re.slice(0, Math.min(taps, n))
  let kept = 0
  for (const v of h) kept += v * v
  const out = new Float64Array(taps)
  out.set(h)
  return { h: out, tailEnergy: total > 0 ? Math.max(0, (total - kept) / total) : 0 }
}

function relativeRms(a: Float64Array, b: Float64Array): number {
  let diff = 0
  let norm = 0
  for (let i = 0; i < b.length; i++) {
    diff += (a[i] - b[i]) ** 2
    norm += b[i] * b[i]
  }
  return norm > 0 ? Math.sqrt(diff / norm) : Math.sqrt(diff)
}
