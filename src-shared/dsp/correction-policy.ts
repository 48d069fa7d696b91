// Which correction export applies to a device's files at one sample rate, chosen so that the
// device ends closer to the reference than it started (predicted from the summaries), with the
// reasons; or a refusal naming the flags that override it.
import { coveredBins } from './coverage'
import { designRelativeFir } from './fir-design'
import { analysisGainsDb, firMagnitude, responseErrorDb, type ResponseError } from './fir-response'
import { DEFAULT_FIR_TAPS, designFir, interpolateLogGain } from './firls'
import { spectrumDistanceDb } from './spectrum-distance'
import { fftFrequencies } from './stft-options'

/**
 * The policy's thresholds and limits. The figures quoted are from test/bench/correction-figures.ts
 * on the generated 48 kHz corpus, the golden corpus and the demo (distances over each pair's
 * valid band, dB).
 */
export const POLICY_DEFAULTS = {
  /**
   * Longest FIR the default design tries. 4097 taps follow every curve of those corpora within
   * 0.06 dB RMS and 1 dB max; one more doubling is the margin. 8193 taps last 171 ms at 48 kHz.
   */
  maxTaps: 8193,
  /**
   * Longest FIR designed by relative least squares, whose cost grows as taps³ (0.2 s at 1025,
   * 0.7 s at 2049 on a shared 2-core machine); longer ones are `designFir` on the applied curve,
   * which at 4097 taps is as good.
   */
  maxRelativeTaps: 2049,
  /**
   * A FIR is accepted when its realised error over the valid band stays within 0.5 dB RMS. Of
   * the 99 designs in the sweep (3 designs × 3–4 lengths × 9 devices), the 72 within both limits
   * leave devices 0.03–0.37 dB from the reference (predicted), the 22 beyond 0.5 dB RMS 0.41–32.7
   * dB; the STFT path measures 0.04–0.27 dB.
   */
  maxRmsErrorDb: 0.5,
  /**
   * …and within 3 dB at every bin: a 1025-tap FIR for the audit's steep high-pass device stays
   * within 0.25 dB RMS but misses by 5.9 dB at the band's lowest bin; 2049 taps bring that to 1.7.
   */
  maxErrorDb: 3,
  /**
   * A correction is accepted when it is predicted to bring the device at least this much closer
   * (dB): the largest gap between predicted and measured distances after the default FIR or the
   * STFT path on those corpora is 0.25 dB.
   */
  minGainDb: 0.3,
  /** A device already this close (dB) needs nothing: a correction that keeps it so is fine. */
  closeEnoughDb: 0.3,
  /**
   * A valid band narrower than this (octaves) is no ground for a correction: a device whose mean
   * is dragged to the magnitude floor by digital silence keeps a band of one bin.
   */
  minBandOctaves: 1,
}

/** Everything the policy reads about one device pair, on the analysis grid. */
export interface PolicyInput {
  /** Mean log spectra (dB) of the device and of the reference (`DeviceSpectrum.meanLogDb`). */
  deviceDb: ArrayLike<number>
  referenceDb: ArrayLike<number>
  /** The estimate's coefficients C_d→r (linear gains, after any regularisation the user chose). */
  coefficients: ArrayLike<number>
  /** The pair's valid band in Hz (`validBand(...).bandHz`), or null when it has none. */
  bandHz: readonly [number, number] | null
  /** Analysis rate (Hz) and STFT size of the spectra and coefficients. */
  analysis: { sampleRate: number; nFft: number }
  /** Sample rate (Hz) of the files to correct. */
  sampleRate: number
}

export interface PolicyOptions {
  /** 'fir' or 'stft' when the user chose one; absent, the policy picks (FIR first). */
  method?: 'fir' | 'stft'
  /** FIR length the user chose (odd); absent, the policy picks. */
  taps?: number
  /** The paper's exact design: firls over all bins, equal weights, raw coefficients, no checks. */
  paperExact?: boolean
  /** Outside the valid band: taper to 0 dB (default) or hold the edge's gain (`appliedCurve`). */
  outside?: OutsideBand
  /** Overrides of POLICY_DEFAULTS. */
  limits?: Partial<typeof POLICY_DEFAULTS>
}

