// Long work in main (scans, analysis, exports): live progress per job and the final reports, fed
// by `job.progress` and `job.finished`. This store also owns the other event subscriptions:
// `project.changed` refreshes the project store, and a reconnected socket reloads both.
import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import type { JobView } from '@shared/api/views'
import type { JobProgress } from '@shared/model/job'
import { api, type ConnectionState } from '../api'
import { useProjectStore } from './project'

export type JobKind = JobView['kind']

export const useJobsStore = defineStore('jobs', () => {
  const project = useProjectStore()
  /** Every job seen in this session, by id; replaced whole on each change. */
  const jobs = shallowRef<Readonly<Record<number, JobView>>>({})
  let unsubscribe: (() => void) | null = null

  const all = computed(() => Object.values(jobs.value).sort((a, b) => b.id - a.id))
  const running = computed(() => all.value.filter((j) => j.status === 'running'))
  const finished = computed(() => all.value.filter((j) => j.status !== 'running'))

  function put(job: JobView): void {
    jobs.value = { ...jobs.value, [job.id]: job }
  }

  function onProgress(p: JobProgress): void {
    if (p.jobId === null) return
    const known = jobs.value[p.jobId]
    if (known && known.status !== 'running') return // a late event after job.finished
    put({
      id: p.jobId,
      // The first pass of an export with gain 'auto' measures peaks: still the export's progress.
      kind: p.kind === 'measure' ? 'export' : p.kind,
      status: 'running',
      createdAt: known?.createdAt ?? new Date().toISOString(),
      progress: p,
      report: null,
      error: null,
    })
  }

  function onFinished(job: JobView): void {
    put(job)
  }

  /** Subscribes to main's events (once) and loads the jobs main knows of. */
  async function init(): Promise<void> {
    if (!unsubscribe) {
      let last: ConnectionState | null = null
      const offs = [
        api.on('job.progress', onProgress),
        api.on('job.finished', onFinished),
        api.on('project.changed', (view) => project.apply(view)),
        api.onConnection((state) => {
          // Events were missed while the socket was down: catch up.
          if (state === 'open' && last === 'lost') void refresh().catch(() => {})
          last = state
        }),
      ]
      unsubscribe = () => offs.forEach((off) => off())
    }
    await loadList()
  }

  function dispose(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  async function loadList(): Promise<void> {
    const list = await api.call('jobs.list')
    jobs.value = { ...jobs.value, ...Object.fromEntries(list.map((j) => [j.id, j])) }
  }

  // Jobs belong to the project they ran on: another project starts from main's (fresh) list.
  watch(
    () => project.path,
    (path, before) => {
      if (before === undefined || path === before) return
      jobs.value = {}
      void loadList().catch(() => {})
    },
  )

  async function refresh(): Promise<void> {
    await Promise.all([loadList(), project.loadCurrent()])
  }

  /** Shows a job main has just started, before its first progress event. */
  function track(jobId: number, kind: JobKind): void {
    if (jobs.value[jobId]) return
    put({
      id: jobId,
      kind,
      status: 'running',
      createdAt: new Date().toISOString(),
      progress: null,
      report: null,
      error: null,
    })
  }

  function job(jobId: number | null): JobView | null {
    return jobId === null ? null : (jobs.value[jobId] ?? null)
  }

  async function cancel(jobId: number): Promise<boolean> {
    const { cancelled } = await api.call('jobs.cancel', { jobId })
    return cancelled
  }

  return {
    jobs,
    all,
    running,
    finished,
    init,
    dispose,
    loadList,
    refresh,
    track,
    job,
    cancel,
  }
})
