// The report of an export job (src-main/services/export.ts ExportReport), as JobView.report.

export interface ExportReport {
  jobId: number
  outDir: string
  written: number
  /** Files already exported by an earlier run with the same settings. */
  skipped: number
  failed: { path: string; error: string }[]
  clippedFiles: number
  clippedSamples: number
  /** Seconds of audio written by this run. */
  seconds: number
  gainDb: number
  wallSeconds: number
  cancelled: boolean
  /** Recordings not exported and why. */
  excluded: { device: string; count: number; reason: string }[]
}

/** `report` as an ExportReport, or null when it is not one. */
export function exportReportOf(report: unknown): ExportReport | null {
  const r = report as Partial<ExportReport> | null
  if (!r || typeof r !== 'object' || typeof r.written !== 'number' || typeof r.outDir !== 'string')
    return null
  return {
    skipped: 0,
    failed: [],
    clippedFiles: 0,
    clippedSamples: 0,
    seconds: 0,
    gainDb: 0,
    wallSeconds: 0,
    cancelled: false,
    excluded: [],
    ...r,
  } as ExportReport
}
