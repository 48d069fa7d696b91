// Mel filterbank and conversions, Slaney's auditory-toolbox scale (librosa's default, htk=False).
import { binCount, fftFrequencies } from './stft-options'

const F_SP = 200 / 3 // Hz per mel below the break
const MIN_LOG_HZ = 1000
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP
const LOG_STEP = Math.log(6.4) / 27

/** Hz → mel (Slaney): linear below 1 kHz, logarithmic above. */
export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP
}

/** mel → Hz (Slaney), the inverse of `hzToMel`. */
export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel
}

export interface MelOptions {
  sampleRate: number
  nFft: number
  nMels: number
  /** Lowest band edge in Hz (default 0). */
  fMin?: number
  /** Highest band edge in Hz (default sampleRate / 2). */
  fMax?: number
}

/**
 * Triangular mel filters, row-major `[nMels][nFft/2+1]` Float32Array, with Slaney area
 * normalisation (each triangle scaled by 2 / its width in Hz), as `librosa.filters.mel(norm=1)`.
 * Computed in float64.
 */
export function melFilterbank(options: MelOptions): Float32Array {
  const { sampleRate, nFft, nMels } = options
  const fMin = options.fMin ?? 0
  const fMax = options.fMax ?? sampleRate / 2
  if (!Number.isInteger(nMels) || nMels < 1)
    throw new Error(`nMels=${nMels} must be a positive integer`)
  if (!(fMin >= 0 && fMax > fMin))
    throw new Error(`fMin=${fMin}, fMax=${fMax}: need 0 <= fMin < fMax`)
  const bins = binCount(nFft)
  const fft = fftFrequencies({ sampleRate, nFft })
  const melMin = hzToMel(fMin)
  const melMax = hzToMel(fMax)
  const edges = new Float64Array(nMels + 2)
  for (let i = 0; i < edges.length; i++) {
    edges[i] = melToHz(melMin + ((melMax - melMin) * i) / (nMels + 1))
  }
  const weights = new Float32Array(nMels * bins)
  for (let m = 0; m < nMels; m++) {
    const lo = edges[m]
    const mid = edges[m + 1]
    const hi = edges[m + 2]
    const norm = 2 / (hi - lo)
    for (let k = 0; k < bins; k++) {
      const rising = (fft[k] - lo) / (mid - lo)
      const falling = (hi - fft[k]) / (hi - mid)
      const w = Math.max(0, Math.min(rising, falling))
      weights[m * bins + k] = w * norm
    }
  }
  return weights
}
