import type { DeviceCorrection } from './correction'
import type { FileWarnings } from './warning'

/** What an export did before writing: files probed again, analysis, the estimate it used. */
export interface ExportPreparation {
  /** Files changed since indexing, probed again (and analysed again). */
  reprobed: { path: string; change: string; error: string | null }[]
  /** Recordings analysed first because they were pending. */
  analysed: number
  analysisFailed: { path: string; error: string }[]
  /** The estimate the export corrects with. */
  estimateId: number
  /** The project's previous estimate, when it predated newer summaries and was made again. */
  replacedEstimateId: number | null
}

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
  /** What reading each input worked around (every file of the job that has warnings). */
  warnings: FileWarnings[]
  preparation: ExportPreparation | null
  /** Why manifest.csv, scw-export.json or meta.csv could not be written, or null. */
  sidecarError: string | null
}

/** A report of nothing done yet (every count zero), to fill in. */
export function emptyExportReport(jobId: number, outDir: string): ExportReport {
  return {
    jobId,
    outDir,
    written: 0,
    skipped: 0,
    failed: [],
    clippedFiles: 0,
    clippedSamples: 0,
    seconds: 0,
    gainDb: 0,
    wallSeconds: 0,
    cancelled: false,
    excluded: [],
    corrections: [],
    warnings: [],
    preparation: null,
    sidecarError: null,
  }
}
