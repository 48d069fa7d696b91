import { RealFft } from './fft'
import { Framer } from './framer'
import { binCount, checkStftOptions, type StftOptions } from './stft-options'
import { hannWindow } from './window'

/** Row-major `[frames][bins]` Float32Array of |STFT| with its shape. */
export interface MagnitudeSpectrogram {
  frames: number
  bins: number
  data: Float32Array
}

/**
 * Calls `onSpectrum(spectrum, t)` for every frame of `y` (centred, reflect-padded, periodic Hann)
 * with the half spectrum in `RealFft`'s ordered layout. `offset` is subtracted from every sample.
 * Needs `loadFft()`.
 */
function forEachSpectrum(
  y: Float32Array,
  options: StftOptions,
  onSpectrum: (spectrum: Float32Array, t: number) => void,
  offset = 0,
): number {
  const opts = checkStftOptions(options)
  const fft = new RealFft(opts.nFft)
  const window = hannWindow(opts.nFft)
  try {
    const framer = new Framer(
      opts,
      (frame, t) => {
        const input = fft.input
        for (let i = 0; i < frame.length; i++) input[i] = frame[i] * window[i]
        fft.forward()
        onSpectrum(fft.spectrum, t)
      },
      offset,
    )
    framer.push(y)
    const frames = framer.finish()
    framer.dispose()
    return frames
  } finally {
    fft.dispose()
  }
}

/** |STFT(y − offset)|, like `abs(librosa.stft(y, n_fft, hop_length, center, pad_mode='reflect'))` transposed. */
export function stftMagnitude(
  y: Float32Array,
  options: StftOptions,
  offset = 0,
): MagnitudeSpectrogram {
  const { nFft } = checkStftOptions(options)
  const bins = binCount(nFft)
  const rows: Float32Array[] = []
  forEachSpectrum(
    y,
    options,
    (s) => {
      const row = new Float32Array(bins)
      row[0] = Math.abs(s[0])
      row[bins - 1] = Math.abs(s[1])
      for (let k = 1; k < bins - 1; k++) row[k] = Math.hypot(s[2 * k], s[2 * k + 1])
      rows.push(row)
    },
    offset,
  )
  const data = new Float32Array(rows.length * bins)
  rows.forEach((row, t) => data.set(row, t * bins))
  return { frames: rows.length, bins, data }
}
