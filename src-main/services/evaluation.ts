// Before/after evaluation of what export writes, from summaries only, held out: the alignment
// groups are split in two halves (seeded); the correction is estimated on one half with the
// estimate's settings and planned exactly as export plans it (the FIR at its taps and each file's
// rate, or the STFT path); its realised gains are applied to the other half, whose devices are
// then compared with the reference there, and classified by a nearest-centroid classifier.
import { planAnalysisGainsDb } from '@shared/dsp/correction-policy'
import { DB_PER_NEPER, deviceSpectra, type DeviceSpectrum } from '@shared/dsp/device-spectra'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { summaryLogMel } from '@shared/dsp/features'
import { melFilterbank } from '@shared/dsp/mel'
import { sampleWithoutReplacement, seededRandom } from '@shared/dsp/random'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'
import { fftFrequencies } from '@shared/dsp/stft-options'
import type { EvaluationView } from '@shared/api/views'
import type { CorrectionChoice, DeviceCorrection } from '@shared/model/correction'
import { loadSummaryRecords } from '../db/summaries-repo'
import { correctionContext, deviceCorrection, type CorrectionContext } from './correction-plan'
import { estimateRegularized, type EstimateResult } from './estimation'
import type { Project } from './project'
import { InvalidInputError } from './errors'

/** Mel bands of the classifier's features. */
const N_MELS = 40
/** The band of the paper's comparisons, Hz. */
export const DEFAULT_EVALUATION_BAND_HZ: [number, number] = [100, 10000]
/**
 * Below these, the held-out figures are too uncertain to mean much: training or test recordings
 * of a device (or of the reference), and test recordings for the classifier.
 */
export const MIN_TEST_RECORDINGS = 3
export const MIN_CLASSIFIER_TESTS = 20

export interface DeviceEvaluation {
  device: string
  /** The band this device's distances are measured over: the request's, cut at its coverage. */
  bandHz: [number, number] | null
  /** RMS distance (dB) of the test half's device mean log spectrum from the reference's. */
  beforeDb: number | null
  /** …after the correction planned on the training half, as export realises it. */
  afterDb: number | null
  trainRecordings: number
  testRecordings: number
  /** The correction planned on the training half: its valid band and each rate's filter. */
  correction: DeviceCorrection | null
  /** Mean log spectra (dB) of the test half, before and after. */
  spectrumDbBefore: Float64Array
  spectrumDbAfter: Float64Array
  /** Why this device has no figure, if it has none. */
  note: string | null
}

/** The classifier part of the evaluation, as the Evaluate view shows it. */
export type ClassifierEvaluation = EvaluationView['classifier']

export interface Evaluation {
  /** Hz. */
  bandHz: [number, number]
  choice: CorrectionChoice
  split: EvaluationView['split']
  devices: DeviceEvaluation[]
  classifier: ClassifierEvaluation
  /** What makes the figures uncertain (a test set too small), in words. */
  warnings: string[]
}

/**
 * Evaluates `est` held out, with the correction export would apply (`choice`: the policy's by
 * default): distances over `bandHz` (default 100 Hz–10 kHz) and the device classifier.
 */
