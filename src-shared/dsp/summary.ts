// The per-recording spectral summary (DESIGN.md): every estimate is arithmetic on these.
import { RealFft } from './fft'
import { Framer } from './framer'
import { binCount, checkStftOptions, type StftOptions } from './stft-options'
import { kernels, POWER_FLOOR, POWER_SCALE, type Kernels } from './wasm/kernels'
import { SILENT_FRAME_RMS } from './gating'
import { hannWindow } from './window'

export { SILENT_FRAME_RMS }

/**
 * Floor of the magnitudes that enter a logarithm: log|S| is taken as ½·log(|S|² + 1e-20), i.e. a
 * floor of 1e-10 (−200 dB re an amplitude of 1), far below the quantisation noise of any real
 * recording, so digital silence yields finite numbers while the golden values are unaffected.
 */
export const MAGNITUDE_FLOOR = Math.sqrt(POWER_FLOOR)

/**
 * Frames whose powers are multiplied before one logarithm is taken: scaled powers lie in
 * [1e-15, 3e16] (nFft up to 2^20), so a product of 16 stays inside float64.
 */
const LOG_BATCH = 16
const LOG_SCALE = Math.log(POWER_SCALE)

/** Mean over frames of log|S(t,f)| (natural log) and of |S(t,f)|, per bin, and the frame count. */
export interface SpectralSummary {
  frames: number
  /** `mean_t ½·log(|S(t,f)|² + MAGNITUDE_FLOOR²)`, nFft/2+1 values. */
  meanLogMagnitude: Float64Array
  /** `mean_t |S(t,f)|`, nFft/2+1 values. */
  meanMagnitude: Float64Array
}

/** Variance (full scale²) below which the exact float64 check of a frame runs. */
const SILENT_SUSPECT_VARIANCE = (10 * SILENT_FRAME_RMS) ** 2

/**
 * A summary with what its digitally silent frames contributed: `silent` is the summary of those
 * frames alone (frames 0 when none), so the means without them follow (`gatedSummary`).
 */
export interface SummaryWithSilence extends SpectralSummary {
  silent: SpectralSummary
}

/** Running sums of one set of frames: |S| and the logs of batched products of |S|². */
class Sums {
  readonly sumMagPtr: number
  readonly prodPtr: number
  readonly sumLog: Float64Array
  frames = 0
  /** The Nyquist bin rides in lane 0's imaginary slot; it is accumulated here instead. */
  nyquistMag = 0
  nyquistProduct = 1
  nyquistLog = 0
  inBatch = 0

  constructor(
    private readonly k: Kernels,
    private readonly groups: number,
    alloc: (bytes: number) => number,
  ) {
    this.sumMagPtr = alloc(groups * 32)
    this.prodPtr = alloc(groups * 32)
    k.f64.fill(1, this.prodPtr >> 3, (this.prodPtr >> 3) + groups * 4)
    this.sumLog = new Float64Array(groups * 4)
  }

  add(specPtr: number, nyquist: number): void {
    this.k.accumulate(specPtr, this.sumMagPtr, this.prodPtr, this.groups)
    this.nyquistMag += Math.abs(nyquist)
    this.nyquistProduct *= (nyquist * nyquist + POWER_FLOOR) * POWER_SCALE
    this.frames++
    if (++this.inBatch === LOG_BATCH) this.flushLogs()
  }

  flushLogs(): void {
    if (this.inBatch === 0) return
    const { sumLog } = this
    const prod = this.k.f64
    const p = this.prodPtr >> 3
    for (let j = 0; j < sumLog.length; j++) {
      sumLog[j] += Math.log(prod[p + j])
      prod[p + j] = 1
    }
    this.nyquistLog += Math.log(this.nyquistProduct)
    this.nyquistProduct = 1
    this.inBatch = 0
  }

  /** The means over `frames` frames (zeros when there are none). */
  summary(laneBins: ArrayLike<number>, bins: number, frames: number): SpectralSummary {
    this.flushLogs()
    const meanLogMagnitude = new Float64Array(bins)
    const meanMagnitude = new Float64Array(bins)
    if (frames > 0) {
      const sumMag = this.k.f64.subarray(this.sumMagPtr >> 3)
      // Each frame's power entered the products multiplied by POWER_SCALE.
      for (let j = 0; j < laneBins.length; j++) {
        meanLogMagnitude[laneBins[j]] = (0.5 * this.sumLog[j]) / frames - 0.5 * LOG_SCALE
        meanMagnitude[laneBins[j]] = sumMag[j] / frames
      }
      meanLogMagnitude[bins - 1] = (0.5 * this.nyquistLog) / frames - 0.5 * LOG_SCALE
      meanMagnitude[bins - 1] = this.nyquistMag / frames
    }
    return { frames, meanLogMagnitude, meanMagnitude }
  }
}

/**
 * Accumulates the summary of one signal fed in blocks: frames are centred and reflect-padded,
 * `offset` (the signal's mean) is subtracted and the periodic Hann window applied, then the real
 * FFT. The per-frame work runs in WebAssembly SIMD kernels on PFFFT's z-domain layout (bins in
 * lanes of four, unordered); bins are put in order once, at the end. Digitally silent frames
 * (SILENT_FRAME_RMS) enter the summary like any other and are also summed apart. Needs
 * `loadFft()`; call `dispose()` when done.
 */
