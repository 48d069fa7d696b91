// Commands that read summaries (irs, audit) analyse what is pending first, with the progress bar.
import { analyzeProject } from '../services/analysis'
import type { Project } from '../services/project'
import type { Io } from './command'
import { progressBar } from './progress-bar'

/** Analyses the recordings still pending; false when Ctrl-C cancelled it. */
export async function analysePending(project: Project, io: Io): Promise<boolean> {
  const analysis = await analyzeProject(project, {
    signal: io.signal,
    onProgress: progressBar(io.err),
  })
  return !analysis.cancelled
}
