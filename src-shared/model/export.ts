import type { DeviceCorrection } from './correction'

/** What an export run did: the `scw export --json` summary and the export job's report. */
export interface ExportReport {
  /** Id of the export job in the project (resumable with the same settings). */
  jobId: number
  outDir: string
  written: number
  /** Files already exported by an earlier run of this job. */
  skipped: number
  failed: { path: string; error: string }[]
  clippedFiles: number
  clippedSamples: number
  /** Seconds of audio written by this run. */
  seconds: number
  /** Gain applied after correction, dB. */
  gainDb: number
  wallSeconds: number
  cancelled: boolean
  /** Recordings not exported and why (no label, device not chosen, no coefficients). */
  excluded: { device: string; count: number; reason: string }[]
  /**
   * Per device and sample rate, the correction applied and what it realises: the filter's error
   * against its target and the predicted distance to the reference before and after.
   */
  corrections: DeviceCorrection[]
}
