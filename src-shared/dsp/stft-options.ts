import { isPowerOfTwo } from './fft'

/** STFT geometry: `nFft` samples per frame (a power of two), a frame every `hopLength` samples. */
export interface StftOptions {
  nFft: number
  hopLength: number
  /** Centre frames on `t·hopLength` by reflect-padding `nFft/2` samples on both sides (default true). */
  center?: boolean
}

/** The options with defaults filled in, after checking them; errors name the bad value. */
export function checkStftOptions(options: StftOptions): Required<StftOptions> {
  const { nFft, hopLength } = options
  if (!isPowerOfTwo(nFft)) throw new Error(`nFft=${nFft} must be a power of two >= 2`)
  if (!Number.isInteger(hopLength) || hopLength <= 0) {
    throw new Error(`hopLength=${hopLength} must be a positive integer`)
  }
  return { nFft, hopLength, center: options.center ?? true }
}

/** Number of frames for a signal of `length` samples: `1 + floor(length / hopLength)` when centred. */
export function frameCount(length: number, options: StftOptions): number {
  const { nFft, hopLength, center } = checkStftOptions(options)
  if (center) return 1 + Math.floor(length / hopLength)
  return length >= nFft ? 1 + Math.floor((length - nFft) / hopLength) : 0
}

/** Number of bins of a real FFT of `nFft` samples: `nFft/2 + 1`. */
export function binCount(nFft: number): number {
  return nFft / 2 + 1
}

/** Centre frequency of every bin in Hz: `k · sampleRate / nFft`, as librosa's `fft_frequencies`. */
export function fftFrequencies(options: { sampleRate: number; nFft: number }): Float64Array {
  const { sampleRate, nFft } = options
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive`)
  const f = new Float64Array(binCount(nFft))
  for (let k = 0; k < f.length; k++) f[k] = (k * sampleRate) / nFft
  return f
}
