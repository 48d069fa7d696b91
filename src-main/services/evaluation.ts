// Before/after evaluation of a correction, from summaries only: how far each device's mean
// spectrum lies from the reference's, and how well a simple classifier tells devices apart.
import { summaryLogMel } from '@shared/dsp/features'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { melFilterbank } from '@shared/dsp/mel'
import { loadSummaryRecords } from '../db/summaries-repo'
import type { EstimateResult } from './estimation'
import type { Project } from './project'

/** dB per natural-log unit of amplitude: 20 / ln 10. */
const DB_PER_NEPER = 20 / Math.LN10
/** Mel bands of the classifier's features. */
const N_MELS = 40

export interface DeviceEvaluation {
  device: string
  rmsDbBefore: number
  rmsDbAfter: number
  spectrumDbBefore: Float64Array
  spectrumDbAfter: Float64Array
}

export interface ClassifierEvaluation {
  accuracyBefore: number
  accuracyAfter: number
  chance: number
  devices: string[]
  confusionBefore: number[][]
  confusionAfter: number[][]
}

export interface Evaluation {
  band: [number, number]
  devices: DeviceEvaluation[]
  classifier: ClassifierEvaluation
}

/** Mean over recordings of meanLogMagnitude, in dB, optionally plus the correction in dB. */
function meanSpectrumDb(recs: readonly SummaryRecord[], gains?: ArrayLike<number>): Float64Array {
  const bins = recs[0].meanLogMagnitude.length
  const out = new Float64Array(bins)
  for (const r of recs) for (let k = 0; k < bins; k++) out[k] += r.meanLogMagnitude[k]
  for (let k = 0; k < bins; k++) {
    out[k] = (out[k] / recs.length) * DB_PER_NEPER + (gains ? 20 * Math.log10(gains[k]) : 0)
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
  band: [number, number],
): Evaluation {
  if (!(band[1] > band[0]))
    throw new Error(`band ${band[0]}-${band[1]} Hz: the upper edge must exceed the lower`)
  const records = loadSummaryRecords(project.db, project.analysisKey()).filter(
    (r) => est.devices[r.device],
  )
  const byDevice = new Map<string, SummaryRecord[]>()
  for (const r of records) byDevice.set(r.device, [...(byDevice.get(r.device) ?? []), r])
  const reference = byDevice.get(est.reference)
  if (!reference)
    throw new Error(`the reference device ${est.reference} has no analysed recordings`)
  const refDb = meanSpectrumDb(reference)
  const devices: DeviceEvaluation[] = []
  for (const [device, recs] of [...byDevice].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const before = meanSpectrumDb(recs)
    const after = meanSpectrumDb(recs, est.devices[device].coefficients)
    devices.push({
      device,
      rmsDbBefore: rmsInBand(before, refDb, est.frequencies, band),
      rmsDbAfter: rmsInBand(after, refDb, est.frequencies, band),
      spectrumDbBefore: before,
      spectrumDbAfter: after,
    })
  }
  return { band, devices, classifier: classify(records, est) }
}

/** Leave-one-out nearest-centroid accuracy on standardised log-mel features, before and after. */
function classify(records: readonly SummaryRecord[], est: EstimateResult): ClassifierEvaluation {
  const labels = [...new Set(records.map((r) => r.device))].sort()
  const fb = melFilterbank({ sampleRate: est.sampleRate, nFft: est.nFft, nMels: N_MELS })
  const y = records.map((r) => labels.indexOf(r.device))
  const run = (corrected: boolean): { accuracy: number; confusion: number[][] } => {
    const x = records.map((r) =>
      summaryLogMel(
        r.meanLogMagnitude,
        fb,
        N_MELS,
        corrected ? est.devices[r.device].coefficients : undefined,
      ),
    )
    standardise(x)
    return leaveOneOut(x, y, labels.length)
  }
  const before = run(false)
  const after = run(true)
  const counts = labels.map((_, c) => y.filter((v) => v === c).length)
  return {
    accuracyBefore: before.accuracy,
    accuracyAfter: after.accuracy,
    chance: records.length ? Math.max(...counts) / records.length : 0,
    devices: labels,
    confusionBefore: before.confusion,
    confusionAfter: after.confusion,
  }
}

/** z-scores each feature over all samples, in place. */
function standardise(x: Float32Array[]): void {
  if (x.length === 0) return
  const d = x[0].length
  for (let j = 0; j < d; j++) {
    let m = 0
    for (const v of x) m += v[j]
    m /= x.length
    let s = 0
    for (const v of x) s += (v[j] - m) ** 2
    const sd = Math.sqrt(s / x.length) || 1
    for (const v of x) v[j] = (v[j] - m) / sd
  }
}

function leaveOneOut(
  x: Float32Array[],
  y: number[],
  classes: number,
): { accuracy: number; confusion: number[][] } {
  const d = x[0]?.length ?? 0
  const sums = Array.from({ length: classes }, () => new Float64Array(d))
  const counts = new Array<number>(classes).fill(0)
  x.forEach((v, i) => {
    counts[y[i]]++
    for (let j = 0; j < d; j++) sums[y[i]][j] += v[j]
  })
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  let correct = 0
  x.forEach((v, i) => {
    let best = -1
    let bestDist = Infinity
    for (let c = 0; c < classes; c++) {
      const n = counts[c] - (c === y[i] ? 1 : 0)
      if (n === 0) continue
      let dist = 0
      for (let j = 0; j < d; j++) {
        const centroid = (sums[c][j] - (c === y[i] ? v[j] : 0)) / n
        dist += (v[j] - centroid) ** 2
      }
      if (dist < bestDist) {
        bestDist = dist
        best = c
      }
    }
    if (best >= 0) {
      confusion[y[i]][best]++
      if (best === y[i]) correct++
    }
  })
  return { accuracy: x.length ? correct / x.length : 0, confusion }
}
