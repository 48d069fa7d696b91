// recordings.* and devices.*: the indexed recordings, one recording in detail, bulk relabelling,
// the per-device overview and the label audit.
import { fftFrequencies } from '@shared/dsp/stft-options'
import { logAmplitudeToDb } from '@shared/dsp/units'
import { devicesOverview } from '../../services/devices'
import { auditProject } from '../../services/label-audit'
import { recordingFacts, recordingsOf } from '../../services/recordings'
import { relabel } from '../../services/sources'
import { recordingRow } from '../views'
import type { HandlersOf } from './handler'

export const recordingsHandlers: HandlersOf<'recordings' | 'devices'> = {
  'recordings.list': async (ctx) => recordingsOf(ctx.project()).map(recordingRow),
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