/** A FIR candidate: its taps and how it was designed, with its realised error. */
export interface FirTrial {
  taps: number
  design: 'paper-exact' | 'relative-ls' | 'ls'
  /** Realised error against the target over the band at the files' rate (`responseErrorDb`). */
  error: ResponseError
  /** Predicted distance to the reference after this FIR (dB). */
  afterDb: number
}

interface PlanCommon {
  /** The band distances and errors are measured over: the valid band, cut at the rate's cover. */
  bandHz: [number, number] | null
  /** Predicted RMS distance (dB) to the reference over `bandHz` before and after correction. */
  beforeDb: number
  afterDb: number
  /** Every FIR the policy designed, in order. */
  trials: FirTrial[]
  /** Why this plan, and any warning (a user's choice predicted to make things worse). */
  reasons: string[]
}

export type CorrectionPlan =
  | (PlanCommon & {
      kind: 'fir'
      /** The FIR at `sampleRate`, applied centred. */
      h: Float64Array
      taps: number
      /** 'identity' for the reference device, whose correction is 1 (h = [1]). */
      design: FirTrial['design'] | 'identity'
      error: ResponseError
    })
  | (PlanCommon & {
      kind: 'stft'
      /** STFT gains per bin at `sampleRate` (nFft/2+1): the applied curve carried to that rate. */
      gains: Float64Array
    })
  | (PlanCommon & {
      kind: 'refused'
      reason: string
      /** Flags that override the refusal, e.g. `--method stft`, `--paper-exact`. */
      overrides: string[]
    })

/** What the applied curve does outside the valid band. */
export type OutsideBand = 'hold' | 'taper'

/** Octaves over which `taper` brings the gain from the band edge's value to 0 dB. */
export const TAPER_OCTAVES = 1

/**
 * The curve export applies: `coefficients` inside `bandHz`; outside it, with `outside = 'hold'`,
 * held flat at the value of the band's edge bins, or with `'taper'` (the default) a boost at the
 * edge is brought to 0 dB over TAPER_OCTAVES octaves (a raised cosine in dB over log frequency),
 * 0 dB beyond, while a cut is held. The DC bin takes its neighbour's value. Linear gains at
 * `frequenciesHz`; unchanged when the band is null.
 *
 * Why taper a boost: outside the valid band the device carries no signal, only its noise floor
 * and, at the files' edges, the step into the zero padding; a held boost amplifies both. On the
 * generated 48 kHz corpus (3 s files) the phone's held +62 dB below 94 Hz made its FIR export
 * clip 624 samples (peaks of 2.5, all in the last 10 ms of the files), the dark device's held
 * +30 dB above 6.9 kHz clipped 2; tapered, none clip (2 s files: 1426 and 6 held, 494 and 0
 * tapered, the rest from the in-band boost at 94 Hz), and every distance to the reference moves
 * by 0.05 dB at most (the phone's FIR then needs 4097 taps instead of 2049). Reflecting the
 * signal at its ends instead of padding with zeros made the phone's clipping worse (1603).
 * A held cut harms nothing (it lowers the noise) and keeps the curve continuous, so the FIR stays
 * short (tapering cuts too cost the golden and demo device c 1.9 dB more FIR error at 22 Hz).
 */
