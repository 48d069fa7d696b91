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
  /** Estimated seconds left, null until measurable. */
  etaSec: number | null
  /** File most recently finished. */
  current: string | null
}