export function evaluate(
  project: Project,
  est: EstimateResult,
  options: { bandHz?: [number, number]; choice?: CorrectionChoice } = {},
): Evaluation {
  const bandHz = options.bandHz ?? DEFAULT_EVALUATION_BAND_HZ
  const choice = options.choice ?? {}
  if (!(bandHz[0] >= 0 && bandHz[1] > bandHz[0]))
    throw new InvalidInputError(
      `bandHz ${bandHz[0]}-${bandHz[1]} Hz: the upper edge must exceed the lower`,
    )
  const records = loadSummaryRecords(project.db, project.analysisKey(), {
    gated: est.frameGating,
  }).filter((r) => est.devices[r.device])
  if (!records.some((r) => r.device === est.reference))
    throw new InvalidInputError(`the reference device ${est.reference} has no analysed recordings`)
  const { train, test, split } = splitGroups(records, est.seed)
  const trainCtx = trainedContext(train, est)
  const gains = realisedGains(trainCtx, test, choice)
  const after = test.map((r) => withGains(r, gains.get(r.id)))
  const analysis = trainCtx.input.analysis
  const f = fftFrequencies(analysis)
  const before = deviceSpectra(test, { sampleRate: analysis.sampleRate })
  const corrected = deviceSpectra(after, { sampleRate: analysis.sampleRate })
  const refTest = before[est.reference]
  const devices: DeviceEvaluation[] = []
  const warnings: string[] = []
  const bins = analysis.nFft / 2 + 1
  for (const device of Object.keys(est.devices).sort()) {
    const trainN = train.filter((r) => r.device === device).length
    const testRecs = test.filter((r) => r.device === device)
    const b = before[device]
    const a = corrected[device]
    const rates = new Map<number, number>()
    for (const r of testRecs) {
      const rate = r.sampleRate ?? analysis.sampleRate
      rates.set(rate, (rates.get(rate) ?? 0) + 1)
    }
    const trained = trainCtx.input.coefficients[device] !== undefined
    const correction =
      trained && rates.size ? deviceCorrection(trainCtx, device, rates, choice) : null
    const band = b && refTest ? coveredBand(bandHz, b, refTest, f) : null
    const note = !testRecs.length
      ? 'no recordings in the test half'
      : !trained
        ? 'not estimable from the training half'
        : !refTest
          ? `the reference ${est.reference} has no recordings in the test half`
          : !band
            ? 'the band holds no bin both cover'
            : null
    const distance = (s: DeviceSpectrum | undefined): number | null =>
      s && band && refTest ? spectrumDistanceDb(s.meanLogDb, refTest.meanLogDb, f, band) : null
    devices.push({
      device,
      bandHz: band,
      beforeDb: distance(b),
      afterDb: trained ? distance(a) : null,
      trainRecordings: trainN,
      testRecordings: testRecs.length,
      correction,
      spectrumDbBefore: b?.meanLogDb ?? new Float64Array(bins).fill(NaN),
      spectrumDbAfter: (trained ? a : b)?.meanLogDb ?? new Float64Array(bins).fill(NaN),
      note,
    })
    const few = Math.min(trainN, testRecs.length)
    if (few < MIN_TEST_RECORDINGS)
      warnings.push(
        `${device === est.reference ? `the reference ${device}` : device} has ${trainN} training and ${testRecs.length} test recordings: ${device === est.reference ? 'every distance is' : 'its distances are'} too uncertain to mean much (fewer than ${MIN_TEST_RECORDINGS} on a side)`,
      )
  }
  const classifier = classify(train, test, trainCtx, gains, est, choice)
  if (classifier.tested < MIN_CLASSIFIER_TESTS)
    warnings.push(
      `the classifier is tested on ${classifier.tested} recording${classifier.tested === 1 ? '' : 's'}: its accuracy is too uncertain to mean much (fewer than ${MIN_CLASSIFIER_TESTS})`,
    )
  return { bandHz, choice, split, devices, classifier, warnings }
}

/**
 * The alignment groups split in two halves, seeded (a group's recordings stay together, so a
 * moment recorded by several devices never sits on both sides; ungrouped recordings count alone).
 */
function splitGroups(
  records: readonly SummaryRecord[],
  seed: number,
): { train: SummaryRecord[]; test: SummaryRecord[]; split: Evaluation['split'] } {
  const units = new Map<string, SummaryRecord[]>()
  for (const r of records) {
    const key = r.group ? `g:${r.group}` : `r:${r.id}`
    units.set(key, [...(units.get(key) ?? []), r])
  }
  const keys = [...units.keys()].sort()
  const picked = new Set(
    sampleWithoutReplacement(keys, Math.ceil(keys.length / 2), seededRandom(seed)),
  )
  const trainKeys = keys.filter((k) => picked.has(k))
  const testKeys = keys.filter((k) => !picked.has(k))
  const groups = (ks: string[]): number => ks.filter((k) => k.startsWith('g:')).length
  return {
    train: trainKeys.flatMap((k) => units.get(k)!),
    test: testKeys.flatMap((k) => units.get(k)!),
    split: {
      seed,
      trainUnits: trainKeys.length,
      testUnits: testKeys.length,
      trainGroups: groups(trainKeys),
      testGroups: groups(testKeys),
    },
  }
}

