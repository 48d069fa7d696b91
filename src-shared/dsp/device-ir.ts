// Device impulse responses: the inverse of a correction. C_d→r = H_r/H_d removes device d's
// colouring; 1/C_d→r = H_d/H_r adds it, so reference recordings convolved with it sound as if d
// had made them (device impulse response augmentation, Morocutti et al., EUSIPCO 2023; and the
// simulation of a device). Regularised as the export's correction (`appliedCurve`, on the IR's
// own curve): outside the pair's valid band a boost of the IR tapers to 0 dB and a cut is held,
// so an IR never adds gain where the estimate knows nothing.
import { appliedCurve, POLICY_DEFAULTS } from './correction-policy'
import { designRelativeFir } from './fir-design'
import { responseErrorDb, type ResponseError } from './fir-response'
import { designFir, interpolateLogGain } from './firls'
import { minimumPhaseFir } from './minimum-phase'
import { fftFrequencies } from './stft-options'

export const IR_PHASES = ['minimum', 'linear'] as const
/** `minimum`: causal, energy first (a microphone); `linear`: symmetric about its centre tap. */
export type IrPhase = (typeof IR_PHASES)[number]

/**
 * The curve that adds device d's colouring: `appliedCurve(1 / coefficients)`, i.e. H_d/H_r inside
 * `bandHz`; outside it a cut is held at the band edge's value and a boost tapers to 0 dB (linear
 * gains at `frequenciesHz`).
 */
export function inverseCurve(
  coefficients: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  bandHz: readonly [number, number] | null,
): Float64Array {
  const inverse = Float64Array.from(coefficients, (g, k) => {
    if (!(g > 0) || !Number.isFinite(g)) {
      throw new Error(`coefficient ${g} at ${frequenciesHz[k]} Hz must be finite and positive`)
    }
    return 1 / g
  })
  return appliedCurve(inverse, frequenciesHz, bandHz)
}

/**
 * The energy-weighted gain in dB of linear `gains` over the bins of `bandHz` (inclusive):
 * 10·log10(Σ w_k g_k² / Σ w_k), with w_k the power of `weightsDb` (a mean log spectrum in dB,
 * `DeviceSpectrum.meanLogDb`): the change of energy of a signal with that spectrum. Without
 * weights every bin counts alike.
 */
export function bandLevelDb(
  gains: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  bandHz: readonly [number, number],
  weightsDb?: ArrayLike<number>,
): number {
  const n = frequenciesHz.length
  if (gains.length !== n || (weightsDb && weightsDb.length !== n)) {
    throw new Error(`${gains.length} gains and ${weightsDb?.length ?? n} weights for ${n} bins`)
  }
  let top = -Infinity
  if (weightsDb) for (let k = 0; k < n; k++) top = Math.max(top, weightsDb[k])
  let num = 0
  let den = 0
  for (let k = 0; k < n; k++) {
    if (frequenciesHz[k] < bandHz[0] || frequenciesHz[k] > bandHz[1]) continue
    // Weights relative to the largest, so that powers of +200 dB or −200 dB stay in range.
    const w = weightsDb ? Math.pow(10, (weightsDb[k] - top) / 10) : 1
    num += w * gains[k] * gains[k]
    den += w
  }
  if (!(den > 0)) throw new Error(`bandHz=[${bandHz.join(', ')}] holds no bin`)
  return 10 * Math.log10(num / den)
}

