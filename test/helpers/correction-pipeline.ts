// Analysis and correction of a generated corpus in process, as `scw analyze` and `scw export`
// do them but without files: mono mixdown → resample to the analysis rate → summary; and a
// correction at the recording's own rate → quantisation to its bit depth → summary of the output.
import type { SummaryRecord } from '@shared/dsp/estimate'
import { applyFirCentered } from '@shared/dsp/fir-filter'
import { resample } from '@shared/dsp/resample'
import { correctStft } from '@shared/dsp/stft-correct'
import { signalMean, summarize } from '@shared/dsp/summary'
import { quantize, type CorpusRecording } from './device-corpus'

/** The project's STFT settings: analysis rate (Hz), frame and hop (samples). */
export interface AnalysisSettings {
  sampleRate: number
  nFft: number
  hopLength: number
}

/** A correction for one recording at its own rate: FIR taps, or STFT gains (nFft/2+1). */
export type RecordingCorrection =
  { method: 'fir'; h: ArrayLike<number> } | { method: 'stft'; gains: ArrayLike<number> }

/** Mean of the channels (the analysis mixdown). */
export function mixdown(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]
  const out = new Float32Array(channels[0].length)
  for (const c of channels) for (let i = 0; i < out.length; i++) out[i] += c[i]
  for (let i = 0; i < out.length; i++) out[i] /= channels.length
  return out
}

/** The summary record of a mono signal made at `nativeRate`, as analysis computes it. */
export function analyseMono(
  rec: Omit<CorpusRecording, 'channels'>,
  mono: Float32Array,
  settings: AnalysisSettings,
): SummaryRecord {
  const y =
    rec.sampleRate === settings.sampleRate
      ? mono
      : resample(mono, rec.sampleRate, settings.sampleRate)
  const s = summarize(y, settings)
  return { id: rec.id, device: rec.device, group: rec.group, sampleRate: rec.sampleRate, ...s }
}

/** Summary records of every recording of a corpus. */
export function analyseRecordings(
  recordings: readonly CorpusRecording[],
  settings: AnalysisSettings,
): SummaryRecord[] {
  return recordings.map((r) => analyseMono(r, mixdown(r.channels), settings))
}

/**
 * The corrected output of one recording, mixed down: each channel corrected with its own mean
 * removed (as export does), quantised to the recording's bit depth (samples beyond full scale are
 * clamped and counted), then averaged. Correcting the mixdown instead would be equal by linearity
 * up to rounding; this follows the files.
 */
export function correctRecording(
  rec: CorpusRecording,
  correction: RecordingCorrection,
  settings: Pick<AnalysisSettings, 'nFft' | 'hopLength'>,
): { mono: Float32Array; clippedSamples: number } {
  let clippedSamples = 0
  const channels = rec.channels.map((x) => {
    const mean = signalMean(x)
    const y =
      correction.method === 'fir'
        ? applyFirCentered(x, correction.h, mean)
        : correctStft(x, correction.gains, settings, mean)
    for (const v of y) if (Math.abs(v) >= 1) clippedSamples++
    return quantize(y, rec.bits)
  })
  return { mono: mixdown(channels), clippedSamples }
}
