// export.*: the corrected corpus, as a job.
import { checkExportFolder, exportCorpus } from '../../services/export/export-corpus'
import { BackendError } from '../types'
import { estimateOrCompute } from './estimate'
import type { HandlersOf } from './handler'

export const exportHandlers: HandlersOf<'export'> = {
  'export.start': async (ctx, req) => {
    if (ctx.jobs.running('export'))
      throw new BackendError('invalid-request', 'an export is running; wait for it or cancel it')
    const project = ctx.project()
    await checkExportFolder(project, req.outDir)
    estimateOrCompute(ctx)
    return {
      jobId: ctx.jobs.start('export', (signal, onProgress) =>
        exportCorpus(project, req.outDir, { ...req, signal, onProgress }),
      ),
    }
  },
}
