// The correction each device's files get at each sample rate, shared by export, the FIR views and
// downloads, `scw fir` and Evaluate: the device's and the reference's mean log spectra, their
// valid band, and the policy's plan (src-shared/dsp/correction-policy.ts) with what it realises.
import {
  planAnalysisGainsDb,
  planCorrection,
  type CorrectionPlan,
} from '@shared/dsp/correction-policy'
import {
  DB_PER_NEPER,
  deviceSpectra,
  pairedSpreads,
  type DeviceSpectrum,
} from '@shared/dsp/device-spectra'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { designFir } from '@shared/dsp/firls'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { validBand, type ValidBand } from '@shared/dsp/valid-band'
import type { CorrectionChoice, DeviceCorrection, RateCorrection } from '@shared/model/correction'
import { DEFAULT_FIR_TAPS } from '@shared/model/project'
import { loadSummaryRecords } from '../db/summaries-repo'
import type { EstimateResult } from './estimation'
import type { Project } from './project'

export type { CorrectionChoice }

/** What planning reads: the analysis grid, the coefficients, and the records they came from. */
export interface CorrectionInput {
  reference: string
  /** C_d→r per device, linear gains on the analysis grid. */
  coefficients: Record<string, ArrayLike<number>>
  analysis: { sampleRate: number; nFft: number }
}

/** Spectra and valid bands of a set of records, with every plan made from them kept. */
export interface CorrectionContext {
  readonly input: CorrectionInput
  readonly records: readonly SummaryRecord[]
  readonly spectra: Record<string, DeviceSpectrum>
  /** The device's valid band against the reference (computed once per device). */
  band(device: string): ValidBand | null
  /** The plan of `device`'s files at `sampleRate` Hz (made once per choice). */
  plan(device: string, sampleRate: number, choice?: CorrectionChoice): CorrectionPlan
}

/** A context over `records` (the analysed recordings the correction applies to). */
export function correctionContext(
  records: readonly SummaryRecord[],
  input: CorrectionInput,
): CorrectionContext {
  const { analysis, reference } = input
  const spectra = records.length ? deviceSpectra(records, { sampleRate: analysis.sampleRate }) : {}
  const bands = new Map<string, ValidBand | null>()
  const plans = new Map<string, CorrectionPlan>()
  const band = (device: string): ValidBand | null => {
    if (!bands.has(device)) {
      const d = spectra[device]
      const r = spectra[reference]
      bands.set(
        device,
        d && r
          ? validBand(d, r, {
              ...analysis,
              spreads: pairedSpreads(records, device, reference, {
                sampleRate: analysis.sampleRate,
              }),
            })
          : null,
      )
    }
    return bands.get(device)!
  }
  return {
    input,
    records,
    spectra,
    band,
    plan(device, sampleRate, choice = {}) {
      const key = `${device}\u0000${sampleRate}\u0000${choice.method ?? ''}/${choice.taps ?? ''}/${choice.paperExact ? 1 : 0}`
      let plan = plans.get(key)
      if (!plan) {
        plan = planFor(this, device, sampleRate, choice)
        plans.set(key, plan)
      }
      return plan
    },
  }
}

function planFor(
  ctx: CorrectionContext,
  device: string,
  sampleRate: number,
  choice: CorrectionChoice,
): CorrectionPlan {
  const { analysis, reference } = ctx.input
  const coefficients = ctx.input.coefficients[device]
  const spectrum = ctx.spectra[device]
  const ref = ctx.spectra[reference]
  if (!coefficients || !spectrum || !ref) {
    const why = !coefficients
      ? `the estimate has no coefficients for device ${device}`
      : `device ${spectrum ? reference : device} has no analysed recordings`
    return refusal(why, [])
  }
  const bandHz = ctx.band(device)?.bandHz ?? null
  if (device === reference && !choice.paperExact) return identityPlan(ctx, sampleRate, choice)
  return planCorrection(
    {
      deviceDb: spectrum.meanLogDb,
      referenceDb: ref.meanLogDb,
      coefficients,
      bandHz,
      analysis,
      sampleRate,
    },
    choice,
  )
}

/** The reference: copied through (a 1-tap FIR of 1), or through the STFT path with unit gains. */
function identityPlan(
  ctx: CorrectionContext,
  sampleRate: number,
  choice: CorrectionChoice,
): CorrectionPlan {
  const bandHz = ctx.band(ctx.input.reference)?.bandHz ?? null
  const common = {
    bandHz,
    beforeDb: bandHz ? 0 : NaN,
    afterDb: bandHz ? 0 : NaN,
    trials: [],
  }
  const why = 'the reference device: its correction is 1'
  if (choice.method === 'stft') {
    const bins = ctx.input.analysis.nFft / 2 + 1
    return {
      ...common,
      kind: 'stft',
      gains: new Float64Array(bins).fill(1),
      reasons: [`${why} (STFT path, as asked)`],
    }
  }
  if (choice.taps !== undefined) {
    // A FIR of that length anyway (the user asked for it): the least-squares fit of 1.
    const bins = ctx.input.analysis.nFft / 2 + 1
    const grid = fftFrequencies({ sampleRate, nFft: ctx.input.analysis.nFft })
    const h = designFir(
      { frequenciesHz: grid, gains: new Float64Array(bins).fill(1) },
      {
        taps: choice.taps,
        sampleRate,
      },
    )
    return {
      ...common,
      kind: 'fir',
      h,
      taps: choice.taps,
      design: 'ls',
      error: { rmsDb: 0, maxDb: 0, maxAtHz: 0, bins: 0 },
      reasons: [`${why} (${choice.taps} taps, as asked)`],
    }
  }
  return {
    ...common,
    kind: 'fir',
    h: Float64Array.of(1),
    taps: 1,
    design: 'identity',
    error: { rmsDb: 0, maxDb: 0, maxAtHz: 0, bins: 0 },
    reasons: [`${why}: copied unchanged`],
  }
}

