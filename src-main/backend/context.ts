// What the handlers of contract methods may use: the open project, jobs, and the app's state.
import type { JobRunner } from '../jobs/runner'
import type { Project } from '../services/project'
import type { RecentProjects } from './recent'
import type { BackendOptions } from './types'

export interface Context {
  options: BackendOptions
  info: { name: string; version: string }
  jobs: JobRunner
  recent: RecentProjects
  project(): Project
  hasProject(): boolean
  open(path: string, create: boolean): Promise<Project>
  openDemo(): Promise<Project>
  /** Tells the renderer the project changed (counts, labels, settings). */
  changed(): void
}
