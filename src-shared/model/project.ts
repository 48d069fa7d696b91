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
  /** Leave digitally silent frames out of every mean (off by default; see signal checks). */
  frameGating: boolean
}

/** Everything a project remembers besides its sources and recordings. */
export interface ProjectSettings {
  stft: StftSettings
  /**
   * Rate in Hz every recording is analysed at (recordings at other rates are resampled): the one
   * the user chose, else the corpus's own (`corpusSampleRate`), else 44,100.
   */
  analysisSampleRate: number
  /** True when the user chose `analysisSampleRate`; false while it follows the corpus. */
  analysisSampleRateChosen: boolean
  /**
   * The most common native rate among the indexed, readable recordings (ties: the higher),
   * refreshed by every scan; null before the first.
   */
  corpusSampleRate: number | null
  /** The device every other device is corrected towards; null until chosen. */
  referenceDevice: string | null
  estimate: EstimateSettings
  /** Id of the estimate the project currently uses, if any. */
  currentEstimateId: number | null
}

export const DEFAULT_SETTINGS: ProjectSettings = {
  stft: { nFft: 2048, hopLength: 512 },
  analysisSampleRate: 44100,
  analysisSampleRateChosen: false,
  corpusSampleRate: null,
  referenceDevice: null,
  estimate: {
    variant: 'unaligned',
    maxPerDevice: null,
    seed: 0,
    regularization: {},
    frameGating: false,
  },
  currentEstimateId: null,
}

export { DEFAULT_FIR_TAPS } from '../dsp/firls'

/** The band, Hz, in which a FIR's realised response must follow its target (UI and `scw plot fir`). */
export const FIR_CHECK_BAND_HZ: readonly [number, number] = [100, 10_000]