export class SummaryAccumulator {
  private readonly fft: RealFft
  private readonly framer: Framer
  private readonly k: Kernels
  private readonly nFft: number
  /** Groups of four z-domain lanes (bins). */
  private readonly groups: number
  private readonly offset: number
  private readonly regions: [ptr: number, bytes: number][] = []
  private readonly framePtr: number
  private readonly windowPtr: number
  private readonly specPtr: number
  private readonly statsPtr: number
  private readonly all: Sums
  private readonly silent: Sums

  constructor(options: StftOptions, offset = 0) {
    const opts = checkStftOptions(options)
    this.nFft = opts.nFft
    this.fft = new RealFft(opts.nFft)
    this.k = kernels()
    this.offset = offset
    this.groups = Math.ceil(Math.max(1, opts.nFft >> 1) / 4)
    const frameBytes = Math.max(4, opts.nFft) * 4
    this.framePtr = this.alloc(frameBytes)
    this.windowPtr = this.alloc(frameBytes)
    this.specPtr = this.alloc(this.groups * 32)
    this.statsPtr = this.alloc(64)
    const alloc = (bytes: number): number => this.alloc(bytes)
    this.all = new Sums(this.k, this.groups, alloc)
    this.silent = new Sums(this.k, this.groups, alloc)
    this.k.f32.set(hannWindow(opts.nFft), this.windowPtr >> 2)
    this.framer = new Framer(opts, (frame) => this.addFrame(frame))
  }

  private alloc(bytes: number): number {
    const ptr = this.k.alloc(bytes)
    this.regions.push([ptr, bytes])
    return ptr
  }

  /** Feeds samples (full scale ±1). */
  push(block: Float32Array): void {
    this.framer.push(block)
  }

  /** Closes the signal and returns its summary. */
  finish(): SpectralSummary {
    const { frames, meanLogMagnitude, meanMagnitude } = this.finishWithSilence()
    return { frames, meanLogMagnitude, meanMagnitude }
  }

  /** Closes the signal and returns its summary with that of its silent frames. */
  finishWithSilence(): SummaryWithSilence {
    const frames = this.framer.finish()
    const bins = binCount(this.nFft)
    const laneBins = this.fft.laneBins()
    return {
      ...this.all.summary(laneBins, bins, frames),
      silent: this.silent.summary(laneBins, bins, this.silent.frames),
    }
  }

  dispose(): void {
    this.fft.dispose()
    this.framer.dispose()
    for (const [ptr, bytes] of this.regions) this.k.release(ptr, bytes)
    this.regions.length = 0
  }

  private addFrame(frame: Float32Array): void {
    const { fft, k, nFft } = this
    const f = this.framePtr >> 2
    k.f32.set(frame, f)
    const silent = this.isSilent(frame)
    k.window(this.framePtr, this.windowPtr, this.framePtr, this.offset, Math.ceil(nFft / 4))
    fft.input.set(k.f32.subarray(f, f + nFft))
    fft.forwardZ()
    const s = this.specPtr >> 2
    k.f32.set(fft.spectrum.subarray(0, this.groups * 8), s)
    const nyquist = k.f32[s + 4]
    k.f32[s + 4] = 0
    this.all.add(this.specPtr, nyquist)
    if (silent) this.silent.add(this.specPtr, nyquist)
  }

  /**
   * Whether the frame (raw samples, in kernel memory at framePtr) touches digital silence: any of
   * its four quarters varies by less than SILENT_FRAME_RMS. (A frame half in a dropout has half
   * its energy: gating only wholly silent frames left the device's mean 2–3 dB low.) The SIMD
   * statistics kernel screens each quarter, and a suspect one is checked exactly in float64 (the
   * kernel's float32 squares cannot resolve a small variance about a large constant).
   */
  private isSilent(frame: Float32Array): boolean {
    const { k, nFft } = this
    const quarter = nFft >> 2
    const limit = SILENT_FRAME_RMS ** 2
    for (let q = 0; q < 4; q++) {
      const part = frame.subarray(q * quarter, (q + 1) * quarter)
      if (quarter % 4 === 0) {
        k.stats(this.framePtr + q * quarter * 4, quarter / 4, this.statsPtr)
        const d = this.statsPtr >> 3
        const mean = (k.f64[d] + k.f64[d + 1]) / quarter
        const variance = (k.f64[d + 2] + k.f64[d + 3]) / quarter - mean * mean
        if (variance > SILENT_SUSPECT_VARIANCE) continue
      }
      if (exactVariance(part) < limit) return true
    }
    return false
  }
}

/** Variance of `x` about its own mean, two passes in float64. */
function exactVariance(x: Float32Array): number {
  let sum = 0
  for (let i = 0; i < x.length; i++) sum += x[i]
  const mean = sum / x.length
  let squares = 0
  for (let i = 0; i < x.length; i++) squares += (x[i] - mean) ** 2
  return squares / x.length
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
