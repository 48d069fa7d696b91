// What a FIR actually does, against what it was asked to do: its realised response at the STFT
// bins of its rate, and the error in dB against the target over a band.
import { fftFrequencies } from './stft-options'

/** Gains below this (−240 dB) count as this in dB, so a zero of the response stays finite. */
const AMIN = 1e-12

/**
 * |A(f)| of the linear-phase FIR `h` (odd length, delay removed) at `frequenciesHz`, as linear
 * gains: the magnitude of its DTFT, A(f) = h[M] + 2 Σ_n h[M+n] cos(2πnf/sampleRate), summed by
 * Clenshaw's recurrence (one multiply-add per tap and frequency, no cosines).
 */
export function firMagnitude(
  h: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  sampleRate: number,
): Float64Array {
  if (h.length % 2 === 0) throw new Error(`taps=${h.length} must be odd (linear phase, type I)`)
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive`)
  const half = (h.length - 1) / 2
  const out = new Float64Array(frequenciesHz.length)
  for (let i = 0; i < out.length; i++) {
    const c = Math.cos((2 * Math.PI * frequenciesHz[i]) / sampleRate)
    // Σ_{n=0}^{M} a_n T_n(c) with a_0 = h[M], a_n = 2h[M+n].
    let b1 = 0
    let b2 = 0
    for (let n = half; n >= 1; n--) {
      const b0 = 2 * h[half + n] + 2 * c * b1 - b2
      b2 = b1
      b1 = b0
    }
    out[i] = Math.abs(h[half] + c * b1 - b2)
  }
  return out
}

/**
 * The realised response of `h` at its own rate: |DTFT| at the STFT bin frequencies
 * k·sampleRate/nFft, k = 0 … nFft/2 (linear gains, comparable bin by bin with the STFT gains).
 */
export function realisedResponse(
  h: ArrayLike<number>,
  options: { sampleRate: number; nFft: number },
): Float64Array {
  return firMagnitude(h, fftFrequencies(options), options.sampleRate)
}

/** How far a realised response lies from its target over a band, in dB. */
export interface ResponseError {
  /** RMS over the bins in the band of 20·log10(realised / target), dB. */
  rmsDb: number
  /** Largest |20·log10(realised / target)| in the band, dB, and where (Hz). */
  maxDb: number
  maxAtHz: number
  /** Bins counted. */
  bins: number
}

/**
 * The error in dB of `realisedGains` against `targetGains` (linear, per frequency of
 * `frequenciesHz`) over the frequencies in `bandHz` = [low, high] (inclusive). Throws when the
 * band holds no frequency.
 */
export function responseErrorDb(
  realisedGains: ArrayLike<number>,
  targetGains: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  bandHz: readonly [number, number],
): ResponseError {
  const n = frequenciesHz.length
  if (realisedGains.length !== n || targetGains.length !== n) {
    throw new Error(
      `${realisedGains.length} realised and ${targetGains.length} target gains for ${n} frequencies`,
    )
  }
  let sum = 0
  let bins = 0
  let maxDb = 0
  let maxAtHz = bandHz[0]
  for (let k = 0; k < n; k++) {
    const f = frequenciesHz[k]
    if (f < bandHz[0] || f > bandHz[1]) continue
    const e = 20 * Math.log10(Math.max(realisedGains[k], AMIN) / Math.max(targetGains[k], AMIN))
    sum += e * e
    bins++
    if (Math.abs(e) > maxDb) [maxDb, maxAtHz] = [Math.abs(e), f]
  }
  if (bins === 0) throw new Error(`bandHz=[${bandHz.join(', ')}] holds no frequency of the curve`)
  return { rmsDb: Math.sqrt(sum / bins), maxDb, maxAtHz, bins }
}

/** Points per analysis bin on the fine grid, and bins of the window kernel on each side. */
const OVERSAMPLE = 8
const KERNEL_BINS = 8

/**
 * The gain in dB that an STFT analysis (periodic Hann window of `analysis.nFft` samples at
 * `analysis.sampleRate` Hz) sees at each of its bins k = 0 … nFft/2 when a signal with a locally
 * flat spectrum passes the FIR `h` (at its own `sampleRate`): 10·log10 of |A|² averaged around the
 * bin with the window's power response |W(f − f_k)|² as weights (±8 bins, 8 points per bin). A
 * response that ripples faster than the bins are spaced (a ringing FIR) is seen smoothed, as the
 * corrected files will measure it; a smooth one is seen as |A(f_k)|. Bins above the FIR's Nyquist
 * frequency read 0 dB (its files carry nothing there).
 */
export function analysisGainsDb(
  h: ArrayLike<number>,
  sampleRate: number,
  analysis: { sampleRate: number; nFft: number },
): Float64Array {
  const { nFft } = analysis
  const binHz = analysis.sampleRate / nFft
  const bins = nFft / 2 + 1
  const step = binHz / OVERSAMPLE
  const reach = KERNEL_BINS * OVERSAMPLE
  // |A|² on a uniform grid from −reach·step to the top bin + reach·step (|A| is even in f).
  const first = -reach
  const count = (bins - 1) * OVERSAMPLE + 2 * reach + 1
  const grid = Float64Array.from({ length: count }, (_, i) => Math.abs((first + i) * step))
  const power = firMagnitude(h, grid, sampleRate).map((m) => m * m)
  const kernel = hannPowerKernel(nFft, reach, OVERSAMPLE)
  let kernelSum = 0
  for (const w of kernel) kernelSum += w
  const out = new Float64Array(bins)
  for (let k = 0; k < bins; k++) {
    if (k * binHz > sampleRate / 2) continue
    const centre = k * OVERSAMPLE - first
    let acc = 0
    for (let j = -reach; j <= reach; j++) acc += kernel[j + reach] * power[centre + j]
    out[k] = 10 * Math.log10(Math.max(acc / kernelSum, AMIN * AMIN))
  }
  return out
}

const kernels = new Map<string, Float64Array>()

/** |W(j/oversample bins)|² of the periodic Hann window of n samples, j = −reach … reach. */
function hannPowerKernel(n: number, reach: number, oversample: number): Float64Array {
  const key = `${n}/${reach}/${oversample}`
  const cached = kernels.get(key)
  if (cached) return cached
  const kernel = new Float64Array(2 * reach + 1)
  for (let j = -reach; j <= reach; j++) {
    const theta = (2 * Math.PI * j) / (oversample * n)
    let re = 0
    let im = 0
    for (let t = 0; t < n; t++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / n)
      re += w * Math.cos(theta * t)
      im -= w * Math.sin(theta * t)
    }
    kernel[j + reach] = re * re + im * im
  }
  kernels.set(key, kernel)
  return kernel
}
