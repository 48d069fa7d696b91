// jobs.*: the jobs of this session, and cancelling one.
import type { HandlersOf } from './handler'

export const jobsHandlers: HandlersOf<'jobs'> = {
  'jobs.list': async (ctx) => ctx.jobs.list(),
  'jobs.cancel': async (ctx, { jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
}
