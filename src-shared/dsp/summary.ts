// The per-recording spectral summary (DESIGN.md): every estimate is arithmetic on these.
import { RealFft } from './fft'
import { Framer } from './framer'
import { binCount, checkStftOptions, type StftOptions } from './stft-options'

/**
 * Floor of the magnitudes that enter a logarithm: log|S| is taken as ½·log(|S|² + 1e-20), i.e. a
 * floor of 1e-10 (−200 dB re an amplitude of 1), far below the quantisation noise of any real
 * recording, so digital silence yields finite numbers while the golden values are unaffected.
 */
export const MAGNITUDE_FLOOR = 1e-10
const POWER_FLOOR = MAGNITUDE_FLOOR * MAGNITUDE_FLOOR
/**
 * Frames whose powers are multiplied before one logarithm is taken. Powers lie in
 * [1e-20, nFft²/4] so a product of 8 stays inside float64 for any nFft up to 2^20.
 */
const LOG_BATCH = 8

/** Mean over frames of log|S(t,f)| (natural log) and of |S(t,f)|, per bin, and the frame count. */
export interface SpectralSummary {
  frames: number
  /** `mean_t ½·log(|S(t,f)|² + MAGNITUDE_FLOOR²)`, nFft/2+1 values. */
  meanLogMagnitude: Float64Array
  /** `mean_t |S(t,f)|`, nFft/2+1 values. */
  meanMagnitude: Float64Array
}

/**
 * Accumulates the summary of one signal fed in blocks: frames are centred and reflect-padded,
 * `offset` (the signal's mean) is subtracted and the periodic Hann window applied, then the real
 * FFT. For speed the frame is transformed unwindowed and both the offset (bin 0 only) and the
 * window (X_w[k] = ½X[k] − ¼X[k−1] − ¼X[k+1]) are applied in the frequency domain, which is the
 * same arithmetic in exact terms. Needs `loadFft()`; call `dispose()` when done.
 */
export class SummaryAccumulator {
  private readonly fft: RealFft
  private readonly framer: Framer
  private readonly half: number
  private readonly offsetBin0: number
  private readonly sumLog: Float64Array
  private readonly sumMag: Float64Array
  private readonly product: Float64Array
  private readonly magnitude: Float32Array
  private inBatch = 0

  constructor(options: StftOptions, offset = 0) {
    const opts = checkStftOptions(options)
    const bins = binCount(opts.nFft)
    this.fft = new RealFft(opts.nFft)
    this.half = opts.nFft / 2
    this.offsetBin0 = offset * opts.nFft
    this.sumLog = new Float64Array(bins)
    this.sumMag = new Float64Array(bins)
    this.product = new Float64Array(bins).fill(1)
    this.magnitude = new Float32Array(bins)
    this.framer = new Framer(opts, (frame) => this.addFrame(frame))
  }

  /** Feeds samples (full scale ±1). */
  push(block: Float32Array): void {
    this.framer.push(block)
  }

  /** Closes the signal and returns its summary. */
  finish(): SpectralSummary {
    const frames = this.framer.finish()
    this.flushLogs()
    const bins = this.sumLog.length
    const meanLogMagnitude = new Float64Array(bins)
    const meanMagnitude = new Float64Array(bins)
    if (frames > 0) {
      for (let k = 0; k < bins; k++) {
        meanLogMagnitude[k] = (0.5 * this.sumLog[k]) / frames
        meanMagnitude[k] = this.sumMag[k] / frames
      }
    }
    return { frames, meanLogMagnitude, meanMagnitude }
  }

  dispose(): void {
    this.fft.dispose()
  }

  private addFrame(frame: Float32Array): void {
    const fft = this.fft
    fft.input.set(frame)
    fft.forward()
    accumulateHannSpectrum(fft.spectrum, this.half, this.offsetBin0, this.magnitude, this.product)
    const { sumMag, magnitude } = this
    for (let k = 0; k <= this.half; k++) sumMag[k] += magnitude[k]
    if (++this.inBatch === LOG_BATCH) this.flushLogs()
  }

  private flushLogs(): void {
    if (this.inBatch === 0) return
    const { sumLog, product } = this
    for (let k = 0; k < sumLog.length; k++) {
      sumLog[k] += Math.log(product[k])
      product[k] = 1
    }
    this.inBatch = 0
  }
}

/**
 * From the unwindowed half spectrum `s` (RealFft layout) of a frame, forms the periodic-Hann
 * windowed spectrum X_w[k] = ½X[k] − ¼X[k−1] − ¼X[k+1] (X[−1] = X̄[1], X[n/2+1] = X̄[n/2−1]) after
 * subtracting `offsetBin0` (= offset·nFft) from X[0], writes |X_w| to `mag` and multiplies
 * |X_w|² + floor² into `product`. A plain function over typed arrays: this is the hot loop.
 */
function accumulateHannSpectrum(
  s: Float32Array,
  half: number,
  offsetBin0: number,
  mag: Float32Array,
  product: Float64Array,
): void {
  const x0 = s[0] - offsetBin0
  const nyq = s[1]
  if (half === 1) {
    const a = 0.5 * x0 - 0.5 * nyq
    mag[0] = mag[1] = Math.abs(a)
    product[0] *= a * a + POWER_FLOOR
    product[1] *= a * a + POWER_FLOOR
    return
  }
  let re = 0.5 * x0 - 0.5 * s[2]
  mag[0] = Math.abs(re)
  product[0] *= re * re + POWER_FLOOR
  // Neighbours of bin k: X[k−1] = (pr, pi), X[k] = (cr, ci), X[k+1] = (nr, ni).
  let pr = x0
  let pi = 0
  let cr = s[2]
  let ci = s[3]
  for (let k = 1; k < half - 1; k++) {
    const nr = s[2 * k + 2]
    const ni = s[2 * k + 3]
    re = 0.5 * cr - 0.25 * (pr + nr)
    const im = 0.5 * ci - 0.25 * (pi + ni)
    const power = re * re + im * im
    mag[k] = Math.sqrt(Math.fround(power))
    product[k] *= power + POWER_FLOOR
    pr = cr
    pi = ci
    cr = nr
    ci = ni
  }
  const lastRe = 0.5 * cr - 0.25 * (pr + nyq)
  const lastIm = 0.5 * ci - 0.25 * pi
  const lastPower = lastRe * lastRe + lastIm * lastIm
  mag[half - 1] = Math.sqrt(lastPower)
  product[half - 1] *= lastPower + POWER_FLOOR
  re = 0.5 * nyq - 0.5 * cr
  mag[half] = Math.abs(re)
  product[half] *= re * re + POWER_FLOOR
}

/** The arithmetic mean of a signal in float64: the DC offset removed before analysis. */
export function signalMean(y: Float32Array): number {
  let sum = 0
  for (let i = 0; i < y.length; i++) sum += y[i]
  return y.length > 0 ? sum / y.length : 0
}

/** Summary of a signal held in memory: its own mean is subtracted first (golden conventions). */
export function summarize(y: Float32Array, options: StftOptions): SpectralSummary {
  const acc = new SummaryAccumulator(options, signalMean(y))
  try {
    acc.push(y)
    return acc.finish()
  } finally {
    acc.dispose()
  }
}
