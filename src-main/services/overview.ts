// What the Projects view and every transport's `project.changed` show of an open project.
import type { ProjectCounts } from '@shared/api/views'
import type { Source } from '@shared/model/recording'
import { labelledDevices, recordingTotals } from '../db/recordings-repo'
import { listSources } from '../db/sources-repo'
import { analysisCountsOf } from './analysis'
import type { Project } from './project'
import { memoByRevision } from './revision'

export interface ProjectOverview {
  sources: Source[]
  counts: ProjectCounts
  devices: string[]
}

/** Counted once per recordings revision: every `project.changed` carries it. */
export function projectOverview(project: Project): ProjectOverview {
  return memoByRevision(project, 'overview', () => countOverview(project))
}

function countOverview(project: Project): ProjectOverview {
  const analysis = analysisCountsOf(project)
  const totals = recordingTotals(project.db)
  const devices = labelledDevices(project.db)
  return {
    sources: listSources(project.db),
    counts: {
      recordings: totals.ok,
      devices: devices.length,
      analysed: analysis.done,
      silent: analysis.silent,
      failed: analysis.failed,
      pending: analysis.pending,
      unreadable: analysis.unreadable,
      missing: totals.missing,
      seconds: totals.seconds,
    },
    devices,
  }
}
