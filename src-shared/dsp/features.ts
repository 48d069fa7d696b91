// Log-mel features for model training, and the two normalisations the paper compares:
// per-device mean subtraction (eq. 16, spectrum correction without a reference) and
// per-recording cepstral-style mean subtraction (eq. 18, which also removes the room).
import { melFilterbank } from './mel'
import { forEachSpectrum } from './stft'
import { binCount, checkStftOptions, type StftOptions } from './stft-options'
import { MAGNITUDE_FLOOR } from './summary'

/** Row-major `[frames][nMels]` Float32Array of natural-log mel energies. */
export interface LogMel {
  frames: number
  nMels: number
  data: Float32Array
}

export interface LogMelOptions extends StftOptions {
  sampleRate: number
  nMels: number
  fMin?: number
  fMax?: number
  /** Correction gains per STFT bin, applied to |S| before the mel projection (paper §3.2). */
  gains?: ArrayLike<number>
}

/** log(max(mel · |S|, 1e-10)) of `y − offset` (magnitudes, as the paper's features). */
export function logMelSpectrogram(y: Float32Array, options: LogMelOptions, offset = 0): LogMel {
  const { nFft } = checkStftOptions(options)
  const bins = binCount(nFft)
  const { nMels, gains } = options
  if (gains && gains.length !== bins) throw new Error(`${gains.length} gains given; need ${bins}`)
  const fb = melFilterbank(options)
  const mag = new Float64Array(bins)
  const rows: Float32Array[] = []
  forEachSpectrum(
    y,
    options,
    (s) => {
      mag[0] = Math.abs(s[0])
      mag[bins - 1] = Math.abs(s[1])
      for (let k = 1; k < bins - 1; k++) mag[k] = Math.hypot(s[2 * k], s[2 * k + 1])
      if (gains) for (let k = 0; k < bins; k++) mag[k] *= gains[k]
      rows.push(project(fb, mag, nMels))
    },
    offset,
  )
  const data = new Float32Array(rows.length * nMels)
  rows.forEach((r, t) => data.set(r, t * nMels))
  return { frames: rows.length, nMels, data }
}

/** log(max(W · spectrum, floor)) for one spectrum of nFft/2+1 magnitudes. */
function project(fb: Float32Array, spectrum: ArrayLike<number>, nMels: number): Float32Array {
  const bins = spectrum.length
  const out = new Float32Array(nMels)
  for (let m = 0; m < nMels; m++) {
    let e = 0
    const row = m * bins
    for (let k = 0; k < bins; k++) e += fb[row + k] * spectrum[k]
    out[m] = Math.log(Math.max(e, MAGNITUDE_FLOOR))
  }
  return out
}

/**
 * Log-mel of a recording's geometric-mean spectrum, exp(meanLogMagnitude), optionally corrected
 * by `gains`: a per-recording feature computed from its summary alone (used by the evaluation).
 */
export function summaryLogMel(
  meanLogMagnitude: ArrayLike<number>,
  filterbank: Float32Array,
  nMels: number,
  gains?: ArrayLike<number>,
): Float32Array {
  const spectrum = new Float64Array(meanLogMagnitude.length)
  for (let k = 0; k < spectrum.length; k++) {
    spectrum[k] = Math.exp(meanLogMagnitude[k]) * (gains ? gains[k] : 1)
  }
  return project(filterbank, spectrum, nMels)
}

/** Mean over frames of each mel band of the given log-mels (float64 accumulation). */
export function meanOverFrames(items: readonly LogMel[]): Float64Array {
  if (items.length === 0) throw new Error('no log-mel spectrograms given')
  const nMels = items[0].nMels
  const sum = new Float64Array(nMels)
  let frames = 0
  for (const lm of items) {
    if (lm.nMels !== nMels) throw new Error(`nMels differ: ${lm.nMels} and ${nMels}`)
    for (let t = 0; t < lm.frames; t++) {
      for (let m = 0; m < nMels; m++) sum[m] += lm.data[t * nMels + m]
    }
    frames += lm.frames
  }
  return sum.map((s) => s / Math.max(frames, 1))
}

function subtract(lm: LogMel, mean: ArrayLike<number>): LogMel {
  const data = new Float32Array(lm.data.length)
  for (let t = 0; t < lm.frames; t++) {
    for (let m = 0; m < lm.nMels; m++) data[t * lm.nMels + m] = lm.data[t * lm.nMels + m] - mean[m]
  }
  return { frames: lm.frames, nMels: lm.nMels, data }
}

/**
 * Eq. 16: subtracts from every recording the mean log-mel of its device, taken over all frames
 * of all that device's recordings (so the device response cancels, the room's does not).
 */
export function deviceMeanSubtraction(
  items: readonly { device: string; logMel: LogMel }[],
): LogMel[] {
  const byDevice = new Map<string, LogMel[]>()
  for (const { device, logMel } of items) {
    const list = byDevice.get(device)
    if (list) list.push(logMel)
    else byDevice.set(device, [logMel])
  }
  const means = new Map([...byDevice].map(([d, list]) => [d, meanOverFrames(list)]))
  return items.map(({ device, logMel }) => subtract(logMel, means.get(device)!))
}

/** Eq. 18: subtracts each recording's own mean over time (removes device and room alike). */
export function cepstralMeanSubtraction(lm: LogMel): LogMel {
  return subtract(lm, meanOverFrames([lm]))
}
