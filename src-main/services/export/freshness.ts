// Before an export reads any audio: files changed since indexing are probed again, what is not
// analysed is analysed (as `scw estimate` does), and an estimate that predates newer summaries
// is made again with the project's settings, so an export never corrects with a partial or
// stale estimate.
import { join } from 'node:path'
import type { ExportPreparation } from '@shared/model/export'
import type { JobProgress } from '@shared/model/job'
import { exportCandidates } from '../../db/recordings-repo'
import { analyzeProject } from '../analysis'
import { currentEstimate, estimate, type EstimateResult } from '../estimation'
import type { Project } from '../project'
import { withProjectReference } from '../reference'
import { refreshChangedFiles } from '../refresh'

export interface FreshState {
  estimate: EstimateResult
  preparation: ExportPreparation
  cancelled: boolean
}

/**
 * Brings the project up to date for an export. Throws (changing nothing) when no reference
 * device is chosen; returns `cancelled` when the analysis was cancelled.
 */
export async function freshEstimateForExport(
  project: Project,
  options: {
    workers?: number
    signal?: AbortSignal
    onProgress?: (p: JobProgress) => void
  },
): Promise<FreshState> {
  const request = withProjectReference(project)
  const files = exportCandidates(project.db).map((c) => ({
    id: c.id,
    path: join(c.root, c.relativePath),
    size: c.size,
    mtimeMs: c.mtimeMs,
  }))
  const reprobed = await refreshChangedFiles(project, files, options.signal)
  const analysis = await analyzeProject(project, options)
  const before = currentEstimate(project)
  const preparation: ExportPreparation = {
    reprobed,
    analysed: analysis.analysed + analysis.silent,
    analysisFailed: analysis.failed,
    estimateId: before?.id ?? 0,
    replacedEstimateId: null,
  }
  if (analysis.cancelled) {
    return { estimate: before!, preparation, cancelled: true }
  }
  // Reused when nothing changed: the same settings and summaries give the same estimate.
  const est = estimate(project, request)
  preparation.estimateId = est.id
  if (before && before.id !== est.id) preparation.replacedEstimateId = before.id
  return { estimate: est, preparation, cancelled: false }
}
