// Per device of a corpus: the distance to the reference before correction and after each way of
// correcting it, predicted from the summaries and measured on the corrected audio, with the
// realised FIR error per sample rate. Shared by the tests and test/bench/correction-figures.ts.
import {
  planCorrection,
  type CorrectionPlan,
  type PolicyOptions,
} from '@shared/dsp/correction-policy'
import {
  DB_PER_NEPER,
  deviceSpectra,
  pairedSpreads,
  type DeviceSpectrum,
} from '@shared/dsp/device-spectra'
import {
  estimateCorrection,
  type CorrectionEstimate,
  type SummaryRecord,
} from '@shared/dsp/estimate'
import { analysisGainsDb } from '@shared/dsp/fir-response'
import { interpolateLogGain } from '@shared/dsp/firls'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { validBand } from '@shared/dsp/valid-band'
import {
  analyseMono,
  analyseRecordings,
  correctRecording,
  type AnalysisSettings,
  type RecordingCorrection,
} from './correction-pipeline'
import type { Corpus } from './device-corpus'

/** The ways of correcting compared. */
export const METHODS = ['paperFir', 'defaultPlan', 'stftRaw', 'stftApplied'] as const
export type MethodName = (typeof METHODS)[number]

export interface MethodFigures {
  /** Distance to the reference after correction, dB: predicted from summaries, measured on audio. */
  predictedDb: number
  measuredDb: number
  /** Output samples beyond full scale (clamped, as export with integer output counts them). */
  clippedSamples: number
  /** What was applied at each of the device's rates. */
  perRate: {
    sampleRate: number
    kind: CorrectionPlan['kind'] | 'stft-raw'
    taps?: number
    design?: string
    /** Realised FIR error over the band at that rate, dB. */
    errorRmsDb?: number
    errorMaxDb?: number
    reasons: string[]
  }[]
}

export interface DeviceFigures {
  device: string
  recordings: number
  bandHz: [number, number] | null
  /** Distance before correction (dB, over bandHz). */
  beforeDb: number
  methods: Record<MethodName, MethodFigures>
}

export interface CorpusFigures {
  corpus: string
  reference: string
  settings: AnalysisSettings
  devices: DeviceFigures[]
}

/**
 * Analyses `corpus` at `settings`, estimates (unaligned, like the app's default) towards its
 * reference, and for every other device applies each method to every recording at its own rate,
 * analyses the outputs and compares their mean log spectrum with the reference's over the pair's
 * valid band.
 */
export function measureCorpus(
  corpus: Corpus,
  settings: AnalysisSettings,
  options: {
    methods?: readonly MethodName[]
    devices?: readonly string[]
    /** Policy options added to each method's own (e.g. `outside`). */
    policy?: PolicyOptions
  } = {},
): CorpusFigures {
  const methods = options.methods ?? METHODS
  const { records, spectra, est, f, ref } = estimateCorpus(corpus, settings)
  const devices: DeviceFigures[] = []
  const wanted = options.devices ?? Object.keys(est.devices).filter((d) => d !== corpus.reference)
  for (const device of wanted) {
    const coefficients = est.devices[device].coefficients
    const band = validBand(spectra[device], ref, {
      ...settings,
      spreads: pairedSpreads(records, device, corpus.reference, settings),
    })
    const recs = corpus.recordings.filter((r) => r.device === device)
    const rates = [...new Set(recs.map((r) => r.sampleRate))].sort((a, b) => a - b)
    const beforeDb = band.bandHz
      ? spectrumDistanceDb(spectra[device].meanLogDb, ref.meanLogDb, f, band.bandHz)
      : NaN
    const figures = {} as Record<MethodName, MethodFigures>
    for (const method of methods) {
      const perRate: MethodFigures['perRate'] = []
      const corrections = new Map<number, { fix: RecordingCorrection; gainDb: Float64Array }>()
      for (const rate of rates) {
        const input = {
          deviceDb: spectra[device].meanLogDb,
          referenceDb: ref.meanLogDb,
          coefficients,
          bandHz: band.bandHz,
          analysis: settings,
          sampleRate: rate,
        }
        if (method === 'stftRaw') {
          const grid = fftFrequencies({ sampleRate: rate, nFft: settings.nFft })
          const gains =
            rate === settings.sampleRate
              ? Float64Array.from(coefficients)
              : interpolateLogGain({ frequenciesHz: f, gains: coefficients }, grid)
          corrections.set(rate, {
            fix: { method: 'stft', gains },
            gainDb: coefficients.map((g) => 20 * Math.log10(g)),
          })
          perRate.push({ sampleRate: rate, kind: 'stft-raw', reasons: [] })
          continue
        }
        const plan = planCorrection(input, {
          ...options.policy,
          ...(method === 'paperFir'
            ? { paperExact: true }
            : method === 'stftApplied'
              ? { method: 'stft' as const }
              : {}),
        })
        corrections.set(rate, planned(plan, f, rate, settings))
        perRate.push({
          sampleRate: rate,
          kind: plan.kind,
          taps: plan.kind === 'fir' ? plan.taps : undefined,
          design: plan.kind === 'fir' ? plan.design : undefined,
          errorRmsDb: plan.kind === 'fir' ? plan.error.rmsDb : undefined,
          errorMaxDb: plan.kind === 'fir' ? plan.error.maxDb : undefined,
          reasons: plan.kind === 'refused' ? [plan.reason, ...plan.overrides] : plan.reasons,
        })
      }
      figures[method] = outcome(recs, records, corrections, settings, ref, band.bandHz)
      figures[method].perRate = perRate
    }
    devices.push({
      device,
      recordings: recs.length,
      bandHz: band.bandHz,
      beforeDb,
      methods: figures,
    })
  }
  return { corpus: corpus.name, reference: corpus.reference, settings, devices }
}

