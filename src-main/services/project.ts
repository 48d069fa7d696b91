// A project: one SQLite file holding sources, recordings, summaries, estimates, jobs, settings.
import { resolve } from 'node:path'
import type { ProjectSettings } from '@shared/model/project'
import { openDatabase, type Db } from '../db/connection'
import { markInterruptedJobs } from '../db/jobs-repo'
import type { AnalysisKey } from '../db/recordings-repo'
import { clearSettings, readSettings, writeSettings } from '../db/settings-repo'
import { nativeBindingPath } from '../fs/native-binding'
import { isAlive } from '../fs/owner'

/** An open project. Services take it as their first argument. */
export interface Project {
  readonly path: string
  readonly db: Db
  settings(): ProjectSettings
  updateSettings(patch: Partial<ProjectSettings>): ProjectSettings
  /** Forgets stored settings, so their defaults apply again. */
  resetSettings(keys: readonly (keyof ProjectSettings)[]): ProjectSettings
  /** The summary key of the current STFT settings and analysis rate. */
  analysisKey(): AnalysisKey
  close(): void
}

/**
 * Opens a project file; `create` makes a new one when missing. Jobs left running by a process
 * that is gone are marked interrupted so they can be resumed (those of a process still running
 * stay as they are).
 */
export function openProject(
  path: string,
  options: { create?: boolean; readonly?: boolean } = {},
): Project {
  const abs = resolve(path)
  const db = openDatabase(abs, { create: options.create, nativeBinding: nativeBindingPath() })
  if (!options.readonly) markInterruptedJobs(db, isAlive)
  let cached: ProjectSettings | undefined
  return {
    path: abs,
    db,
    settings: () => (cached ??= readSettings(db)),
    updateSettings(patch) {
      writeSettings(db, patch)
      cached = undefined
      return this.settings()
    },
    resetSettings(keys) {
      clearSettings(db, keys)
      cached = undefined
      return this.settings()
    },
    analysisKey() {
      const s = this.settings()
      return { nFft: s.stft.nFft, hopLength: s.stft.hopLength, sampleRate: s.analysisSampleRate }
    },
    close: () => db.close(),
  }
}
