// Export: a corrected copy of the corpus, resumable, atomic per file, never silent about clipping.
import type { ExportReport } from '@shared/model/export'
import type { Project } from '../project'
import { planExport, type ExportOptions } from './plan'
import { writeExport } from './write'

export type { ExportOptions, ExportReport }

/** Plans the export (settings, recordings, job) and writes it. */
export async function exportCorpus(
  project: Project,
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportReport> {
  return writeExport(project, await planExport(project, outDir, options), options)
}
