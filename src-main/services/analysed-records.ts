// The estimators' input with each recording's own sample rate, which decides the bins it covers
// (coverage.ts): what valid bands, device spectra and the label audit are computed on.
import type { SummaryRecord } from '@shared/dsp/estimate'
import { listRecordings } from '../db/recordings-repo'
import { loadSummaryRecords } from '../db/summaries-repo'
import type { Project } from './project'

/** Labelled recordings with a valid, non-silent summary, each with its native rate (Hz). */
export function analysedRecords(project: Project): SummaryRecord[] {
  const key = project.analysisKey()
  const rates = new Map(listRecordings(project.db, key).map((r) => [r.id, r.sampleRate]))
  return loadSummaryRecords(project.db, key).map((r) => ({
    ...r,
    sampleRate: rates.get(r.id) ?? undefined,
  }))
}
