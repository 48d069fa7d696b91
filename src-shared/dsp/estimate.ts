// Correction coefficients C_d→r(f) = H_r(f) / H_d(f) from spectral summaries only (no audio).
// Definitions: golden/README.md; paper eqs. 8 (aligned) and 9 (unaligned).
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
  const result: CorrectionEstimate = { variant, reference, bins, devices: {}, missing: [] }
  for (const device of wanted) {
    const random = seededRandom(hashSeed(options.seed ?? 0, device))
    const estimate =
      variant === 'unaligned'
        ? unaligned(sorted, device, reference, bins, options.maxPerDevice, random)
        : paired(sorted, device, reference, bins, variant, options.maxPerDevice, random)
    if (typeof estimate === 'string') result.missing.push({ device, reason: estimate })
    else result.devices[device] = estimate
  }
  return result
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

/** Sum over recordings of meanLog (float64), for geometric means. */
function sumLogs(recs: readonly SummaryRecord[], bins: number): Float64Array {
  const sum = new Float64Array(bins)
  for (const r of recs) for (let k = 0; k < bins; k++) sum[k] += r.meanLogMagnitude[k]
  return sum
}

/** Eq. 9: C = gmean_s g_s,r / gmean_s g_s,d, each recording weighted once. */
function unaligned(
  records: readonly SummaryRecord[],
  device: string,
  reference: string,
  bins: number,
  maxPerDevice: number | undefined,
  random: () => number,
): DeviceEstimate | string {
  const pick = (d: string): SummaryRecord[] => {
    const all = records.filter((r) => r.device === d)
    return maxPerDevice === undefined ? all : sampleWithoutReplacement(all, maxPerDevice, random)
  }
  const own = pick(device)
  if (own.length === 0) return 'no analysed recordings'
  const coefficients = new Float64Array(bins).fill(1)
  if (device !== reference) {
    const ref = pick(reference)
    const logR = sumLogs(ref, bins)
    const logD = sumLogs(own, bins)
    for (let k = 0; k < bins; k++) {
      coefficients[k] = Math.exp(logR[k] / ref.length - logD[k] / own.length)
    }
  }
  return { device, coefficients, recordings: own.length, segments: 0, unequalFramePairs: 0 }
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
  bins: number,
  variant: 'aligned' | 'dcase2019',
  maxPerDevice: number | undefined,
  random: () => number,
): DeviceEstimate | string {
  let segments = segmentsOf(records).filter(
    (s) => s.byDevice.has(device) && s.byDevice.has(reference),
  )
  if (segments.length === 0) return `no alignment group holds both ${device} and ${reference}`
  if (maxPerDevice !== undefined)
    segments = sampleWithoutReplacement(segments, maxPerDevice, random)
  const coefficients = new Float64Array(bins)
  let recordings = 0
  let unequalFramePairs = 0
  for (const seg of segments) {
    const own = seg.byDevice.get(device)!
    const ref = seg.byDevice.get(reference)!
    recordings += own.length
    if (own.some((d) => ref.some((r) => r.frames !== d.frames))) unequalFramePairs++
    if (variant === 'aligned') {
      const logR = sumLogs(ref, bins)
      const logD = sumLogs(own, bins)
      for (let k = 0; k < bins; k++) coefficients[k] += logR[k] / ref.length - logD[k] / own.length
    } else {
      for (let k = 0; k < bins; k++) {
        coefficients[k] += meanAt(ref, k) / Math.max(meanAt(own, k), MAGNITUDE_FLOOR)
      }
    }
  }
  for (let k = 0; k < bins; k++) {
    const mean = coefficients[k] / segments.length
    coefficients[k] = variant === 'aligned' ? Math.exp(mean) : mean
  }
  if (device === reference) coefficients.fill(1)
  return { device, coefficients, recordings, segments: segments.length, unequalFramePairs }
}

function meanAt(recs: readonly SummaryRecord[], k: number): number {
  let sum = 0
  for (const r of recs) sum += r.meanMagnitude[k]
  return sum / recs.length
}
