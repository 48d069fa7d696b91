// The valid band of a device pair: the frequencies where both the device and the reference carry
// signal, found from their mean log spectra. Outside it a correction is held flat, and distances
// to the reference are measured inside it.
import type { DeviceSpectrum, PairedSpreads } from './device-spectra'
import { smoothLogGains } from './regularize'
import { fftFrequencies } from './stft-options'

/** Why a band edge lies where it does: what fails just beyond it. */
export type BandLimit =
  | 'dc'
  | 'nyquist'
  /** The device's (or reference's) own rate covers no further (coverage.ts). */
  | 'device-coverage'
  | 'reference-coverage'
  /** Its level is more than `dynamicRangeDb` below its own in-band level. */
  | 'device-level'
  | 'reference-level'
  /** It records its own noise floor: over the shared groups it no longer varies as the other does. */
  | 'device-noise'
  | 'reference-noise'

export interface ValidBandOptions {
  /** Analysis sample rate in Hz and STFT size: the bins lie at k·sampleRate/nFft. */
  sampleRate: number
  nFft: number
  /**
   * A device carries signal where its 1/3-octave-smoothed level is at most this far below its
   * own in-band level (the largest smoothed level), in dB. Default 60: quantisation floors and
   * the Hann window's leakage from the passband (60–70 dB down) lie beyond it.
   */
  dynamicRangeDb?: number
  /**
   * Spreads of the two devices over the alignment groups they share (`pairedSpreads`). With
   * `minGroups` groups or more, a device counts as recording its own noise floor where its spread
   * falls below `noiseSpreadRatio` times the other's: over the same moments both vary alike where
   * the device passes the scenes, and its spread shrinks as its noise takes over (the ratio is
   * about the share of its power that comes from the scenes). Absent: no noise test, only levels.
   */
  spreads?: PairedSpreads
  /** Default 0.35: about −2.7 dB SNR. */
  noiseSpreadRatio?: number
  /** Shared groups below which spreads are not used (default 3). */
  minGroups?: number
  /** The other device must vary by at least this much (dB) for a verdict (default 1). */
  minSpreadDb?: number
  /** Width of the smoothing of levels and spreads in octaves (default 1/3). */
  smoothingOctaves?: number
}

export interface ValidBand {
  /** [low, high] in Hz (bin centres, both inside), or null when no bin qualifies. */
  bandHz: [number, number] | null
  /** [first, last] bin of the band (inclusive), or null. */
  bins: [number, number] | null
  /** What limits the band at its low and high edge. */
  limits: [BandLimit, BandLimit] | null
  /** Per bin, 1 where both carry signal (the band is the longest run of ones, in octaves). */
  mask: Uint8Array
}

const DEFAULTS = {
  dynamicRangeDb: 60,
  noiseSpreadRatio: 0.35,
  minGroups: 3,
  minSpreadDb: 1,
  smoothingOctaves: 1 / 3,
}

/** The spectrum fields the band needs (a `DeviceSpectrum`, or the same from elsewhere). */
export type BandSpectrum = Pick<DeviceSpectrum, 'meanLogDb' | 'coveredBins'>

/**
 * The band where both `device` and `reference` carry signal. Per bin (DC excluded), each must be
 * covered by its recordings' rates, lie within `dynamicRangeDb` of its own in-band level, and (with
 * `spreads`) not be noise by the spread test; the band is the longest run of such bins, measured
 * in octaves.
 * For the reference against itself it is the reference's own signal band.
 */
