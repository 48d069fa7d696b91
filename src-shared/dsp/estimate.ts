// Correction coefficients C_d→r(f) = H_r(f) / H_d(f) from spectral summaries only (no audio).
// Definitions: golden/README.md; paper eqs. 8 (aligned) and 9 (unaligned).
import { coveredBins, sumOverCovering } from './coverage'
import { sampleWithoutReplacement, seededRandom } from './random'
import { MAGNITUDE_FLOOR } from './summary'

export type EstimatorVariant = 'unaligned' | 'aligned' | 'dcase2019'
export const ESTIMATOR_VARIANTS: readonly EstimatorVariant[] = ['unaligned', 'aligned', 'dcase2019']

/** What an estimator needs of one analysed recording. */
export interface SummaryRecord {
  /** Recording id, used for reproducible ordering. */
  id: number
  device: string
  /** Alignment group: recordings of the same moment by different devices share it. */
  group: string | null
  frames: number
  /** mean_t log|S(t,f)| per bin (natural log). */
  meanLogMagnitude: ArrayLike<number>
  /** mean_t |S(t,f)| per bin. */
  meanMagnitude: ArrayLike<number>
  /**
   * The recording's own sample rate in Hz, before resampling to the analysis rate. With
   * `EstimateOptions.sampleRate`, it enters only the bins it covers (see coverage.ts); absent, it
   * enters every bin.
   */
  sampleRate?: number
}

export interface EstimateOptions {
  variant: EstimatorVariant
  reference: string
  /** Devices to estimate (default: every device present). */
  devices?: readonly string[]
  /** At most this many recordings (unaligned) or segments (aligned, dcase2019) per device. */
  maxPerDevice?: number
  /** Seed of the subset draw (default 0). */
  seed?: number
  /**
   * Analysis sample rate in Hz. With it, each bin is averaged only over the recordings whose own
   * rate covers it; without it (or when every recording covers every bin) every recording enters
   * every bin, as the paper defines the estimators.
   */
  sampleRate?: number
}

export interface DeviceEstimate {
  device: string
  /** C(f) per bin, linear gain (1 = unchanged). */
  coefficients: Float64Array
  /** Recordings of the device that entered the estimate. */
  recordings: number
  /** Segments paired with the reference (aligned, dcase2019); 0 for unaligned. */
  segments: number
  /** Paired recordings whose frame counts differ, so per-frame pairing is approximated. */
  unequalFramePairs: number
  /**
   * Bins 0 … coveredBins−1 hold data of both the device and the reference; above them no
   * recording of one of the two reaches (lower native rates), and the coefficients are held at
   * the value of the last covered bin. Equals `bins` when every recording covers every bin;
   * absent in estimates stored before it was computed (they cover every bin).
   */
  coveredBins?: number
}

export interface CorrectionEstimate {
  variant: EstimatorVariant
  reference: string
  bins: number
  devices: Record<string, DeviceEstimate>
  /** Devices that could not be estimated, with the reason. */
  missing: { device: string; reason: string }[]
}

/** One alignment group's recordings of one device, reduced to a single spectrum pair. */
interface Segment {
  group: string
  byDevice: Map<string, SummaryRecord[]>
}

/** Estimates the coefficients of every requested device towards `options.reference`. */
export function estimateCorrection(
  records: readonly SummaryRecord[],
  options: EstimateOptions,
): CorrectionEstimate {
  const { variant, reference } = options
  if (!ESTIMATOR_VARIANTS.includes(variant)) {
    throw new Error(`variant=${String(variant)} must be one of ${ESTIMATOR_VARIANTS.join(', ')}`)
  }
  if (options.maxPerDevice !== undefined && !(options.maxPerDevice >= 1)) {
    throw new Error(`maxPerDevice=${options.maxPerDevice} must be at least 1`)
  }
  const bins = checkBins(records)
  const present = [...new Set(records.map((r) => r.device))].sort()
  if (!present.includes(reference)) {
    throw new Error(
      `reference=${reference} has no analysed recordings (devices: ${present.join(', ')})`,
    )
  }
  const wanted = options.devices ? [...options.devices] : present
  const sorted = [...records].sort((a, b) => a.id - b.id)
  const { sampleRate } = options
  const cover: Cover =
    sampleRate === undefined ? () => bins : (r) => coveredBins(r.sampleRate, { sampleRate, bins })
  const result: CorrectionEstimate = { variant, reference, bins, devices: {}, missing: [] }
  for (const device of wanted) {
    const streamOf = (d: string): (() => number) => seededRandom(hashSeed(options.seed ?? 0, d))
    const ctx: Context = { bins, cover, maxPerDevice: options.maxPerDevice, streamOf }
    const estimate =
      variant === 'unaligned'
        ? unaligned(sorted, device, reference, ctx)
        : paired(sorted, device, reference, variant, ctx)
    if (typeof estimate === 'string') result.missing.push({ device, reason: estimate })
    else {
      holdAbove(estimate.coefficients, estimate.coveredBins ?? bins)
      result.devices[device] = estimate
    }
  }
  return result
}

/** Number of leading bins a recording carries (all of them unless its native rate is lower). */
type Cover = (r: SummaryRecord) => number

interface Context {
  bins: number
  cover: Cover
  maxPerDevice: number | undefined
  /** A fresh stream of subset draws for a device, from the seed and the device's name only. */
  streamOf: (device: string) => () => number
}

/** Holds values from bin `from` on at the value of bin from−1 (uncovered bins). */
function holdAbove(values: Float64Array, from: number): void {
  if (from < 1) return
  for (let k = from; k < values.length; k++) values[k] = values[from - 1]
}

