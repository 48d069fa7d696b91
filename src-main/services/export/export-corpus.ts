// Export: a corrected copy of the corpus, resumable, atomic per file, never silent about clipping.
import { emptyExportReport, type ExportReport } from '@shared/model/export'
import { listSources } from '../../db/sources-repo'
import type { Project } from '../project'
import { freshEstimateForExport } from './freshness'
import { lockOutputFolder } from './guard'
import { checkOutputFolder, prepareOutputFolder } from './paths'
import { planExport, type ExportOptions } from './plan'
import { writeExport } from './write'

export type { ExportOptions, ExportReport }

/**
 * Checks and locks the output folder, brings the project up to date (files changed since
 * indexing, pending analysis, a stale estimate), plans the export and writes it.
 */
export async function exportCorpus(
  project: Project,
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportReport> {
  const sources = listSources(project.db)
  const out = await prepareOutputFolder(outDir, sources)
  const lock = await lockOutputFolder(project, out)
  try {
    const fresh = await freshEstimateForExport(project, options)
    if (fresh.cancelled) return cancelledBeforeWriting(out, fresh.preparation)
    const plan = await planExport(project, out, sources, fresh.estimate, options)
    return await writeExport(project, plan, options, fresh.preparation)
  } finally {
    await lock.release()
  }
}

/** Refuses an output folder in play with a source before any job starts (the app's check). */
export async function checkExportFolder(project: Project, outDir: string): Promise<void> {
  await checkOutputFolder(outDir, listSources(project.db))
}

function cancelledBeforeWriting(
  outDir: string,
  preparation: ExportReport['preparation'],
): ExportReport {
  return { ...emptyExportReport(0, outDir), cancelled: true, preparation }
}
