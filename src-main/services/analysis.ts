// Analysis: every readable recording without a valid summary goes through a worker thread once.
// Results are written as they arrive, so a cancelled or killed run resumes where it stopped.
import type { JobProgress } from '@shared/model/job'
import type { FileWarnings } from '@shared/model/warning'
import { createJob, setJobStatus } from '../db/jobs-repo'
import { writeTransaction } from '../db/connection'
import {
  analysisCounts,
  pendingRecordings,
  summaryWriter,
  type PendingRecording,
} from '../db/summaries-repo'
import { thisProcess } from '../fs/owner'
import { WorkerPool } from '../jobs/pool'
import { ProgressTracker } from '../jobs/progress'
import { isAbort, runAll } from '../jobs/run-all'
import type { AnalyzeResult, AnalyzeTask } from '../workers/analyze-file'
import type { Project } from './project'
import { refreshChangedFiles } from './refresh'
import { finiteOrFailed } from './summary-check'
import { inShard, type Shard } from './shard'

export interface AnalyzeOptions {
  workers?: number
  shard?: Shard
  retryFailed?: boolean
  signal?: AbortSignal
  onProgress?: (p: JobProgress) => void
  /** Where results go instead of the project database (cluster shards); default: the project. */
  sink?: (rec: PendingRecording, result: AnalyzeResult) => void
}

export interface AnalyzeReport {
  jobId: number | null
  analysed: number
  silent: number
  failed: { path: string; error: string }[]
  /** What reading each file analysed by this run worked around (files with warnings only). */
  warnings: FileWarnings[]
  skipped: number
  seconds: number
  wallSeconds: number
  cancelled: boolean
}

/** Recordings by analysis outcome at the project's current settings. */
export function analysisCountsOf(project: Project): ReturnType<typeof analysisCounts> {
  return analysisCounts(project.db, project.analysisKey())
}

/** Analyses what is not analysed yet at the project's settings. */
export async function analyzeProject(
  project: Project,
  options: AnalyzeOptions = {},
): Promise<AnalyzeReport> {
  const key = project.analysisKey()
  const listPending = (): { all: number; mine: PendingRecording[] } => {
    const all = pendingRecordings(project.db, key, { retryFailed: options.retryFailed })
    const shard = options.shard
    return {
      all: all.length,
      mine: shard ? all.filter((r) => inShard(r.relativePath, shard)) : all,
    }
  }
  let listed = listPending()
  // Files changed since indexing are probed again first (a rescan of just them).
  if ((await refreshChangedFiles(project, listed.mine, options.signal)).length)
    listed = listPending()
  const pending = listed.mine
  const before = listed.all
  const started = performance.now()
  const report: AnalyzeReport = {
    jobId: null,
    analysed: 0,
    silent: 0,
    failed: [],
    warnings: [],
    skipped: before - pending.length,
    seconds: 0,
    wallSeconds: 0,
    cancelled: false,
  }
  if (pending.length === 0) return report
  const jobId = options.sink
    ? null
    : createJob(project.db, 'analyze', { key, shard: options.shard ?? null }, thisProcess())
  report.jobId = jobId
  const progress = new ProgressTracker(
    {
      jobId,
      kind: 'analyze',
      total: pending.length,
      totalSeconds: pending.reduce((s, r) => s + (r.durationSec ?? 0), 0),
    },
    options.onProgress,
  )
  const write = options.sink ?? batchedWriter(project, key)
  const pool = new WorkerPool<AnalyzeTask, AnalyzeResult>('analyze', options.workers)
  try {
    await runAll(pending, pool.threads * 2, options.signal, async (rec) => {
      const raw = await pool.run(
        {
          path: rec.path,
          nFft: key.nFft,
          hopLength: key.hopLength,
          sampleRate: key.sampleRate,
          expected: { size: rec.size, mtimeMs: rec.mtimeMs },
        },
        options.signal,
      )
      const result = finiteOrFailed(rec.path, raw)
      write(rec, result)
      if (result.warnings.length)
        report.warnings.push({ path: rec.path, warnings: result.warnings })
      if (result.status === 'failed')
        report.failed.push({ path: rec.path, error: result.error ?? '' })
      else if (result.status === 'silent') report.silent++
      else report.analysed++
      report.seconds += result.durationSec
      progress.tick(rec.relativePath, result.durationSec, result.status === 'failed')
    })
  } catch (e) {
    if (!isAbort(e)) {
      if (jobId !== null) setJobStatus(project.db, jobId, 'failed', { error: (e as Error).message })
      throw e
    }
    report.cancelled = true
  } finally {
    if (!options.sink) (write as BatchedWriter).flush()
    await pool.close()
  }
  progress.end()
  report.warnings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  report.wallSeconds = (performance.now() - started) / 1000
  if (jobId !== null)
    setJobStatus(project.db, jobId, report.cancelled ? 'cancelled' : 'done', { summary: report })
  return report
}

type BatchedWriter = ((rec: PendingRecording, result: AnalyzeResult) => void) & { flush(): void }

/** Writes results in small transactions (every 64 results or 250 ms). */
function batchedWriter(project: Project, key: ReturnType<Project['analysisKey']>): BatchedWriter {
  const put = summaryWriter(project.db, key)
  let queue: [PendingRecording, AnalyzeResult][] = []
  let last = performance.now()
  const flush = (): void => {
    if (queue.length === 0) return
    const batch = queue
    queue = []
    last = performance.now()
    writeTransaction(project.db, () => {
      for (const [rec, r] of batch) put(rec, r)
    })
  }
  const write = (rec: PendingRecording, result: AnalyzeResult): void => {
    queue.push([rec, result])
    if (queue.length >= 64 || performance.now() - last > 250) flush()
  }
  return Object.assign(write, { flush })
}
