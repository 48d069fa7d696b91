// The backend behind both transports: validates every request against the contract, runs it on
// the services, and reports long work as jobs. It knows nothing of Electron or HTTP.
import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { APP_NAME, APP_VERSION } from '@shared/app-info'
import type { Events, MethodName, Response } from '@shared/api/contract'
import { REQUESTS } from '@shared/api/schemas'
import { loadFft } from '@shared/dsp/fft'
import type { JobProgress } from '@shared/model/job'
import { JobRunner } from '../jobs/runner'
import { createDemoProject } from '../services/demo'
import { InvalidInputError, NotFoundError } from '../services/errors'
import { mediaOf } from '../services/media'
import { PreviewRenderer } from '../services/preview'
import { openProject, type Project } from '../services/project'
import type { Context } from './context'
import { handlers } from './handlers/all'
import { RecentProjects } from './recent'
import {
  BackendError,
  type BackendApi,
  type BackendOptions,
  type MediaBody,
  type MediaRequest,
} from './types'
import { projectView } from './views'

export type { BackendOptions }

/** A thrown value as a BackendError: services' own kinds keep their meaning. */
function backendErrorOf(e: unknown): BackendError {
  if (e instanceof BackendError) return e
  const message = e instanceof Error ? e.message : String(e)
  if (e instanceof NotFoundError) return new BackendError('not-found', message)
  if (e instanceof InvalidInputError) return new BackendError('invalid-request', message)
  return new BackendError('failed', message)
}

export class Backend implements BackendApi {
  private project: Project | null = null
  private readonly events = new EventEmitter()
  private readonly jobs: JobRunner
  private readonly previews = new PreviewRenderer()
  private readonly recent: RecentProjects

  constructor(readonly options: BackendOptions) {
    this.recent = new RecentProjects(options.stateDir)
    this.jobs = new JobRunner(
      (p: JobProgress) => this.emit('job.progress', p),
      (job) => {
        this.emit('job.finished', job)
        if (this.project) this.emit('project.changed', projectView(this.project))
      },
    )
    this.events.setMaxListeners(100)
  }

  async handle<M extends MethodName>(method: M, payload: unknown): Promise<Response<M>> {
    const schema = REQUESTS[method]
    if (!schema) throw new BackendError('invalid-request', `unknown method ${String(method)}`)
    const parsed = schema.safeParse(payload ?? {})
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (i) => `${i.path.join('.') || 'request'}: ${i.message}`,
      )
      throw new BackendError('invalid-request', `${method}: ${issues.join('; ')}`)
    }
    const handler = handlers[method] as (ctx: Context, request: unknown) => Promise<Response<M>>
    try {
      return await handler(this.context(), parsed.data)
    } catch (e) {
      throw backendErrorOf(e)
    }
  }

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.events.on(event, listener)
    return () => this.events.off(event, listener)
  }

  async media(request: MediaRequest): Promise<MediaBody | null> {
    if (!this.project) return null
    try {
      return await mediaOf(this.project, request, this.previews)
    } catch (e) {
      throw backendErrorOf(e)
    }
  }

  private emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    this.events.emit(event, payload)
  }

  private context(): Context {
    return {
      options: this.options,
      info: { name: APP_NAME, version: APP_VERSION },
      jobs: this.jobs,
      recent: this.recent,
      project: () => {
        if (!this.project) throw new BackendError('no-project', 'open or create a project first')
        return this.project
      },
      hasProject: () => this.project !== null,
      open: (path, create) => this.openProject(path, create),
      openDemo: async () => this.openProject(await createDemoProject(this.options.demoDir), false),
      changed: () => {
        if (this.project) this.emit('project.changed', projectView(this.project))
      },
    }
  }

  /** Switches to another project: running jobs are cancelled first. */
  async openProject(path: string, create: boolean): Promise<Project> {
    const abs = resolve(path)
    if (create && existsSync(abs))
      throw new BackendError('invalid-request', `${abs} exists already; open it instead`)
    await this.jobs.cancelAll()
    const next = openProject(abs, { create })
    this.jobs.forgetFinished()
    this.project?.close()
    this.project = next
    this.previews.clear()
    this.recent.add(abs)
    this.emit('project.changed', projectView(next))
    return next
  }

  async close(): Promise<void> {
    await this.jobs.cancelAll()
    await this.previews.close()
    this.project?.close()
    this.project = null
    this.events.removeAllListeners()
  }
}

/** A backend ready for requests (FFT loaded, the given project open). */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  await loadFft()
  const backend = new Backend(options)
  if (options.projectPath) await backend.openProject(options.projectPath, false)
  return backend
}
