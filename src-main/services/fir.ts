// The correction of a device's files at one sample rate, as the views, downloads, previews and
// `scw fir` use it: the correction policy's plan (correction-plan.ts), so that what they show
// and hand out is what export writes.
import type { FirResponseView } from '@shared/api/views'
import { appliedCurve, type CorrectionPlan } from '@shared/dsp/correction-policy'
import { firMagnitude } from '@shared/dsp/fir-response'
import { interpolateLogGain } from '@shared/dsp/firls'
import { InvalidInputError } from './errors'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { amplitudeToDb } from '@shared/dsp/units'
import type { CorrectionChoice } from '@shared/model/correction'
import { deviceRateCounts } from '../db/recordings-repo'
import type { CorrectionSpec } from '../workers/export-file'
import { contextOf, firOfPlan, rateCorrection } from './correction-plan'
import type { EstimateResult } from './estimation'
import type { Project } from './project'

/** The coefficients of `device` as a gain curve; throws naming the devices that have one. */
export function curveOf(
  est: EstimateResult,
  device: string,
): { frequenciesHz: Float64Array; gains: Float64Array } {
  const d = est.devices[device]
  if (!d) {
    const missing = est.missing.find((m) => m.device === device)
    const why = missing ? `: ${missing.reason}` : ''
    throw new InvalidInputError(
      `the estimate has no coefficients for device ${device}${why} (devices: ${Object.keys(est.devices).join(', ')})`,
    )
  }
  return { frequenciesHz: est.frequencies, gains: d.coefficients }
}

/**
 * The sample rate a device's FIR is designed for by default: its files' own (the most common
 * among them, ties: the higher), else the analysis rate.
 */
export function deviceRate(project: Project, est: EstimateResult, device: string): number {
  const rates = deviceRateCounts(project.db).filter((r) => r.device === device)
  rates.sort((a, b) => b.count - a.count || b.sampleRate - a.sampleRate)
  return rates[0]?.sampleRate ?? est.sampleRate
}

/** Every native rate of each device's files (Hz, ascending), from the index. */
export function deviceRates(project: Project): Record<string, number[]> {
  const out: Record<string, number[]> = {}
  for (const r of deviceRateCounts(project.db)) (out[r.device] ??= []).push(r.sampleRate)
  return out
}

/** The plan of `device`'s files at `sampleRate` Hz. */
export function planOf(
  project: Project,
  est: EstimateResult,
  device: string,
  sampleRate: number,
  choice: CorrectionChoice = {},
): CorrectionPlan {
  curveOf(est, device)
  return contextOf(project, est).plan(device, sampleRate, choice)
}

/**
 * The FIR of `device` at `sampleRate` Hz: the policy's (or one of `taps`, or the paper's exact
 * one); throws when the policy finds none good enough, naming how to ask for one anyway.
 */
export function firFor(
  project: Project,
  est: EstimateResult,
  device: string,
  options: { sampleRate: number; taps?: number; paperExact?: boolean },
): Float64Array {
  const plan = planOf(project, est, device, options.sampleRate, {
    method: 'fir',
    taps: options.taps,
    paperExact: options.paperExact,
  })
  return firOfPlan(plan, device, options.sampleRate)
}

/** The correction of `device` for a file at `sampleRate` Hz by `method`, as export applies it. */
export function correctionFor(
  project: Project,
  est: EstimateResult,
  device: string,
  sampleRate: number,
  method: 'fir' | 'stft',
): CorrectionSpec {
  const plan = planOf(project, est, device, sampleRate, { method })
  const stft = { nFft: est.nFft, hopLength: est.hopLength }
  if (plan.kind === 'stft') return { method: 'stft', gains: plan.gains, ...stft }
  return { method: 'fir', fir: firOfPlan(plan, device, sampleRate), ...stft }
}

/** A device's FIR at one rate with what it realises: the Correction view's FIR panel. */
export interface FirDesign {
  device: string
  sampleRate: number
  h: Float64Array
  plan: Extract<CorrectionPlan, { kind: 'fir' }>
  /** What the policy itself would apply at this rate (when no length was asked for). */
  policy: CorrectionPlan['kind']
  /** The FIR's target (the applied curve, or the raw coefficients for the paper's FIR), linear. */
  target: Float64Array
  /** The raw coefficients at this rate, linear. */
  coefficients: Float64Array
  frequencies: Float64Array
}

/**
 * The FIR the views show for `device` at `sampleRate` (default: its files' own rate): the policy's
 * FIR, or one of `taps`, or the paper's; when the policy finds no FIR good enough, its best
 * attempt, with `policy` saying what export would do instead.
 */
export function firDesign(
  project: Project,
  est: EstimateResult,
  device: string,
  options: { sampleRate?: number; taps?: number; paperExact?: boolean } = {},
): FirDesign {
  const sampleRate = options.sampleRate ?? deviceRate(project, est, device)
  const asked = options.taps !== undefined || options.paperExact === true
  let plan = planOf(project, est, device, sampleRate, {
    method: 'fir',
    taps: options.taps,
    paperExact: options.paperExact,
  })
  if (plan.kind !== 'fir' && plan.trials.length) {
    // No FIR meets the policy: show its best attempt (the one that brings the device closest).
    const best = plan.trials.reduce((a, b) => (b.afterDb < a.afterDb ? b : a))
    plan = planOf(project, est, device, sampleRate, { method: 'fir', taps: best.taps })
  }
  if (plan.kind !== 'fir') {
    firOfPlan(plan, device, sampleRate)
    throw new Error(`no FIR for device ${device} at ${sampleRate} Hz`)
  }
  const curve = curveOf(est, device)
  const frequencies = fftFrequencies({ sampleRate, nFft: est.nFft })
  const toRate = (g: Float64Array): Float64Array =>
    sampleRate === est.sampleRate
      ? g
      : interpolateLogGain({ frequenciesHz: curve.frequenciesHz, gains: g }, frequencies)
  const band = contextOf(project, est).band(device)?.bandHz ?? null
  const applied = options.paperExact
    ? curve.gains
    : device === est.reference
      ? new Float64Array(curve.gains.length).fill(1)
      : appliedCurve(curve.gains, curve.frequenciesHz, band)
  return {
    device,
    sampleRate,
    h: plan.h,
    plan,
    policy: asked ? 'fir' : planOf(project, est, device, sampleRate).kind,
    target: toRate(applied),
    coefficients: toRate(curve.gains),
    frequencies,
  }
}

/**
 * The realised magnitude response of `device`'s FIR against its target, in dB on the FFT bins of
 * its rate (default: its files' own): the filter export writes (firDesign), as the Correction
 * view and `scw plot fir` show it.
 */
export function firResponse(
  project: Project,
  est: EstimateResult,
  device: string,
  options: { sampleRate?: number; taps?: number; paperExact?: boolean } = {},
): FirResponseView {
  const d = firDesign(project, est, device, options)
  const toDb = (gain: number): number => amplitudeToDb(gain)
  return {
    device,
    taps: d.plan.taps,
    sampleRate: d.sampleRate,
    deviceRates: deviceRates(project)[device] ?? [],
    policy: d.policy,
    frequencies: Array.from(d.frequencies),
    targetDb: Array.from(d.target, toDb),
    coefficientsDb: Array.from(d.coefficients, toDb),
    realisedDb: Array.from(firMagnitude(d.h, d.frequencies, d.sampleRate), toDb),
    correction: rateCorrection(d.plan, d.sampleRate, 0),
  }
}
