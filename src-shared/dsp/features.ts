// Log-mel features of a recording's summary (the evaluation's device classifier).
import { MAGNITUDE_FLOOR } from './summary'

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
