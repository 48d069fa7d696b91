// Long work (scans, analysis, exports) runs here off the request path: each job has an id,
// live progress and a final report, all pushed to the renderer as events.
import type { JobView } from '@shared/api/views'
import type { JobProgress } from '@shared/model/job'
import { isAbort } from './run-all'

type Kind = JobView['kind']

interface LiveJob {
  view: JobView
  controller: AbortController
}

export class JobRunner {
  private next = 1
  private readonly jobs = new Map<number, LiveJob>()

  constructor(
    private readonly emitProgress: (p: JobProgress) => void,
    private readonly emitFinished: (job: JobView) => void,
  ) {}

  /** The running job of a kind, if any. */
  running(kind: Kind): JobView | undefined {
    return [...this.jobs.values()].find((j) => j.view.kind === kind && j.view.status === 'running')
      ?.view
  }

  /**
   * Starts `work` as a job; `work` receives the abort signal and a progress callback and returns
   * the report. A report with `cancelled: true` ends the job as cancelled.
   */
  start<R>(
    kind: Kind,
    work: (signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<R>,
    after?: (report: R) => void,
  ): number {
    const id = this.next++
    const controller = new AbortController()
    const view: JobView = {
      id,
      kind,
      status: 'running',
      createdAt: new Date().toISOString(),
      progress: null,
      report: null,
      error: null,
    }
    this.jobs.set(id, { view, controller })
    const progress = (p: JobProgress): void => {
      view.progress = { ...p, jobId: id }
      this.emitProgress(view.progress)
    }
    void work(controller.signal, progress).then(
      (report) => {
        view.report = report
        view.status = (report as { cancelled?: boolean } | null)?.cancelled ? 'cancelled' : 'done'
        this.emitFinished({ ...view })
        after?.(report)
      },
      (e: unknown) => {
        view.status = isAbort(e) ? 'cancelled' : 'failed'
        view.error = isAbort(e) ? null : ((e as Error).message ?? String(e))
        this.emitFinished({ ...view })
      },
    )
    return id
  }

  cancel(id: number): boolean {
    const job = this.jobs.get(id)
    if (!job || job.view.status !== 'running') return false
    job.controller.abort()
    return true
  }

  /** Cancels every running job and waits until none runs (before switching projects). */
  async cancelAll(): Promise<void> {
    for (const job of this.jobs.values()) if (job.view.status === 'running') job.controller.abort()
    while ([...this.jobs.values()].some((j) => j.view.status === 'running')) {
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  /** Forgets finished jobs (another project was opened: they belong to the previous one). */
  forgetFinished(): void {
    for (const [id, job] of this.jobs) if (job.view.status !== 'running') this.jobs.delete(id)
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((j) => ({ ...j.view })).reverse()
  }
}