/** The correction estimated on `train` with the estimate's settings, ready to plan. */
function trainedContext(train: readonly SummaryRecord[], est: EstimateResult): CorrectionContext {
  const analysis = { sampleRate: est.sampleRate, nFft: est.nFft }
  const trained = estimateRegularized(train, est, analysis)
  const coefficients = Object.fromEntries(
    Object.values(trained.devices).map((d) => [d.device, d.coefficients]),
  )
  return correctionContext(train, { reference: est.reference, coefficients, analysis })
}

/**
 * The gains (dB per analysis bin) each test recording gets: its device's plan at the recording's
 * own rate, as the analysis would see the corrected file. Devices the training half cannot
 * estimate get none.
 */
function realisedGains(
  ctx: CorrectionContext,
  test: readonly SummaryRecord[],
  choice: CorrectionChoice,
): Map<number, Float64Array> {
  const { analysis } = ctx.input
  const byPlan = new Map<string, Float64Array>()
  const out = new Map<number, Float64Array>()
  for (const r of test) {
    if (!ctx.input.coefficients[r.device]) continue
    const rate = r.sampleRate ?? analysis.sampleRate
    const key = `${r.device}@${rate}`
    let g = byPlan.get(key)
    if (!g)
      byPlan.set(key, (g = planAnalysisGainsDb(ctx.plan(r.device, rate, choice), rate, analysis)))
    out.set(r.id, g)
  }
  return out
}

function withGains(r: SummaryRecord, gainDb: Float64Array | undefined): SummaryRecord {
  if (!gainDb) return r
  return {
    ...r,
    meanLogMagnitude: Float64Array.from(r.meanLogMagnitude, (v, k) => v + gainDb[k] / DB_PER_NEPER),
  }
}

/** `bandHz` cut at the highest bin both spectra cover, or null when nothing is left. */
function coveredBand(
  bandHz: [number, number],
  device: DeviceSpectrum,
  reference: DeviceSpectrum,
  f: Float64Array,
): [number, number] | null {
  const top = f[Math.min(device.coveredBins, reference.coveredBins) - 1]
  const high = Math.min(bandHz[1], top)
  const inBand = f.some((x) => x >= bandHz[0] && x <= high)
  return inBand && high >= bandHz[0] ? [bandHz[0], high] : null
}

/**
 * Nearest-centroid accuracy on standardised log-mel features, before and after: centroids learned
 * on the training half (corrected by their own estimate's plan), the test half classified.
 * (Leave-one-out would be biased here: once correction makes the device means equal, removing a
 * recording from its own class pushes that centroid away from it.)
 */
function classify(
  train: readonly SummaryRecord[],
  test: readonly SummaryRecord[],
  ctx: CorrectionContext,
  testGains: Map<number, Float64Array>,
  est: EstimateResult,
  choice: CorrectionChoice,
): ClassifierEvaluation {
  const usable = (r: SummaryRecord): boolean => ctx.input.coefficients[r.device] !== undefined
  const trainSet = train.filter(usable)
  const testSet = test.filter(usable)
  const trainGains = realisedGains(ctx, trainSet, choice)
  const labels = [...new Set(trainSet.map((r) => r.device))].sort()
  const fb = melFilterbank({ sampleRate: est.sampleRate, nFft: est.nFft, nMels: N_MELS })
  const linear = (g: Float64Array | undefined): Float64Array | undefined =>
    g && Float64Array.from(g, (v) => Math.pow(10, v / 20))
  const run = (corrected: boolean): { accuracy: number; confusion: number[][] } => {
    const features = (r: SummaryRecord, gains: Map<number, Float64Array>): Float32Array =>
      summaryLogMel(r.meanLogMagnitude, fb, N_MELS, corrected ? linear(gains.get(r.id)) : undefined)
    const xTrain = trainSet.map((r) => features(r, trainGains))
    const xTest = testSet.map((r) => features(r, testGains))
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
    testedPerDevice: counts,
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
