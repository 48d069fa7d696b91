// Before/after evaluation of a correction, from summaries only: how far each device's mean
// spectrum lies from the reference's, and how well a simple classifier tells devices apart.
import { InvalidInputError } from './errors'
import { estimateCorrection, type SummaryRecord } from '@shared/dsp/estimate'
import { summaryLogMel } from '@shared/dsp/features'
import { sampleWithoutReplacement, seededRandom } from '@shared/dsp/random'
import { melFilterbank } from '@shared/dsp/mel'
import { amplitudeToDb, DB_PER_NEPER } from '@shared/dsp/units'
import type { EvaluationView } from '@shared/api/views'
import { loadSummaryRecords } from '../db/summaries-repo'
import type { EstimateResult } from './estimation'
import type { Project } from './project'

/** Mel bands of the classifier's features. */
const N_MELS = 40

export interface DeviceEvaluation {
  device: string
  rmsDbBefore: number
  rmsDbAfter: number
  spectrumDbBefore: Float64Array
  spectrumDbAfter: Float64Array
}

/** The classifier part of the evaluation, as the Evaluate view shows it. */
export type ClassifierEvaluation = EvaluationView['classifier']

export interface Evaluation {
  /** Hz. */
  bandHz: [number, number]
  devices: DeviceEvaluation[]
  classifier: ClassifierEvaluation
}

/** Mean over recordings of meanLogMagnitude, in dB, optionally plus the correction in dB. */
function meanSpectrumDb(recs: readonly SummaryRecord[], gains?: ArrayLike<number>): Float64Array {
  const bins = recs[0].meanLogMagnitude.length
  const out = new Float64Array(bins)
  for (const r of recs) for (let k = 0; k < bins; k++) out[k] += r.meanLogMagnitude[k]
  for (let k = 0; k < bins; k++) {
    out[k] = (out[k] / recs.length) * DB_PER_NEPER + (gains ? amplitudeToDb(gains[k]) : 0)
  }
  return out
}

function rmsInBand(
  a: Float64Array,
  b: Float64Array,
  freqs: ArrayLike<number>,
  [lo, hi]: [number, number],
): number {
  let sum = 0
  let n = 0
  for (let k = 0; k < a.length; k++) {
    if (freqs[k] < lo || freqs[k] > hi) continue
    sum += (a[k] - b[k]) ** 2
    n++
  }
  return n ? Math.sqrt(sum / n) : NaN
}

/**
 * Evaluates `est` on the project's analysed recordings (in-sample): spectra before and after
 * correction, and leave-one-out nearest-centroid classification of the device from log-mel
 * features of each recording's geometric-mean spectrum (chance level is the goal after).
 */
export function evaluate(
  project: Project,
  est: EstimateResult,
  bandHz: [number, number],
): Evaluation {
  if (!(bandHz[1] > bandHz[0]))
    throw new InvalidInputError(
      `bandHz ${bandHz[0]}-${bandHz[1]} Hz: the upper edge must exceed the lower`,
    )
  const records = loadSummaryRecords(project.db, project.analysisKey()).filter(
    (r) => est.devices[r.device],
  )
  const byDevice = new Map<string, SummaryRecord[]>()
  for (const r of records) byDevice.set(r.device, [...(byDevice.get(r.device) ?? []), r])
  const reference = byDevice.get(est.reference)
  if (!reference)
    throw new InvalidInputError(`the reference device ${est.reference} has no analysed recordings`)
  const refDb = meanSpectrumDb(reference)
  const devices: DeviceEvaluation[] = []
  for (const [device, recs] of [...byDevice].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const before = meanSpectrumDb(recs)
    const after = meanSpectrumDb(recs, est.devices[device].coefficients)
    devices.push({
      device,
      rmsDbBefore: rmsInBand(before, refDb, est.frequencies, bandHz),
      rmsDbAfter: rmsInBand(after, refDb, est.frequencies, bandHz),
      spectrumDbBefore: before,
      spectrumDbAfter: after,
    })
  }
  return { bandHz, devices, classifier: classify(records, est) }
}

/**
 * Held-out nearest-centroid accuracy on standardised log-mel features, before and after: the
 * alignment groups are split in two halves (seeded), the correction is re-estimated on the first
 * half with the estimate's settings, and the second half is classified against the first half's
 * centroids. (Leave-one-out would be biased here: once correction makes the device
 * means equal, removing a recording from its own class pushes that centroid away from it.)
 */
