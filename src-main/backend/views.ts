// Conversions from services' results to the contract's JSON views.
import { basename, extname } from 'node:path'
import type {
  EstimateView,
  EvaluationView,
  ProjectView,
  RecordingRow,
  SourceView,
} from '@shared/api/views'
import { describeLabelRule } from '@shared/labels'
import type { Recording, Source } from '@shared/model/recording'
import { amplitudeToDb } from '@shared/dsp/units'
import { estimateProvenance } from '../services/estimate-json'
import type { EstimateResult } from '../services/estimation'
import { evaluate } from '../services/evaluation'
import { projectOverview } from '../services/overview'
import type { Project } from '../services/project'
import { recordingsRevision } from '../services/revision'

/** Gains beyond ±20 dB are flagged in the Correction view. */
const WARN_DB = 20

const toDb = (gain: number): number => amplitudeToDb(gain)

export function sourceView(s: Source): SourceView {
  return { ...s, labelRuleText: describeLabelRule(s.labelRule) }
}

export function projectView(project: Project): ProjectView {
  const { sources, counts, devices } = projectOverview(project)
  return {
    path: project.path,
    name: basename(project.path, extname(project.path)),
    settings: project.settings(),
    sources: sources.map(sourceView),
    counts,
    devices,
    recordingsRevision: recordingsRevision(project),
  }
}

export function recordingRow(r: Recording): RecordingRow {
  return {
    id: r.id,
    sourceId: r.sourceId,
    path: r.relativePath,
    device: r.device,
    scene: r.scene,
    group: r.group,
    status: r.status,
    analysis: r.analysis,
    error: r.error,
    durationSec: r.durationSec,
    sampleRate: r.sampleRate,
    channels: r.channels,
    format: r.container && r.sampleFormat ? `${r.container} ${r.sampleFormat}` : r.container,
    manualLabels: r.manualLabels,
    clippedSamples: r.clippedSamples,
    warnings: r.warnings,
  }
}

/** Runs of bins where |gain| exceeds WARN_DB, per device. */
function warnings(e: EstimateResult): EstimateView['warnings'] {
  const out: EstimateView['warnings'] = []
  for (const d of Object.values(e.devices)) {
    let start = -1
    let worst = 0
    const flush = (end: number): void => {
      if (start < 0) return
      out.push({
        device: d.device,
        fromHz: e.frequencies[start],
        toHz: e.frequencies[end],
        maxDb: worst,
      })
      start = -1
      worst = 0
    }
    d.coefficients.forEach((g, k) => {
      const db = toDb(g)
      if (Math.abs(db) > WARN_DB) {
        if (start < 0) start = k
        if (Math.abs(db) > Math.abs(worst)) worst = db
      } else flush(k - 1)
    })
    flush(d.coefficients.length - 1)
  }
  return out
}

export function estimateView(e: EstimateResult): EstimateView {
  return {
    id: e.id,
    ...estimateProvenance(e),
    frequencies: Array.from(e.frequencies),
    devices: Object.fromEntries(
      Object.values(e.devices).map((d) => [
        d.device,
        {
          coefficientsDb: Array.from(d.coefficients, toDb),
          recordings: d.recordings,
          segments: d.segments,
        },
      ]),
    ),
    missing: e.missing,
    warnings: warnings(e),
  }
}

/** The band of the paper's comparisons, Hz, unless the request gives one. */
export const DEFAULT_EVALUATION_BAND_HZ: [number, number] = [100, 10000]

/** The evaluation of `e` over `bandHz` as the Evaluate view (and `scw plot evaluate`) reads it. */
export function evaluationView(
  project: Project,
  e: EstimateResult,
  bandHz: [number, number] = DEFAULT_EVALUATION_BAND_HZ,
): EvaluationView {
  const r = evaluate(project, e, bandHz)
  return {
    bandHz: r.bandHz,
    reference: e.reference,
    estimateId: e.id,
    frequencies: Array.from(e.frequencies),
    devices: r.devices.map((d) => ({
      device: d.device,
      rmsDbBefore: d.rmsDbBefore,
      rmsDbAfter: d.rmsDbAfter,
      spectrumDbBefore: Array.from(d.spectrumDbBefore),
      spectrumDbAfter: Array.from(d.spectrumDbAfter),
    })),
    classifier: r.classifier,
  }
}
