// Recordings as the Recordings and Recording views show them.
import type { SummaryRecord } from '@shared/dsp/estimate'
import type { Recording } from '@shared/model/recording'
import { getRecording, groupSiblings, listRecordings } from '../db/recordings-repo'
import { getSummaryRecord } from '../db/summaries-repo'
import { NotFoundError } from './errors'
import { currentEstimate } from './estimation'
import type { Project } from './project'

/** Every recording with its analysis state at the project's settings, by source and path. */
export function recordingsOf(project: Project): Recording[] {
  return listRecordings(project.db, project.analysisKey())
}

/** One recording, the same moment by other devices, its summary, and whether it can be corrected. */
export interface RecordingFacts {
  recording: Recording
  siblings: { id: number; device: string | null }[]
  summary: SummaryRecord | undefined
  correctable: boolean
}

export function recordingFacts(project: Project, id: number): RecordingFacts {
  const key = project.analysisKey()
  const recording = getRecording(project.db, key, id)
  if (!recording) throw new NotFoundError(`no recording with id ${id}`)
  const est = currentEstimate(project)
  return {
    recording,
    siblings: recording.group ? groupSiblings(project.db, recording.group, id) : [],
    summary: getSummaryRecord(project.db, key, id),
    correctable: !!(est && recording.device && est.devices[recording.device]),
  }
}
