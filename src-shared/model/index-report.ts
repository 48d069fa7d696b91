/** What indexing a folder did: the `scw index --json` result and the scan job's report. */
export interface IndexReport {
  sourceId: number
  root: string
  added: number
  updated: number
  unchanged: number
  /** Files gone since the last scan (marked missing, not dropped). */
  removed: number
  /** Files that cannot be read, and why. */
  errors: { path: string; error: string }[]
  /** Readable recordings per device label over the whole project ('' for unlabelled). */
  devices: Record<string, number>
  /** Files the rule gave no device, and why (first 20). */
  unlabelled: { path: string; error: string }[]
  filesPerSecond: number
  /**
   * The project's analysis rate after the scan (Hz): the corpus's most common native rate unless
   * the user chose one; `changed` when this scan moved it.
   */
  analysisRate?: { sampleRate: number; chosen: boolean; changed: boolean }
}
