// analysis.*: summaries of what is not analysed yet, as a job.
import { analysisCountsOf, analyzeProject } from '../../services/analysis'
import type { Context } from '../context'
import type { HandlersOf } from './handler'

/** Starts analysis of what is pending, unless one runs or nothing is pending. */
export function startAnalysis(ctx: Context, retryFailed = false): number | null {
  const project = ctx.project()
  const running = ctx.jobs.running('analyze')
  if (running) return running.id
  if (analysisCountsOf(project).pending === 0 && !retryFailed) return null
  return ctx.jobs.start('analyze', (signal, onProgress) =>
    analyzeProject(project, { signal, onProgress, retryFailed }),
  )
}

export const analysisHandlers: HandlersOf<'analysis'> = {
  'analysis.start': async (ctx, { retryFailed }) => ({ jobId: startAnalysis(ctx, retryFailed) }),
}
