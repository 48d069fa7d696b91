// Estimation reduces stored summaries (no audio is read): milliseconds even for large corpora.
import { InvalidInputError } from './errors'
import { createHash } from 'node:crypto'
import { APP_VERSION } from '@shared/app-info'
import { bootstrapBands, type ConfidenceBands } from '@shared/dsp/bootstrap'
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
import { fingerprintFacts } from '../db/recordings-repo'
import { loadSummaryRecords } from '../db/summaries-repo'
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
  records: readonly SummaryRecord[],
): EstimateSettings & { reference: string } {
  const s = project.settings()
  const reference = request.reference ?? s.referenceDevice ?? mostRecorded(records)
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

/** The device with the most analysed recordings (ties: alphabetical), the default reference. */
function mostRecorded(records: readonly SummaryRecord[]): string | undefined {
  const counts = new Map<string, number>()
  for (const r of records) counts.set(r.device, (counts.get(r.device) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]
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
  const records = loadSummaryRecords(project.db, key, { gated })
  if (records.length === 0) {
    throw new InvalidInputError(
      'no analysed recordings with a device label; index a folder and run analysis first',
    )
  }
  const settings = resolveRequest(project, request, records)
  const fingerprint = fingerprintOf(project, settings, records)
  let stored = findEstimateByFingerprint(project.db, fingerprint)
  if (!stored) {
    const est = estimateRegularized(records, settings, key)
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
      recordingIds: Int32Array.from(records, (r) => r.id),
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
  if (!isIdentityRegularization(settings.regularization)) {
    const frequencies = fftFrequencies(analysis)
    for (const d of Object.values(est.devices)) {
      if (d.device !== settings.reference) {
        d.coefficients = regularize(d.coefficients, frequencies, settings.regularization)
      }
    }
  }
  dropNonFiniteDevices(est, fftFrequencies(analysis))
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
  const records = loadSummaryRecords(project.db, project.analysisKey(), { gated })
  const s = resolveRequest(project, request, records)
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

/** Identifies an estimate by its settings and by exactly which analysed files it saw. */
function fingerprintOf(
  project: Project,
  settings: EstimateSettings & { reference: string },
  records: readonly SummaryRecord[],
): string {
  const hash = createHash('sha256')
  // The key keeps the name `hop` it was first hashed with, so identical estimates made before
  // the rename to hopLength are still found and reused.
  const { nFft, hopLength, sampleRate } = project.analysisKey()
  // `coverage`: each recording enters only the bins its own rate covers (estimates made before
  // that rule are not reused).
  hash.update(
    JSON.stringify({ settings, key: { nFft, hop: hopLength, sampleRate }, rules: ['coverage'] }),
  )
  const facts = fingerprintFacts(project.db)
  for (const r of records) hash.update(JSON.stringify(facts(r.id)))
  return hash.digest('hex')
}
