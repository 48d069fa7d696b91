// Frame gating: digitally silent frames (runs of zeros or of one constant value inside a
// recording) pull a device's mean log spectrum towards the magnitude floor at every bin. Analysis
// sums them apart (summary.ts), so they can be left out of the means without analysing again.

/**
 * A frame counts as digitally silent when one of its quarters varies by less than this RMS about
 * its own mean (1e-5, −100 dB re full scale): runs of zeros or of one constant value (a DC
 * offset), or the last bit of 24-bit PCM; dithered 16-bit silence (about −96 dB RMS) is not.
 */
export const SILENT_FRAME_RMS = 1e-5

/** Per-bin means over `frames` frames (a `SpectralSummary`, or one read back from storage). */
export interface MeanSpectra {
  frames: number
  /** mean_t log|S(t,f)| (natural log). */
  meanLogMagnitude: ArrayLike<number>
  /** mean_t |S(t,f)|. */
  meanMagnitude: ArrayLike<number>
}

/**
 * The means over the frames that are not silent: (frames·mean − silent·silentMean)/(frames −
 * silent) per bin, in float64; the summary itself when no frame was silent or all were.
 */
export function gatedSummary(all: MeanSpectra, silent: MeanSpectra): MeanSpectra {
  const kept = all.frames - silent.frames
  if (silent.frames <= 0 || kept <= 0) return all
  const mean = (a: ArrayLike<number>, b: ArrayLike<number>): Float64Array =>
    Float64Array.from(a, (v, k) => (all.frames * v - silent.frames * b[k]) / kept)
  return {
    frames: kept,
    meanLogMagnitude: mean(all.meanLogMagnitude, silent.meanLogMagnitude),
    meanMagnitude: mean(all.meanMagnitude, silent.meanMagnitude),
  }
}