function checkBins(records: readonly SummaryRecord[]): number {
  if (records.length === 0) throw new Error('no analysed recordings to estimate from')
  const bins = records[0].meanLogMagnitude.length
  for (const r of records) {
    if (r.meanLogMagnitude.length !== bins || r.meanMagnitude.length !== bins) {
      throw new Error(`recording ${r.id} has a summary of another STFT size; analyse it again`)
    }
  }
  return bins
}

/** Per-device stream of subset draws that does not depend on the order devices are visited in. */
function hashSeed(seed: number, device: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < device.length; i++) h = Math.imul(h ^ device.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** Per bin, the sums over the recordings covering it of `pick(r)[k]`, and their count. */
function sumCovered(
  recs: readonly SummaryRecord[],
  ctx: Context,
  pick: (r: SummaryRecord) => ArrayLike<number>,
): { sum: Float64Array; count: Int32Array; covered: number } {
  return sumOverCovering(recs, ctx.bins, ctx.cover, pick)
}

const logsOf = (r: SummaryRecord): ArrayLike<number> => r.meanLogMagnitude
const magnitudesOf = (r: SummaryRecord): ArrayLike<number> => r.meanMagnitude

/**
 * Eq. 9: C = gmean_s g_s,r / gmean_s g_s,d, each recording weighted once (per bin, over the
 * recordings covering it). Each device's subset is drawn from its own stream, so the reference
 * uses the same recordings whichever device is corrected and C_d→r = C_d→r′ · C_r′→r holds.
 */
function unaligned(
  records: readonly SummaryRecord[],
  device: string,
  reference: string,
  ctx: Context,
): DeviceEstimate | string {
  const pick = (d: string): SummaryRecord[] => {
    const all = records.filter((r) => r.device === d)
    return ctx.maxPerDevice === undefined
      ? all
      : sampleWithoutReplacement(all, ctx.maxPerDevice, ctx.streamOf(d))
  }
  const own = pick(device)
  if (own.length === 0) return 'no analysed recordings'
  const { bins } = ctx
  const coefficients = new Float64Array(bins).fill(1)
  const logD = sumCovered(own, ctx, logsOf)
  let coveredBins = logD.covered
  if (device !== reference) {
    const logR = sumCovered(pick(reference), ctx, logsOf)
    coveredBins = Math.min(coveredBins, logR.covered)
    for (let k = 0; k < coveredBins; k++) {
      coefficients[k] = Math.exp(logR.sum[k] / logR.count[k] - logD.sum[k] / logD.count[k])
    }
  }
  return {
    device,
    coefficients,
    recordings: own.length,
    segments: 0,
    unequalFramePairs: 0,
    coveredBins,
  }
}

function segmentsOf(records: readonly SummaryRecord[]): Segment[] {
  const byGroup = new Map<string, Segment>()
  for (const r of records) {
    if (r.group === null || r.group === '') continue
    let seg = byGroup.get(r.group)
    if (!seg) byGroup.set(r.group, (seg = { group: r.group, byDevice: new Map() }))
    const list = seg.byDevice.get(r.device)
    if (list) list.push(r)
    else seg.byDevice.set(r.device, [r])
  }
  return [...byGroup.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
}

/**
 * Aligned (eq. 8): per segment gmean_t(|S_r|/|S_d|) = exp(meanLog_r − meanLog_d) for equal frame
 * counts, then the geometric mean over segments. dcase2019: per segment mean_t|S_r| / mean_t|S_d|,
 * then the arithmetic mean over segments. Only segments holding both devices count.
 */
function paired(
  records: readonly SummaryRecord[],
  device: string,
  reference: string,
  variant: 'aligned' | 'dcase2019',
  ctx: Context,
): DeviceEstimate | string {
  let segments = segmentsOf(records).filter(
    (s) => s.byDevice.has(device) && s.byDevice.has(reference),
  )
  if (segments.length === 0) return `no alignment group holds both ${device} and ${reference}`
  if (ctx.maxPerDevice !== undefined)
    segments = sampleWithoutReplacement(segments, ctx.maxPerDevice, ctx.streamOf(device))
  const { bins } = ctx
  const coefficients = new Float64Array(bins)
  // Segments entering each bin: those whose recordings of both devices cover it.
  const used = new Int32Array(bins)
  let recordings = 0
  let unequalFramePairs = 0
  const pick = variant === 'aligned' ? logsOf : magnitudesOf
  for (const seg of segments) {
    const own = seg.byDevice.get(device)!
    const ref = seg.byDevice.get(reference)!
    recordings += own.length
    if (own.some((d) => ref.some((r) => r.frames !== d.frames))) unequalFramePairs++
    const r = sumCovered(ref, ctx, pick)
    const d = sumCovered(own, ctx, pick)
    const n = Math.min(r.covered, d.covered)
    for (let k = 0; k < n; k++) {
      used[k]++
      coefficients[k] +=
        variant === 'aligned'
          ? r.sum[k] / r.count[k] - d.sum[k] / d.count[k]
          : r.sum[k] / r.count[k] / Math.max(d.sum[k] / d.count[k], MAGNITUDE_FLOOR)
    }
  }
  let coveredBins = 0
  while (coveredBins < bins && used[coveredBins] > 0) coveredBins++
  for (let k = 0; k < coveredBins; k++) {
    const mean = coefficients[k] / used[k]
    coefficients[k] = variant === 'aligned' ? Math.exp(mean) : mean
  }
  if (device === reference) coefficients.fill(1)
  return {
    device,
    coefficients,
    recordings,
    segments: segments.length,
    unequalFramePairs,
    coveredBins,
  }
}
