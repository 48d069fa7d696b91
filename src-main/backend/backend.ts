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
import { createDemoProject } from '../services/demo'
import { openProject, type Project } from '../services/project'
import { JobRunner } from '../jobs/runner'
import { handlers, type Context } from './handlers'
import { MediaSource } from './media'
import { RecentProjects } from './recent'
import { BackendError, type BackendApi, type MediaBody, type MediaRequest } from './types'
import { projectView } from './views'

export interface BackendOptions {
  transport: 'electron' | 'browser'
  /** Where recent-projects.json lives. */
  stateDir: string
  /** Folder of the demo corpus and project. */
  demoDir: string
  /** A project to open at start. */
  projectPath?: string
  /** Native dialogs (Electron); without them the UI asks for paths in text fields. */
  dialogs?: {
    pickPath(kind: 'project' | 'newProject' | 'folder', title?: string): Promise<string | null>
    reveal(path: string): Promise<boolean>
  }
}

export class Backend implements BackendApi {
  private project: Project | null = null
  private readonly events = new EventEmitter()
  private readonly jobs: JobRunner
  private readonly mediaSource = new MediaSource(() => this.project)
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
      if (e instanceof BackendError) throw e
      throw new BackendError('failed', (e as Error).message ?? String(e))
    }
  }

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.events.on(event, listener)
    return () => this.events.off(event, listener)
  }

  async media(request: MediaRequest): Promise<MediaBody | null> {
    return this.mediaSource.body(request)
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
      media: this.mediaSource,
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
      throw new BackendError('failed', `${abs} exists already; open it instead`)
    await this.jobs.cancelAll()
    const next = openProject(abs, { create })
    this.jobs.forgetFinished()
    this.project?.close()
    this.project = next
    this.mediaSource.clear()
    this.recent.add(abs)
    this.emit('project.changed', projectView(next))
    return next
  }

  async close(): Promise<void> {
    await this.jobs.cancelAll()
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
