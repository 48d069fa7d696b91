// What a correction realises, per device and per sample rate of its files: the numbers every
// export reports (CLI, --json, scw-export.json, the Export view) and Evaluate scores.
import type { BandLimit } from '../dsp/valid-band'

/** How one device's files at one sample rate are corrected, and what that filter realises. */
export interface RateCorrection {
  /** Hz. */
  sampleRate: number
  /** The device's files at this rate (in the export, or analysed). */
  files: number
  /** 'refused': no correction meets the policy; see `reasons` and `overrides`. */
  kind: 'fir' | 'stft' | 'refused'
  /** FIR length and design ('fir' only). */
  taps: number | null
  design: 'paper-exact' | 'relative-ls' | 'ls' | 'identity' | null
  /** The band the errors and distances are measured over at this rate (Hz), or null. */
  bandHz: [number, number] | null
  /**
   * The realised FIR's error against its target over `bandHz` (dB RMS and largest, and where);
   * null for the STFT path, whose gains are the target at every bin.
   */
  errorRmsDb: number | null
  errorMaxDb: number | null
  errorMaxAtHz: number | null
  /**
   * Predicted RMS distance (dB) of the device's mean log spectrum from the reference's over
   * `bandHz`, before correction and after this rate's correction applied to all its files.
   */
  beforeDb: number | null
  afterDb: number | null
  /** Why this correction, and any warning (e.g. a user's choice predicted to make it worse). */
  reasons: string[]
  /** For a refusal: the flags that override it. */
  overrides: string[]
}

/** One device's correction: its valid band, the predicted distance, and each rate's filter. */
export interface DeviceCorrection {
  device: string
  /** True for the reference device (its correction is the identity). */
  reference: boolean
  /** Where the device and the reference both carry signal (Hz), and what limits each edge. */
  bandHz: [number, number] | null
  bandLimits: [BandLimit, BandLimit] | null
  /**
   * Predicted distance (dB RMS over `bandHz`) of the device's mean log spectrum from the
   * reference's, before and after correction of all its files, each at its own rate.
   */
  beforeDb: number | null
  afterDb: number | null
  rates: RateCorrection[]
}

/** How the correction is chosen: omitted fields are the policy's choice. */
export interface CorrectionChoice {
  /** 'fir' or 'stft'; absent: a FIR where one meets the policy, else the STFT path. */
  method?: 'fir' | 'stft'
  /** FIR length (odd); absent: the policy's (1025 up to 8193 taps). */
  taps?: number
  /** The paper's exact FIR (firls over every bin, equal weights, raw coefficients, no checks). */
  paperExact?: boolean
}