export function appliedCurve(
  coefficients: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  bandHz: readonly [number, number] | null,
  outside: OutsideBand = 'taper',
): Float64Array {
  const out = Float64Array.from(coefficients)
  if (!bandHz) return out
  const n = out.length
  let first = 0
  while (first < n - 1 && frequenciesHz[first] < bandHz[0]) first++
  let last = n - 1
  while (last > first && frequenciesHz[last] > bandHz[1]) last--
  const edge = (k: number, at: number): number => {
    // A cut is held (it only lowers the device's noise there); a boost tapers.
    if (outside === 'hold' || out[at] <= 1) return out[at]
    // Octaves from the edge bin.
    const octaves = Math.abs(Math.log2(frequenciesHz[k] / frequenciesHz[at]))
    if (octaves >= TAPER_OCTAVES) return 1
    const w = 0.5 + 0.5 * Math.cos((Math.PI * octaves) / TAPER_OCTAVES)
    return Math.pow(out[at], w)
  }
  // DC carries nothing (each file's mean is removed): it follows its neighbour, so that a band
  // starting at the first bin above DC asks for no jump there.
  for (let k = first - 1; k >= 0; k--) {
    out[k] = frequenciesHz[k] > 0 ? edge(k, first) : out[k + 1]
  }
  for (let k = last + 1; k < n; k++) out[k] = edge(k, last)
  return out
}

/**
 * Plans the correction of one device's files at `input.sampleRate`.
 *
 * Distances: `spectrumDistanceDb` between the device's and the reference's mean log spectra over
 * the valid band, cut at the highest analysis bin that files at this rate cover (coverage.ts).
 * Before: no gain. After a FIR: plus its gain as the analysis sees it (`analysisGainsDb`: |A|²
 * of its DTFT at its own rate, averaged over each analysis bin's window response). After the STFT
 * path: plus the applied curve in dB.
 *
 * The target is the applied curve (`appliedCurve`), carried to the files' rate by interpolation in
 * log gain. With the defaults (no method, no taps), FIRs of 1025, 2049, 4097 and 8193 taps (to
 * `maxTaps`) are designed in turn (relative least squares up to `maxRelativeTaps`, `designFir`
 * above) and the first is taken whose realised error over the band is within `maxRmsErrorDb` RMS
 * and `maxErrorDb` max and which brings the device `minGainDb` closer. Failing that, the STFT
 * path if it does; failing that, a refusal naming the flags that override it. A device within
 * `closeEnoughDb` of the reference counts as improved when it stays within it. A valid band
 * narrower than `minBandOctaves` is refused unless the STFT path or a length is asked for.
 *
 * A user's explicit choice is honoured, with a warning in `reasons` when it is predicted to leave
 * the device further away: `paperExact` (designFir on the raw coefficients, `taps` or 1025),
 * `method: 'stft'`, or `taps` (that length, nothing else tried).
 */
