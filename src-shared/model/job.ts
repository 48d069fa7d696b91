/** Live progress of a long job (analysis, export, scan). */
export interface JobProgress {
  jobId: number | null
  kind: 'scan' | 'analyze' | 'export' | 'measure'
  /** Files finished (including failed ones). */
  done: number
  failed: number
  total: number
  /** Seconds of audio finished and in all. */
  seconds: number
  totalSeconds: number
  /** Seconds of audio per second of wall time (×real time). */
  rate: number
  /** Files finished per second of wall time (the rate of scans, which read no audio). */
  filesPerSec: number
  /** Files counted as done without work: a rescan's unchanged files. */
  skipped: number
  /** 'walking': files are being found, `done` counts them and the total is not known yet. */
  phase: 'walking' | null
  /** Estimated seconds left; null until enough is done for the estimate to mean something. */
  etaSec: number | null
  /** File most recently finished. */
  current: string | null
}
