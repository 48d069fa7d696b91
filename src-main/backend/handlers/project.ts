// project.*: opening, creating and the settings of the open project.
import { setAnalysisRate } from '../../services/analysis-rate'
import { setReference } from '../../services/reference'
import { BackendError } from '../types'
import { projectView } from '../views'
import { startAnalysis } from './analysis'
import type { HandlersOf } from './handler'

export const projectHandlers: HandlersOf<'project'> = {
  'project.open': async (ctx, { path }) => projectView(await ctx.open(path, false)),
  'project.create': async (ctx, { path }) => projectView(await ctx.open(path, true)),
  'project.openDemo': async (ctx) => projectView(await ctx.openDemo()),
  'project.current': async (ctx) => (ctx.hasProject() ? projectView(ctx.project()) : null),
  'project.updateSettings': async (ctx, req) => {
    const project = ctx.project()
    const s = project.settings()
    const stft = { nFft: req.nFft ?? s.stft.nFft, hopLength: req.hopLength ?? s.stft.hopLength }
    if ((stft.nFft & (stft.nFft - 1)) !== 0)
      throw new BackendError('invalid-request', `nFft=${stft.nFft} must be a power of two`)
    const stftChanged = stft.nFft !== s.stft.nFft || stft.hopLength !== s.stft.hopLength
    if (stftChanged) project.updateSettings({ stft, currentEstimateId: null })
    // null: follow the corpus's own rate again.
    const rateChanged =
      req.analysisSampleRate !== undefined && setAnalysisRate(project, req.analysisSampleRate)
    if (stftChanged || rateChanged) startAnalysis(ctx)
    ctx.changed()
    return projectView(project)
  },
  'project.setReference': async (ctx, { device }) => {
    const project = ctx.project()
    setReference(project, device)
    ctx.changed()
    return projectView(project)
  },
}