export function validBand(
  device: BandSpectrum,
  reference: BandSpectrum,
  options: ValidBandOptions,
): ValidBand {
  const { spreads, ...rest } = options
  const o = { ...DEFAULTS, ...rest }
  checkOptions(o)
  const bins = device.meanLogDb.length
  if (reference.meanLogDb.length !== bins || o.nFft / 2 + 1 !== bins) {
    throw new Error(
      `spectra of ${bins} and ${reference.meanLogDb.length} bins do not match nFft=${o.nFft}`,
    )
  }
  const f = fftFrequencies({ sampleRate: o.sampleRate, nFft: o.nFft })
  const level = (s: BandSpectrum): Float64Array =>
    smoothLogGains(s.meanLogDb, f, o.smoothingOctaves)
  const judge = spreads !== undefined && spreads.groups >= o.minGroups
  const spread = (values: ArrayLike<number> | undefined): Float64Array | undefined =>
    judge && values ? smoothKnown(values, f, o.smoothingOctaves) : undefined
  const dev = {
    level: level(device),
    spread: spread(spreads?.deviceDb),
    covered: device.coveredBins,
  }
  const ref = {
    level: level(reference),
    spread: spread(spreads?.referenceDb),
    covered: reference.coveredBins,
  }
  const quiet = (own: number, other: number): boolean =>
    other >= o.minSpreadDb && own < o.noiseSpreadRatio * other
  const peak = (x: Float64Array, covered: number): number => {
    let m = -Infinity
    for (let k = 1; k < covered; k++) m = Math.max(m, x[k])
    return m
  }
  const devPeak = peak(dev.level, dev.covered)
  const refPeak = peak(ref.level, ref.covered)
  /** What fails at bin k, or undefined when both carry signal there. */
  const failure = (k: number): BandLimit | undefined => {
    if (k === 0) return 'dc'
    if (k >= dev.covered) return 'device-coverage'
    if (k >= ref.covered) return 'reference-coverage'
    if (dev.level[k] < devPeak - o.dynamicRangeDb) return 'device-level'
    if (ref.level[k] < refPeak - o.dynamicRangeDb) return 'reference-level'
    // NaN spreads (fewer than two groups cover the bin) compare false: no verdict.
    if (dev.spread && ref.spread) {
      if (quiet(dev.spread[k], ref.spread[k])) return 'device-noise'
      if (quiet(ref.spread[k], dev.spread[k])) return 'reference-noise'
    }
    return undefined
  }
  const mask = new Uint8Array(bins)
  for (let k = 0; k < bins; k++) mask[k] = failure(k) === undefined ? 1 : 0
  // The longest run in octaves: log2(f_last / f_first) + a third of an octave, so a single
  // bin still counts for something and runs starting at bin 1 are not favoured unduly.
  let best: [number, number] | null = null
  let bestOctaves = -Infinity
  for (let k = 1; k < bins;) {
    if (!mask[k]) {
      k++
      continue
    }
    let end = k
    while (end + 1 < bins && mask[end + 1]) end++
    const octaves = Math.log2(f[end] / f[k]) + 1 / 3
    if (octaves > bestOctaves) [best, bestOctaves] = [[k, end], octaves]
    k = end + 1
  }
  if (!best) return { bandHz: null, bins: null, limits: null, mask }
  const [first, last] = best
  return {
    bandHz: [f[first], f[last]],
    bins: [first, last],
    limits: [
      failure(first - 1) ?? 'dc',
      last + 1 < bins ? (failure(last + 1) ?? 'nyquist') : 'nyquist',
    ],
    mask,
  }
}

/** Smoothed values, averaging only the finite ones (NaN where a window holds none). */
function smoothKnown(
  values: ArrayLike<number>,
  f: ArrayLike<number>,
  octaves: number,
): Float64Array {
  const known = Float64Array.from(values, (v) => (Number.isFinite(v) ? 1 : 0))
  const sum = smoothLogGains(
    Float64Array.from(values, (v) => (Number.isFinite(v) ? v : 0)),
    f,
    octaves,
  )
  const weight = smoothLogGains(known, f, octaves)
  return sum.map((v, k) => (weight[k] > 0 ? v / weight[k] : NaN))
}

function checkOptions(o: Required<Omit<ValidBandOptions, 'spreads'>>): void {
  if (!(o.dynamicRangeDb > 0)) throw new Error(`dynamicRangeDb=${o.dynamicRangeDb} must be > 0`)
  if (!(o.noiseSpreadRatio >= 0 && o.noiseSpreadRatio < 1)) {
    throw new Error(`noiseSpreadRatio=${o.noiseSpreadRatio} must be in [0, 1)`)
  }
  if (!(Number.isInteger(o.minGroups) && o.minGroups >= 2)) {
    throw new Error(`minGroups=${o.minGroups} must be an integer >= 2`)
  }
  if (!(o.minSpreadDb >= 0)) throw new Error(`minSpreadDb=${o.minSpreadDb} must be >= 0`)
  if (!(o.smoothingOctaves > 0 && o.smoothingOctaves <= 2)) {
    throw new Error(`smoothingOctaves=${o.smoothingOctaves} must be in (0, 2]`)
  }
}
