// What the dB of a spectrum is relative to, said once for every figure that shows one.

/**
 * The spectral summaries' level: `mean_t 20·log10|S(t,f)|` with `S` the unnormalised FFT of
 * periodic-Hann-windowed frames of samples at full scale ±1 (src-shared/dsp/summary.ts). So 0 dB
 * is an FFT magnitude of 1; a full-scale sine at a bin centre reads 20·log10(nFft/4), +54.2 dB at
 * nFft = 2048.
 */
export const LEVEL_LABEL = 'Level (dB re unit FFT magnitude)'

/** The level of a full-scale sine at a bin centre, in the summaries' dB, for `nFft`. */
export function fullScaleSineDb(nFft: number): number {
  return 20 * Math.log10(nFft / 4)
}

/** Coherent gain (mean) of the analysis windows a spectrogram may use. */
export const WINDOW_GAIN: Readonly<Record<string, number>> = {
  hann: 0.5,
  hamming: 0.54,
  blackman: 0.42,
  rectangular: 1,
}

/**
 * One sentence for a spectrogram's text alternative: levels per frame, not means. A full-scale
 * sine at a bin centre reads 20·log10(gain · nFft / 2) with the window's coherent gain.
 */
export function frameLevelNote(nFft: number, window = 'hann'): string {
  const gain = WINDOW_GAIN[window]
  if (gain === undefined)
    throw new Error(`window=${window}: expected one of ${Object.keys(WINDOW_GAIN).join(', ')}`)
  const name = window[0].toUpperCase() + window.slice(1)
  return `Levels are 20·log10|FFT| of each ${name}-windowed frame at full scale ±1 (0 dB: FFT magnitude 1; a full-scale sine reads ${(20 * Math.log10((gain * nFft) / 2)).toFixed(1)} dB).`
}

/** One sentence for a figure's text alternative. */
export function levelNote(nFft?: number): string {
  const sine =
    nFft === undefined
      ? ''
      : `; a full-scale sine reads ${fullScaleSineDb(nFft).toFixed(1)} dB at nFft ${nFft}`
  return `Levels are the mean over frames of 20·log10|FFT| of Hann-windowed frames at full scale ±1 (0 dB: FFT magnitude 1${sine}).`
}