function refusal(reason: string, overrides: string[]): CorrectionPlan {
  return {
    kind: 'refused',
    reason,
    overrides,
    bandHz: null,
    beforeDb: NaN,
    afterDb: NaN,
    trials: [],
    reasons: [],
  }
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null)

/** A plan as the report shows it, for `files` files at `sampleRate`. */
export function rateCorrection(
  plan: CorrectionPlan,
  sampleRate: number,
  files: number,
): RateCorrection {
  const fir = plan.kind === 'fir'
  return {
    sampleRate,
    files,
    kind: plan.kind,
    taps: fir ? plan.taps : null,
    design: fir ? plan.design : null,
    bandHz: plan.bandHz,
    errorRmsDb: fir ? finite(plan.error.rmsDb) : null,
    errorMaxDb: fir ? finite(plan.error.maxDb) : null,
    errorMaxAtHz: fir && plan.error.bins > 0 ? plan.error.maxAtHz : null,
    beforeDb: finite(plan.beforeDb),
    afterDb: finite(plan.afterDb),
    reasons: plan.kind === 'refused' ? [plan.reason, ...plan.reasons] : plan.reasons,
    overrides: plan.kind === 'refused' ? plan.overrides : [],
  }
}

/**
 * Each device's correction over `rates` (its files per sample rate: rate → count): the plan of
 * every rate and the predicted distance of the device as a whole, each of its analysed records
 * corrected at its own rate (records at a rate without files use the nearest rate's plan).
 */
export function deviceCorrection(
  ctx: CorrectionContext,
  device: string,
  rates: ReadonlyMap<number, number>,
  choice: CorrectionChoice = {},
): DeviceCorrection {
  const { analysis, reference } = ctx.input
  const band = ctx.band(device)
  const sorted = [...rates.keys()].sort((a, b) => a - b)
  const plans = new Map(sorted.map((rate) => [rate, ctx.plan(device, rate, choice)]))
  const bandHz = band?.bandHz ?? null
  const ref = ctx.spectra[reference]
  const own = ctx.records.filter((r) => r.device === device)
  let beforeDb: number | null = null
  let afterDb: number | null = null
  if (bandHz && ref && own.length && sorted.length) {
    const f = fftFrequencies(analysis)
    const gains = new Map<number, Float64Array>()
    const gainsAt = (rate: number): Float64Array => {
      const nearest = sorted.reduce((a, b) => (Math.abs(b - rate) < Math.abs(a - rate) ? b : a))
      let g = gains.get(nearest)
      if (!g) gains.set(nearest, (g = planAnalysisGainsDb(plans.get(nearest)!, nearest, analysis)))
      return g
    }
    const corrected = own.map((r) => {
      const g = gainsAt(r.sampleRate ?? analysis.sampleRate)
      return {
        ...r,
        meanLogMagnitude: Float64Array.from(r.meanLogMagnitude, (v, k) => v + g[k] / DB_PER_NEPER),
      }
    })
    const after = deviceSpectra(corrected, { sampleRate: analysis.sampleRate })[device]
    beforeDb = spectrumDistanceDb(ctx.spectra[device].meanLogDb, ref.meanLogDb, f, bandHz)
    afterDb = spectrumDistanceDb(after.meanLogDb, ref.meanLogDb, f, bandHz)
  }
  return {
    device,
    reference: device === reference,
    bandHz,
    bandLimits: band?.limits ?? null,
    beforeDb,
    afterDb,
    rates: sorted.map((rate) => rateCorrection(plans.get(rate)!, rate, rates.get(rate)!)),
  }
}

/** Contexts of recent estimates, so that the views and downloads plan each device once. */
const contexts = new Map<string, CorrectionContext>()
const KEEP_CONTEXTS = 4

/**
 * The context of `est` over the project's analysed recordings (digitally silent frames left out
 * when the estimate gated them), reused while the estimate and the analysed recordings stay the
 * same.
 */
export function contextOf(project: Project, est: EstimateResult): CorrectionContext {
  const records = loadSummaryRecords(project.db, project.analysisKey(), {
    gated: est.frameGating,
  })
  let signature = records.length
  for (const r of records) signature = (signature * 31 + r.id) % 2_147_483_647
  const key = `${project.path}\u0000${est.id}\u0000${signature}`
  let ctx = contexts.get(key)
  if (!ctx) {
    ctx = correctionContext(records, {
      reference: est.reference,
      coefficients: Object.fromEntries(
        Object.values(est.devices).map((d) => [d.device, d.coefficients]),
      ),
      analysis: { sampleRate: est.sampleRate, nFft: est.nFft },
    })
    contexts.set(key, ctx)
    while (contexts.size > KEEP_CONTEXTS) contexts.delete(contexts.keys().next().value!)
  }
  return ctx
}

/** The FIR `h` of a plan, or an error naming why there is none (STFT path or refusal). */
export function firOfPlan(plan: CorrectionPlan, device: string, sampleRate: number): Float64Array {
  if (plan.kind === 'fir') return plan.h
  const why = plan.kind === 'refused' ? plan.reason : plan.reasons.join('; ')
  throw new Error(
    `no FIR for device ${device} at ${sampleRate} Hz meets the policy (${why}); ask for one with --taps N (e.g. --taps ${DEFAULT_FIR_TAPS}) or --paper-exact`,
  )
}