export function planCorrection(input: PolicyInput, options: PolicyOptions = {}): CorrectionPlan {
  const limits = { ...POLICY_DEFAULTS, ...options.limits }
  const { analysis, sampleRate } = input
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive (Hz)`)
  if (options.taps !== undefined && !(Number.isInteger(options.taps) && options.taps % 2 === 1)) {
    throw new Error(`taps=${options.taps} must be an odd positive integer`)
  }
  const f = fftFrequencies(analysis)
  const bins = f.length
  for (const [name, v] of [
    ['deviceDb', input.deviceDb],
    ['referenceDb', input.referenceDb],
    ['coefficients', input.coefficients],
  ] as const) {
    if (v.length !== bins)
      throw new Error(`${name} has ${v.length} bins; nFft=${analysis.nFft} needs ${bins}`)
  }
  const band = rateBand(input.bandHz, f, sampleRate, analysis.sampleRate)
  const applied = appliedCurve(input.coefficients, f, input.bandHz, options.outside)
  const rateGrid = fftFrequencies({ sampleRate, nFft: analysis.nFft })
  const toRate = (gains: ArrayLike<number>): Float64Array =>
    sampleRate === analysis.sampleRate
      ? Float64Array.from(gains)
      : interpolateLogGain({ frequenciesHz: f, gains }, rateGrid)
  const distance = (gainDb?: ArrayLike<number>): number =>
    band ? spectrumDistanceDb(input.deviceDb, input.referenceDb, f, band, gainDb) : NaN
  const beforeDb = distance()
  const improves = (after: number): boolean =>
    after <= beforeDb - limits.minGainDb ||
    (beforeDb <= limits.closeEnoughDb && after <= limits.closeEnoughDb)
  const trials: FirTrial[] = []
  const tryFir = (
    taps: number,
    design: FirTrial['design'],
  ): { h: Float64Array; trial: FirTrial } => {
    const target = toRate(design === 'paper-exact' ? input.coefficients : applied)
    const curve = { frequenciesHz: rateGrid, gains: target }
    const h =
      design === 'relative-ls'
        ? designRelativeFir(curve, { taps, sampleRate })
        : designFir(curve, { taps, sampleRate })
    const errorBand = band ?? [rateGrid[1], rateGrid[rateGrid.length - 1]]
    const error = responseErrorDb(
      firMagnitude(h, rateGrid, sampleRate),
      target,
      rateGrid,
      cutAt(errorBand, sampleRate / 2),
    )
    const gainDb = analysisGainsDb(h, sampleRate, analysis)
    const trial: FirTrial = { taps, design, error, afterDb: distance(gainDb) }
    trials.push(trial)
    return { h, trial }
  }
  const firPlan = (
    { h, trial }: { h: Float64Array; trial: FirTrial },
    reasons: string[],
  ): CorrectionPlan => ({
    kind: 'fir',
    h,
    taps: trial.taps,
    design: trial.design,
    error: trial.error,
    bandHz: band,
    beforeDb,
    afterDb: trial.afterDb,
    trials,
    reasons,
  })
  const stftAfter = (): number => distance(Float64Array.from(applied, (g) => 20 * Math.log10(g)))
  const stftPlan = (afterDb: number, reasons: string[]): CorrectionPlan => ({
    kind: 'stft',
    gains: toRate(applied),
    bandHz: band,
    beforeDb,
    afterDb,
    trials,
    reasons,
  })
  const worse = (after: number): string[] =>
    !band || improves(after)
      ? []
      : [
          `predicted to leave the device ${fmt(after)} dB from the reference (before: ${fmt(beforeDb)} dB)`,
        ]

  if (options.paperExact) {
    const fir = tryFir(options.taps ?? DEFAULT_FIR_TAPS, 'paper-exact')
    return firPlan(fir, [
      "the paper's exact FIR, as asked (--paper-exact)",
      ...worse(fir.trial.afterDb),
    ])
  }
  if (!band) {
    return {
      kind: 'refused',
      reason: 'the device and the reference share no band where both carry signal',
      overrides: ['--paper-exact', '--method stft'],
      bandHz: null,
      beforeDb: NaN,
      afterDb: NaN,
      trials,
      reasons: [],
    }
  }
  const octaves = Math.log2(band[1] / band[0])
  if (options.method !== 'stft' && options.taps === undefined && octaves < limits.minBandOctaves) {
    return {
      kind: 'refused',
      reason: `the device and the reference share signal over ${fmtBand(band)} only (${octaves.toFixed(2)} octaves, less than ${limits.minBandOctaves}): no ground for a correction`,
      overrides: ['--method stft', '--paper-exact'],
      bandHz: band,
      beforeDb,
      afterDb: NaN,
      trials,
      reasons: [],
    }
  }
  if (options.method === 'stft') {
    const after = stftAfter()
    return stftPlan(after, ['the STFT path, as asked (--method stft)', ...worse(after)])
  }
  if (options.taps !== undefined) {
    const design = options.taps <= limits.maxRelativeTaps ? 'relative-ls' : 'ls'
    const fir = tryFir(options.taps, design)
    const misses = withinLimits(fir.trial.error, limits)
      ? []
      : [`the FIR misses its target by ${describe(fir.trial.error)}`]
    return firPlan(fir, [
      `${options.taps} taps, as asked (--taps)`,
      ...misses,
      ...worse(fir.trial.afterDb),
    ])
  }
  for (let taps = DEFAULT_FIR_TAPS; taps <= limits.maxTaps; taps = 2 * taps - 1) {
    const fir = tryFir(taps, taps <= limits.maxRelativeTaps ? 'relative-ls' : 'ls')
    if (withinLimits(fir.trial.error, limits) && improves(fir.trial.afterDb)) {
      const why = `a ${taps}-tap FIR realises the applied curve within ${describe(fir.trial.error)} over ${fmtBand(band)}`
      return firPlan(fir, [why])
    }
  }
  const best = trials.reduce((a, b) => (b.afterDb < a.afterDb ? b : a))
  const firWhy = `no FIR up to ${limits.maxTaps} taps realises the applied curve within ${limits.maxRmsErrorDb} dB RMS and ${limits.maxErrorDb} dB max while bringing the device closer (best: ${best.taps} taps, ${describe(best.error)}, ${fmt(best.afterDb)} dB after)`
  const after = stftAfter()
  if (options.method === undefined && improves(after)) {
    return stftPlan(after, [
      `${firWhy}; the STFT path brings it from ${fmt(beforeDb)} to ${fmt(after)} dB`,
    ])
  }
  const overrides = [`--taps ${best.taps}`, '--paper-exact']
  if (improves(after)) overrides.unshift('--method stft')
  if (maxBoostDb(applied) > 20) overrides.push('--max-boost 20')
  return {
    kind: 'refused',
    reason: improves(after)
      ? firWhy
      : `${firWhy}; nor does the STFT path (${fmt(after)} dB after, ${fmt(beforeDb)} dB before)`,
    overrides,
    bandHz: band,
    beforeDb,
    afterDb: Math.min(best.afterDb, after),
    trials,
    reasons: [],
  }
}

/**
 * The gain in dB that an STFT analysis at `analysis` sees when files at `sampleRate` pass `plan`
 * (one value per analysis bin): a FIR's `analysisGainsDb`, the STFT gains carried to the analysis
 * grid in log gain, or 0 dB for a refusal (its files stay as they are).
 */
export function planAnalysisGainsDb(
  plan: CorrectionPlan,
  sampleRate: number,
  analysis: { sampleRate: number; nFft: number },
): Float64Array {
  const f = fftFrequencies(analysis)
  if (plan.kind === 'fir') return analysisGainsDb(plan.h, sampleRate, analysis)
  if (plan.kind === 'refused') return new Float64Array(f.length)
  const grid = fftFrequencies({ sampleRate, nFft: 2 * (plan.gains.length - 1) })
  const onGrid =
    sampleRate === analysis.sampleRate && plan.gains.length === f.length
      ? plan.gains
      : interpolateLogGain({ frequenciesHz: grid, gains: plan.gains }, f)
  return Float64Array.from(onGrid, (g) => 20 * Math.log10(g))
}

/** The valid band cut at what files at `sampleRate` cover on the analysis grid, or null. */
function rateBand(
  bandHz: readonly [number, number] | null,
  f: Float64Array,
  sampleRate: number,
  analysisRate: number,
): [number, number] | null {
  if (!bandHz) return null
  const covered = coveredBins(sampleRate, { sampleRate: analysisRate, bins: f.length })
  const high = Math.min(bandHz[1], f[covered - 1])
  return high >= bandHz[0] ? [bandHz[0], high] : null
}

function cutAt(band: readonly [number, number], nyquist: number): [number, number] {
  return [band[0], Math.min(band[1], nyquist)]
}

function withinLimits(e: ResponseError, limits: typeof POLICY_DEFAULTS): boolean {
  return e.rmsDb <= limits.maxRmsErrorDb && e.maxDb <= limits.maxErrorDb
}

function maxBoostDb(gains: Float64Array): number {
  let m = -Infinity
  for (const g of gains) m = Math.max(m, 20 * Math.log10(g))
  return m
}

const fmt = (x: number): string => x.toFixed(2)
const describe = (e: ResponseError): string =>
  `${fmt(e.rmsDb)} dB RMS (max ${e.maxDb.toFixed(1)} dB at ${Math.round(e.maxAtHz)} Hz)`
const fmtBand = (b: readonly [number, number]): string =>
  `${Math.round(b[0])}–${Math.round(b[1])} Hz`
