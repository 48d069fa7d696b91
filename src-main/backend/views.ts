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
import { appliedCurve } from '@shared/dsp/correction-policy'
import { contextOf } from '../services/correction-plan'
import { estimateProvenance } from '../services/estimate-json'
import type { EstimateResult } from '../services/estimation'
import { evaluate } from '../services/evaluation'
import { projectOverview } from '../services/overview'
import type { Project } from '../services/project'
import { recordingsRevision } from '../services/revision'
import { gatingEffect } from '../services/signal-checks'

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

/** The estimate as the Correction view shows it, with each device's valid band and gating. */
export function estimateView(project: Project, e: EstimateResult): EstimateView {
  const ctx = contextOf(project, e)
  const validBands: EstimateView['validBands'] = {}
  for (const d of Object.values(e.devices)) {
    const band = ctx.band(d.device)
    const bandHz = band?.bandHz ?? null
    const applied =
      d.device === e.reference
        ? d.coefficients
        : appliedCurve(d.coefficients, e.frequencies, bandHz)
    validBands[d.device] = {
      bandHz,
      limits: band?.limits ?? null,
      appliedDb: Array.from(applied, toDb),
    }
  }
  return {
    validBands,
    gating: gatingEffect(project, e),
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

/**
 * The evaluation of `e` as the Evaluate view (and `scw plot evaluate`) reads it: held out, with
 * the correction export would realise (the policy's, or the method, taps or paper's FIR asked
 * for), over `bandHz` (default 100 Hz–10 kHz).
 */
export function evaluationView(
  project: Project,
  e: EstimateResult,
  options: {
    bandHz?: [number, number]
    method?: 'fir' | 'stft'
    taps?: number
    paperExact?: boolean
  } = {},
): EvaluationView {
  const { bandHz, method, taps, paperExact } = options
  const r = evaluate(project, e, { bandHz, choice: { method, taps, paperExact } })
  return {
    bandHz: r.bandHz,
    reference: e.reference,
    estimateId: e.id,
    frequencies: Array.from(e.frequencies),
    method: method ?? null,
    taps: taps ?? null,
    paperExact: paperExact ?? false,
    split: r.split,
    devices: r.devices.map((d) => ({
      device: d.device,
      bandHz: d.bandHz,
      rmsDbBefore: d.beforeDb,
      rmsDbAfter: d.afterDb,
      trainRecordings: d.trainRecordings,
      testRecordings: d.testRecordings,
      correction: d.correction,
      spectrumDbBefore: Array.from(d.spectrumDbBefore),
      spectrumDbAfter: Array.from(d.spectrumDbAfter),
      note: d.note,
    })),
    classifier: r.classifier,
    warnings: r.warnings,
  }
}
