// Estimation reduces stored summaries (no audio is read): milliseconds even for large corpora.
import { InvalidInputError } from './errors'
import { createHash } from 'node:crypto'
import { APP_VERSION } from '@shared/app-info'
import { bootstrapBands, type ConfidenceBands } from '@shared/dsp/bootstrap'
import { estimateFromAggregates, mostRecordedDevice } from '@shared/dsp/aggregates'
import {
  estimateCorrection,
  type CorrectionEstimate,
  type EstimatorVariant,
  type SummaryRecord,
} from '@shared/dsp/estimate'
import { isIdentityRegularization, regularize, type Regularization } from '@shared/dsp/regularize'
import { fftFrequencies } from '@shared/dsp/stft-options'
import type { EstimateSettings } from '@shared/model/project'
import {
  findEstimateByFingerprint,
  getEstimate,
  insertEstimate,
  type StoredEstimate,
} from '../db/estimates-repo'
import { analysedRecords } from './analysed-records'
import { lowestInputRate } from '../db/summaries-repo'
import { streamedDcase2019, summaryAggregates } from './aggregates'
import { dropNonFiniteDevices } from './estimate-check'
import type { Project } from './project'

export interface EstimateRequest {
  variant?: EstimatorVariant
  reference?: string
  maxPerDevice?: number | null
  seed?: number
  regularization?: Regularization
  frameGating?: boolean
}

/** A stored estimate with the frequency of every bin (Hz). */
export interface EstimateResult extends StoredEstimate {
  frequencies: Float64Array
}

/** The request with project settings filled in for what it leaves out. */
export function resolveRequest(
  project: Project,
  request: EstimateRequest,
  /** The default reference when neither the request nor the project names one. */
  mostRecorded: string | undefined,
): EstimateSettings & { reference: string } {
  const s = project.settings()
  const reference = request.reference ?? s.referenceDevice ?? mostRecorded
  if (reference === undefined)
    throw new InvalidInputError('no analysed recordings with a device label; run analysis first')
  return {
    variant: request.variant ?? s.estimate.variant,
    maxPerDevice:
      request.maxPerDevice === undefined ? s.estimate.maxPerDevice : request.maxPerDevice,
    seed: request.seed ?? s.estimate.seed,
    regularization: request.regularization ?? s.estimate.regularization,
    frameGating: request.frameGating ?? s.estimate.frameGating,
    reference,
  }
}

/**
 * Estimates coefficients for every device from the stored summaries, stores the estimate with its
 * provenance (reusing an identical earlier one), and makes it the project's current estimate
 * (unless `makeCurrent` is false: a figure of another reference leaves the project as it was).
 */
export function estimate(
  project: Project,
  request: EstimateRequest = {},
  options: { makeCurrent?: boolean } = {},
): EstimateResult {
  const key = project.analysisKey()
  const s = project.settings()
  const gated = request.frameGating ?? s.estimate.frameGating
  const summed = summaryAggregates(project)
  const { aggregates, facts } = summed
  if (aggregates.ids.length === 0) {
    throw new InvalidInputError(
      'no analysed recordings with a device label; index a folder and run analysis first',
    )
  }
  const settings = resolveRequest(project, request, mostRecordedDevice(aggregates))
  const fingerprint = fingerprintOf(project, settings, facts)
  let stored = findEstimateByFingerprint(project.db, fingerprint)
  if (!stored) {
    // The aggregates hold sums over whole, ungated spectra: exact when every recording covers
    // every bin (made at the analysis rate or above) and frames are not gated, the usual case.
    // Subsets, gating, and corpora with recordings at lower rates (each enters only the bins it
    // covers) take every recording's summary.
    const { variant, reference, maxPerDevice } = settings
    let records: SummaryRecord[] | undefined
    const direct = (): CorrectionEstimate =>
      estimateCorrection((records = analysedRecords(project, { gated })), {
        variant,
        reference,
        maxPerDevice: maxPerDevice ?? undefined,
        seed: settings.seed,
        sampleRate: key.sampleRate,
      })
    const low = lowestInputRate(project.db, key)
    const fast = maxPerDevice === null && !gated && (low === null || low >= key.sampleRate)
    const raw = !fast
      ? direct()
      : variant === 'dcase2019'
        ? (streamedDcase2019(project, summed, reference) ?? direct())
        : estimateFromAggregates(aggregates, { variant, reference })
    const est = finishEstimate(raw, settings, key)
    const used: readonly SummaryRecord[] | undefined = records
    const id = insertEstimate(project.db, {
      createdAt: new Date().toISOString(),
      appVersion: APP_VERSION,
      fingerprint,
      variant: settings.variant,
      reference: settings.reference,
      nFft: key.nFft,
      hopLength: key.hopLength,
      sampleRate: key.sampleRate,
      maxPerDevice: settings.maxPerDevice,
      seed: settings.seed,
      regularization: settings.regularization,
      frameGating: settings.frameGating,
      recordingIds: used ? Int32Array.from(used, (r) => r.id) : aggregates.ids,
      devices: est.devices,
      missing: est.missing,
    })
    stored = getEstimate(project.db, id)!
  }
  if (options.makeCurrent === false) return withFrequencies(stored)
  const { reference, ...estimateSettings } = settings
  project.updateSettings({
    referenceDevice: reference,
    estimate: estimateSettings,
    currentEstimateId: stored.id,
  })
  return withFrequencies(stored)
}