/** A corpus analysed and estimated (unaligned, the app's default) towards its reference. */
export function estimateCorpus(
  corpus: Corpus,
  settings: AnalysisSettings,
): {
  records: SummaryRecord[]
  spectra: Record<string, DeviceSpectrum>
  est: CorrectionEstimate
  /** Frequencies of the analysis bins, Hz. */
  f: Float64Array
  ref: DeviceSpectrum
} {
  const records = analyseRecordings(corpus.recordings, settings)
  const spectra = deviceSpectra(records, { sampleRate: settings.sampleRate })
  const est = estimateCorrection(records, {
    variant: 'unaligned',
    reference: corpus.reference,
    sampleRate: settings.sampleRate,
  })
  return { records, spectra, est, f: fftFrequencies(settings), ref: spectra[corpus.reference] }
}

/** The correction and its predicted gains (dB on the analysis grid) that a plan stands for. */
function planned(
  plan: CorrectionPlan,
  f: Float64Array,
  rate: number,
  settings: AnalysisSettings,
): { fix: RecordingCorrection; gainDb: Float64Array } {
  if (plan.kind === 'fir') {
    return { fix: { method: 'fir', h: plan.h }, gainDb: analysisGainsDb(plan.h, rate, settings) }
  }
  if (plan.kind === 'stft') {
    const grid = fftFrequencies({ sampleRate: rate, nFft: 2 * (plan.gains.length - 1) })
    const onGrid = interpolateLogGain({ frequenciesHz: grid, gains: plan.gains }, f)
    return {
      fix: { method: 'stft', gains: plan.gains },
      gainDb: onGrid.map((g) => 20 * Math.log10(g)),
    }
  }
  // Refused: the files are written uncorrected (their mean removed).
  return { fix: { method: 'fir', h: [1] }, gainDb: new Float64Array(f.length) }
}

/** Predicted and measured distance after applying `corrections` (by rate) to `recs`. */
function outcome(
  recs: Corpus['recordings'],
  records: readonly SummaryRecord[],
  corrections: Map<number, { fix: RecordingCorrection; gainDb: Float64Array }>,
  settings: AnalysisSettings,
  ref: DeviceSpectrum,
  bandHz: [number, number] | null,
): MethodFigures {
  const f = fftFrequencies(settings)
  const byId = new Map(records.map((r) => [r.id, r]))
  const predicted: SummaryRecord[] = []
  const measured: SummaryRecord[] = []
  let clippedSamples = 0
  for (const rec of recs) {
    const c = corrections.get(rec.sampleRate)!
    const original = byId.get(rec.id)!
    predicted.push({
      ...original,
      meanLogMagnitude: Float64Array.from(
        original.meanLogMagnitude,
        (v, k) => v + c.gainDb[k] / DB_PER_NEPER,
      ),
    })
    const out = correctRecording(rec, c.fix, settings)
    clippedSamples += out.clippedSamples
    measured.push(analyseMono(rec, out.mono, settings))
  }
  const distance = (rs: SummaryRecord[]): number => {
    if (!bandHz) return NaN
    const s = Object.values(deviceSpectra(rs, { sampleRate: settings.sampleRate }))[0]
    return spectrumDistanceDb(s.meanLogDb, ref.meanLogDb, f, bandHz)
  }
  return {
    predictedDb: distance(predicted),
    measuredDb: distance(measured),
    clippedSamples,
    perRate: [],
  }
}
