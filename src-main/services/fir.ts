// FIR filters and STFT gains for a recording's own sample rate, from an estimate's coefficients
// (a function of frequency in Hz: carried to other rates by interpolation in log gain).
import type { FirResponseView } from '@shared/api/views'
import { designFir, firAmplitude, interpolateLogGain } from '@shared/dsp/firls'
import { InvalidInputError } from './errors'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { amplitudeToDb } from '@shared/dsp/units'
import { DEFAULT_FIR_TAPS } from '@shared/model/project'
import type { CorrectionSpec } from '../workers/export-file'
import type { EstimateResult } from './estimation'

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

/** Linear-phase least-squares FIR of `taps` for `device` at `sampleRate` Hz. */
export function firFor(
  est: EstimateResult,
  device: string,
  options: { taps: number; sampleRate: number },
): Float64Array {
  const curve = curveOf(est, device)
  if (options.sampleRate === est.sampleRate) return designFir(curve, options)
  const grid = fftFrequencies({ sampleRate: options.sampleRate, nFft: est.nFft })
  return designFir({ frequenciesHz: grid, gains: interpolateLogGain(curve, grid) }, options)
}

/**
 * The realised magnitude response of `device`'s FIR (`taps` at `sampleRate` Hz) against its
 * target, in dB on the FFT bins of that rate: what the Correction view and `scw plot fir` show.
 */
export function firResponse(
  est: EstimateResult,
  device: string,
  options: { taps: number; sampleRate: number },
): FirResponseView {
  const { taps, sampleRate: rate } = options
  const h = firFor(est, device, options)
  const same = rate === est.sampleRate
  const grid = same ? est.frequencies : fftFrequencies({ sampleRate: rate, nFft: est.nFft })
  const target = same ? curveOf(est, device).gains : interpolateLogGain(curveOf(est, device), grid)
  const toDb = (gain: number): number => amplitudeToDb(gain)
  return {
    device,
    taps,
    sampleRate: rate,
    frequencies: Array.from(grid),
    targetDb: Array.from(target, toDb),
    realisedDb: Array.from(firAmplitude(h, grid, rate), (a) => toDb(Math.abs(a))),
  }
}

/** Gains per STFT bin (nFft/2+1) for `device` at `sampleRate` Hz. */
export function stftGainsFor(
  est: EstimateResult,
  device: string,
  sampleRate: number,
): Float64Array {
  const curve = curveOf(est, device)
  if (sampleRate === est.sampleRate) return Float64Array.from(curve.gains)
  return interpolateLogGain(curve, fftFrequencies({ sampleRate, nFft: est.nFft }))
}

/** The correction of `device` for a file at `sampleRate` Hz. */
export function correctionFor(
  est: EstimateResult,
  device: string,
  sampleRate: number,
  method: 'fir' | 'stft',
  taps = DEFAULT_FIR_TAPS,
): CorrectionSpec {
  return method === 'fir'
    ? {
        method,
        fir: firFor(est, device, { taps, sampleRate }),
        nFft: est.nFft,
        hopLength: est.hopLength,
      }
    : {
        method,
        gains: stftGainsFor(est, device, sampleRate),
        nFft: est.nFft,
        hopLength: est.hopLength,
      }
}
