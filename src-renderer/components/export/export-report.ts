// The report of an export job, as JobView.report.
import { emptyExportReport, type ExportReport } from '@shared/model/export'

export type { ExportReport }

/** `report` as an ExportReport, or null when it is not one. */
export function exportReportOf(report: unknown): ExportReport | null {
  const r = report as Partial<ExportReport> | null
  if (!r || typeof r !== 'object' || typeof r.written !== 'number' || typeof r.outDir !== 'string')
    return null
  return { ...emptyExportReport(0, r.outDir), ...r } as ExportReport
}
