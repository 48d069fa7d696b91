// The estimators' input with each recording's own sample rate, which decides the bins it covers
// (coverage.ts): what valid bands, device spectra and the label audit are computed on.
import type { SummaryRecord } from '@shared/dsp/estimate'
import { loadSummaryRecords, type RecordOptions } from '../db/summaries-repo'
import type { Project } from './project'

/** Labelled recordings with a valid, non-silent summary, each with its native rate (Hz). */
export function analysedRecords(project: Project, options: RecordOptions = {}): SummaryRecord[] {
  return loadSummaryRecords(project.db, project.analysisKey(), options)
}