/** |H(f)| of any FIR `h` (time origin at h[0]) at `frequenciesHz`, by its DTFT in float64. */
export function firGains(
  h: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  sampleRate: number,
): Float64Array {
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive (Hz)`)
  const out = new Float64Array(frequenciesHz.length)
  for (let i = 0; i < out.length; i++) {
    const w = (2 * Math.PI * frequenciesHz[i]) / sampleRate
    // The rotation e^{−iw} applied step by step, renormalised now and then against drift.
    const cw = Math.cos(w)
    const sw = Math.sin(w)
    let zr = 1
    let zi = 0
    let re = 0
    let im = 0
    for (let t = 0; t < h.length; t++) {
      if ((t & 255) === 255) {
        zr = Math.cos(w * t)
        zi = -Math.sin(w * t)
      }
      re += h[t] * zr
      im += h[t] * zi
      const r = zr * cw + zi * sw
      zi = zi * cw - zr * sw
      zr = r
    }
    out[i] = Math.hypot(re, im)
  }
  return out
}

/** Everything the IR of one device needs, on the analysis grid. */
export interface DeviceIrInput {
  /** C_d→r, linear gains per analysis bin (the estimate's, after the user's regularisation). */
  coefficients: ArrayLike<number>
  /** The reference's mean log spectrum in dB (`DeviceSpectrum.meanLogDb`): weights of the level. */
  referenceDb: ArrayLike<number>
  /** The pair's valid band in Hz (`validBand(...).bandHz`); null refuses the device. */
  bandHz: readonly [number, number] | null
  /** Analysis rate (Hz) and STFT size of the coefficients and the spectrum. */
  analysis: { sampleRate: number; nFft: number }
}

export interface DeviceIrOptions {
  phase: IrPhase
  /** Length in samples; odd for `linear`. */
  taps: number
  /** Rate of the IR in Hz. */
  sampleRate: number
}

export interface DeviceIr {
  /** The IR, normalised to 0 dB energy-weighted gain over the band (see `levelDb`). */
  h: Float64Array
  phase: IrPhase
  taps: number
  sampleRate: number
  /**
   * The energy-weighted gain of 1/C over the valid band, in dB (`bandLevelDb` weighted by the
   * reference's spectrum): the level the device records a reference recording at. The IR is
   * divided by it; multiply by 10^(levelDb/20) for the device's true level.
   */
  levelDb: number
  /** The band the IR follows and is checked over: the valid band, cut at sampleRate/2. */
  bandHz: [number, number]
  /** Realised |H| against the normalised target over `bandHz`, at the STFT bins of the rate. */
  error: ResponseError
  /** The cepstral computation of a minimum-phase IR: grid, aliasing error, energy cut off. */
  cepstrum?: { gridSize: number; aliasingError: number; tailEnergy: number }
}

/** The normalised target of an IR (linear gains on the analysis grid), and its level. */
export function irTarget(input: DeviceIrInput): {
  frequenciesHz: Float64Array
  gains: Float64Array
  levelDb: number
  bandHz: [number, number]
} {
  const f = fftFrequencies(input.analysis)
  if (input.coefficients.length !== f.length || input.referenceDb.length !== f.length) {
    throw new Error(
      `${input.coefficients.length} coefficients and ${input.referenceDb.length} spectrum bins; nFft=${input.analysis.nFft} needs ${f.length}`,
    )
  }
  if (!input.bandHz) {
    throw new Error('the device and the reference share no band where both carry signal')
  }
  const bandHz: [number, number] = [input.bandHz[0], input.bandHz[1]]
  const inverse = inverseCurve(input.coefficients, f, bandHz)
  const levelDb = bandLevelDb(inverse, f, bandHz, input.referenceDb)
  const scale = Math.pow(10, -levelDb / 20)
  return { frequenciesHz: f, gains: inverse.map((g) => g * scale), levelDb, bandHz }
}

/**
 * The IR that adds a device's colouring at `options.sampleRate`: magnitude 1/C (held flat beyond
 * the valid band), normalised to 0 dB over the band. `linear`: the linear-phase least-squares
 * FIR of the export (relative least squares up to POLICY_DEFAULTS.maxRelativeTaps, `designFir`
 * above), symmetric, its centre at tap (taps−1)/2. `minimum`: the cepstral minimum-phase FIR.
 * The curve is carried to other rates in log gain, as the export's.
 */
export function deviceIr(input: DeviceIrInput, options: DeviceIrOptions): DeviceIr {
  const { phase, taps, sampleRate } = options
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive (Hz)`)
  if (!(IR_PHASES as readonly string[]).includes(phase)) {
    throw new Error(`phase=${String(phase)} must be one of ${IR_PHASES.join(', ')}`)
  }
  if (!Number.isInteger(taps) || taps < 1 || (phase === 'linear' && taps % 2 === 0)) {
    throw new Error(
      `taps=${taps} must be a positive integer${phase === 'linear' ? ', odd for linear phase' : ''}`,
    )
  }
  const target = irTarget(input)
  const band: [number, number] = [target.bandHz[0], Math.min(target.bandHz[1], sampleRate / 2)]
  if (!(band[1] >= band[0])) {
    throw new Error(
      `sampleRate=${sampleRate} Hz is too low for the valid band ${target.bandHz.map(Math.round).join('–')} Hz`,
    )
  }
  const grid = fftFrequencies({ sampleRate, nFft: input.analysis.nFft })
  const atRate =
    sampleRate === input.analysis.sampleRate
      ? target.gains
      : interpolateLogGain({ frequenciesHz: target.frequenciesHz, gains: target.gains }, grid)
  const curve = { frequenciesHz: grid, gains: atRate }
  let h: Float64Array
  let cepstrum: DeviceIr['cepstrum']
  if (phase === 'linear') {
    h =
      taps <= POLICY_DEFAULTS.maxRelativeTaps
        ? designRelativeFir(curve, { taps, sampleRate })
        : designFir(curve, { taps, sampleRate })
  } else {
    const m = minimumPhaseFir(curve, { taps, sampleRate })
    h = m.h
    cepstrum = { gridSize: m.gridSize, aliasingError: m.aliasingError, tailEnergy: m.tailEnergy }
  }
  const error = responseErrorDb(firGains(h, grid, sampleRate), atRate, grid, band)
  return { h, phase, taps, sampleRate, levelDb: target.levelDb, bandHz: band, error, cepstrum }
}

/**
 * A causal FIR as an odd-length one to apply centred (`applyFirCentered`, `CenteredFir`): taps−1
 * zeros in front put h[0] at the centre, so the output is the causal convolution, as long as the
 * input.
 */
export function causalAsCentred(h: ArrayLike<number>): Float64Array {
  const out = new Float64Array(2 * h.length - 1)
  out.set(Array.from(h), h.length - 1)
  return out
}
