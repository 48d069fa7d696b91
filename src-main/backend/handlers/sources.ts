// sources.*: dataset folders, their label rules, and scans as jobs.
import type { LabelRule } from '@shared/labels'
import { labelRuleOf } from '../../services/label-rules'
import {
  checkSourceFolder,
  indexFolder,
  previewLabels,
  setLabelRule,
  sourceOf,
} from '../../services/sources'
import type { Context } from '../context'
import { BackendError } from '../types'
import { sourceView } from '../views'
import { startAnalysis } from './analysis'
import type { HandlersOf } from './handler'

/** Scans `folder` as a job, then analyses what it found. */
function startScan(ctx: Context, folder: string, rule?: LabelRule): number {
  const project = ctx.project()
  if (ctx.jobs.running('scan'))
    throw new BackendError('invalid-request', 'a scan is running; wait for it or cancel it')
  return ctx.jobs.start(
    'scan',
    (signal, onProgress) => indexFolder(project, folder, { labels: rule, signal, onProgress }),
    () => startAnalysis(ctx),
  )
}

export const sourcesHandlers: HandlersOf<'sources'> = {
  'sources.preview': async (_ctx, { folder, rule }) =>
    previewLabels(folder, await labelRuleOf(rule, folder)),
  'sources.add': async (ctx, { folder, rule }) => {
    // Checked before the job starts, so that a mistake is answered as one.
    await checkSourceFolder(ctx.project(), folder)
    return { jobId: startScan(ctx, folder, rule ? await labelRuleOf(rule, folder) : undefined) }
  },
  'sources.rescan': async (ctx, { sourceId }) => ({
    jobId: startScan(ctx, sourceOf(ctx.project(), sourceId).root),
  }),
  'sources.setRule': async (ctx, { sourceId, rule }) => {
    const project = ctx.project()
    const source = sourceOf(project, sourceId)
    const updated = setLabelRule(project, sourceId, await labelRuleOf(rule, source.root))
    ctx.changed()
    return sourceView(updated)
  },
}