/**
 * The estimator on `records` with `settings` (each recording entering only the bins its own rate
 * covers), every device's curve but the reference's regularised: what an estimate stores, and
 * what Evaluate and the gating check recompute on other records.
 */
export function estimateRegularized(
  records: readonly SummaryRecord[],
  settings: Omit<EstimateSettings, 'frameGating'> & { reference: string },
  analysis: { sampleRate: number; nFft: number },
): CorrectionEstimate {
  const est = estimateCorrection(records, {
    variant: settings.variant,
    reference: settings.reference,
    maxPerDevice: settings.maxPerDevice ?? undefined,
    seed: settings.seed,
    sampleRate: analysis.sampleRate,
  })
  return finishEstimate(est, settings, analysis)
}

/** Regularises every device's curve but the reference's and leaves out non-finite devices. */
function finishEstimate(
  est: CorrectionEstimate,
  settings: Pick<EstimateSettings, 'regularization'> & { reference: string },
  analysis: { sampleRate: number; nFft: number },
): CorrectionEstimate {
  const frequencies = fftFrequencies(analysis)
  if (!isIdentityRegularization(settings.regularization)) {
    for (const d of Object.values(est.devices)) {
      if (d.device !== settings.reference) {
        d.coefficients = regularize(d.coefficients, frequencies, settings.regularization)
      }
    }
  }
  dropNonFiniteDevices(est, frequencies)
  return est
}

export function withFrequencies(e: StoredEstimate): EstimateResult {
  return { ...e, frequencies: fftFrequencies({ sampleRate: e.sampleRate, nFft: e.nFft }) }
}

/** The project's current estimate, if it has one. */
export function currentEstimate(project: Project): EstimateResult | undefined {
  const id = project.settings().currentEstimateId
  const e = id === null ? undefined : getEstimate(project.db, id)
  return e && withFrequencies(e)
}

/** Bootstrap confidence bands for the request, with its subset size and regularisation (not stored). */
export function confidenceBands(
  project: Project,
  request: EstimateRequest = {},
  options: { iterations?: number; level?: number } = {},
): ConfidenceBands {
  const gated = request.frameGating ?? project.settings().estimate.frameGating
  const records = analysedRecords(project, { gated })
  const s = resolveRequest(
    project,
    request,
    mostRecordedDevice(summaryAggregates(project).aggregates),
  )
  const { sampleRate, nFft } = project.analysisKey()
  const frequencies = fftFrequencies({ sampleRate, nFft })
  const regularized = !isIdentityRegularization(s.regularization)
  return bootstrapBands(
    records,
    {
      variant: s.variant,
      reference: s.reference,
      maxPerDevice: s.maxPerDevice ?? undefined,
      seed: s.seed,
      sampleRate,
    },
    { ...options, seed: s.seed },
    // The same regularisation as the estimate, so the band surrounds the curve that is shown.
    (device, c) =>
      regularized && device !== s.reference ? regularize(c, frequencies, s.regularization) : c,
  )
}

/**
 * Identifies an estimate by its settings and by exactly which analysed files it saw (the digest
 * of their ids, sizes, modification times and labels that the aggregates keep).
 */
function fingerprintOf(
  project: Project,
  settings: EstimateSettings & { reference: string },
  facts: string,
): string {
  const { nFft, hopLength, sampleRate } = project.analysisKey()
  // `coverage`: each recording enters only the bins its own rate covers (estimates made before
  // that rule are not reused).
  return createHash('sha256')
    .update(JSON.stringify({ settings, key: { nFft, hopLength, sampleRate }, rules: ['coverage'] }))
    .update(facts)
    .digest('hex')
}