function classify(records: readonly SummaryRecord[], est: EstimateResult): ClassifierEvaluation {
  // Whole alignment groups go to one half: a recording tested against centroids learned from
  // the same moment recorded by other devices would be matched by its scene, not its device.
  const units = new Map<string, SummaryRecord[]>()
  for (const r of records) {
    const key = r.group ? `g:${r.group}` : `r:${r.id}`
    units.set(key, [...(units.get(key) ?? []), r])
  }
  const keys = [...units.keys()].sort()
  const picked = new Set(
    sampleWithoutReplacement(keys, Math.ceil(keys.length / 2), seededRandom(est.seed)),
  )
  const train = keys.filter((k) => picked.has(k)).flatMap((k) => units.get(k)!)
  const test = keys.filter((k) => !picked.has(k)).flatMap((k) => units.get(k)!)
  const trainEst = estimateCorrection(train, {
    variant: est.variant,
    reference: est.reference,
    seed: est.seed,
  })
  const usable = (r: SummaryRecord): boolean => trainEst.devices[r.device] !== undefined
  const trainSet = train.filter(usable)
  const testSet = test.filter(usable)
  const labels = [...new Set(trainSet.map((r) => r.device))].sort()
  const fb = melFilterbank({ sampleRate: est.sampleRate, nFft: est.nFft, nMels: N_MELS })
  const run = (corrected: boolean): { accuracy: number; confusion: number[][] } => {
    const features = (r: SummaryRecord): Float32Array => {
      const gains = corrected ? trainEst.devices[r.device].coefficients : undefined
      return summaryLogMel(r.meanLogMagnitude, fb, N_MELS, gains)
    }
    const xTrain = trainSet.map(features)
    const xTest = testSet.map(features)
    standardise(xTrain, xTest)
    return nearestCentroid(
      xTrain,
      trainSet.map((r) => labels.indexOf(r.device)),
      xTest,
      testSet.map((r) => labels.indexOf(r.device)),
      labels.length,
    )
  }
  const before = run(false)
  const after = run(true)
  const counts = labels.map((d) => testSet.filter((r) => r.device === d).length)
  return {
    accuracyBefore: before.accuracy,
    accuracyAfter: after.accuracy,
    chance: testSet.length ? Math.max(...counts) / testSet.length : 0,
    devices: labels,
    confusionBefore: before.confusion,
    confusionAfter: after.confusion,
    trained: trainSet.length,
    tested: testSet.length,
  }
}

/** z-scores each feature with the training set's mean and deviation, in place. */
function standardise(train: Float32Array[], test: Float32Array[]): void {
  if (train.length === 0) return
  const d = train[0].length
  for (let j = 0; j < d; j++) {
    let m = 0
    for (const v of train) m += v[j]
    m /= train.length
    let s = 0
    for (const v of train) s += (v[j] - m) ** 2
    const sd = Math.sqrt(s / train.length) || 1
    for (const v of [...train, ...test]) v[j] = (v[j] - m) / sd
  }
}

/** Accuracy and confusion of classifying `xTest` by the nearest class centroid of `xTrain`. */
function nearestCentroid(
  xTrain: Float32Array[],
  yTrain: number[],
  xTest: Float32Array[],
  yTest: number[],
  classes: number,
): { accuracy: number; confusion: number[][] } {
  const d = xTrain[0]?.length ?? 0
  const centroids = Array.from({ length: classes }, () => new Float64Array(d))
  const counts = new Array<number>(classes).fill(0)
  xTrain.forEach((v, i) => {
    counts[yTrain[i]]++
    for (let j = 0; j < d; j++) centroids[yTrain[i]][j] += v[j]
  })
  centroids.forEach((c, k) => c.forEach((_, j) => (c[j] /= Math.max(1, counts[k]))))
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  let correct = 0
  xTest.forEach((v, i) => {
    let best = 0
    let bestDist = Infinity
    centroids.forEach((c, k) => {
      let dist = 0
      for (let j = 0; j < d; j++) dist += (v[j] - c[j]) ** 2
      if (dist < bestDist) [bestDist, best] = [dist, k]
    })
    confusion[yTest[i]][best]++
    if (best === yTest[i]) correct++
  })
  return { accuracy: xTest.length ? correct / xTest.length : 0, confusion }
}
