import type { EstimatorVariant } from '../dsp/estimate'
import type { Regularization } from '../dsp/regularize'

/** STFT settings of a project's analysis. */
export interface StftSettings {
  /** Samples per frame, a power of two. */
  nFft: number
  /** Samples between frames. */
  hopLength: number
}

/** How the current estimate is made; the UI and `scw estimate` edit these. */
export interface EstimateSettings {
  variant: EstimatorVariant
  /** At most this many recordings (or segments) per device; null: all. */
  maxPerDevice: number | null
  seed: number
  regularization: Regularization
}

/** Everything a project remembers besides its sources and recordings. */
export interface ProjectSettings {
  stft: StftSettings
  /** Rate in Hz every recording is analysed at (recordings at other rates are resampled). */
  analysisSampleRate: number
  /** The device every other device is corrected towards; null until chosen. */
  referenceDevice: string | null
  estimate: EstimateSettings
  /** Id of the estimate the project currently uses, if any. */
  currentEstimateId: number | null
}

export const DEFAULT_SETTINGS: ProjectSettings = {
  stft: { nFft: 2048, hopLength: 512 },
  analysisSampleRate: 44100,
  referenceDevice: null,
  estimate: { variant: 'unaligned', maxPerDevice: null, seed: 0, regularization: {} },
  currentEstimateId: null,
}

export { DEFAULT_FIR_TAPS } from '../dsp/firls'

/** The band, Hz, in which a FIR's realised response must follow its target (UI and `scw plot fir`). */
export const FIR_CHECK_BAND_HZ: readonly [number, number] = [100, 10_000]
