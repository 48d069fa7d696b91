// recordings.* and devices.*: the indexed recordings, one recording in detail, bulk relabelling,
// the per-device overview and the label audit.
import { encodeRecordingColumns } from '@shared/api/recording-columns'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { logAmplitudeToDb } from '@shared/dsp/units'
import { devicesOverview } from '../../services/devices'
import { auditProject } from '../../services/label-audit'
import { recordingFacts, recordingsOf } from '../../services/recordings'
import { memoByRevision } from '../../services/revision'
import { relabel } from '../../services/sources'
import { recordingRow } from '../views'
import type { HandlersOf } from './handler'

export const recordingsHandlers: HandlersOf<'recordings' | 'devices'> = {
  'recordings.list': async (ctx) => recordingsOf(ctx.project()).map(recordingRow),
  // Encoded once per revision: a cold page, another window or a reload after an unrelated change
  // gets the table without another pass over the database.
  'recordings.table': async (ctx) => {
    const project = ctx.project()
    return memoByRevision(project, 'recordings.table', (revision) =>
      encodeRecordingColumns(recordingsOf(project).map(recordingRow), revision),
    )
  },
  'recordings.detail': async (ctx, { id }) => {
    const project = ctx.project()
    const { sampleRate, nFft } = project.analysisKey()
    const r = recordingFacts(project, id)
    return {
      recording: recordingRow(r.recording),
      siblings: r.siblings,
      correctable: r.correctable,
      spectrumDb: r.summary ? Array.from(r.summary.meanLogMagnitude, logAmplitudeToDb) : null,
      frequencies: Array.from(fftFrequencies({ sampleRate, nFft })),
    }
  },
  'recordings.relabel': async (ctx, { ids, patch }) => {
    const changed = relabel(ctx.project(), ids, patch)
    ctx.changed()
    return { changed }
  },
  'devices.overview': async (ctx) => devicesOverview(ctx.project()),
  'devices.audit': async (ctx) => auditProject(ctx.project()),
}
