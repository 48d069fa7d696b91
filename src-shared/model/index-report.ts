import type { FileWarnings } from './warning'

/** What indexing a folder did: the `scw index --json` result and the scan job's report. */
export interface IndexReport {
  sourceId: number
  root: string
  added: number
  updated: number
  unchanged: number
  /** Files gone since the last scan (marked missing, not dropped). */
  removed: number
  /** Files that cannot be read, and why (listed again by every rescan while they stay so). */
  errors: { path: string; error: string }[]
  /**
   * What the walk could not look into, and why: unreadable folders, dangling or looping links,
   * names that are not UTF-8.
   */
  skipped: { path: string; error: string }[]
  /** What the header probes worked around, per readable file of the source. */
  warnings: FileWarnings[]
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
