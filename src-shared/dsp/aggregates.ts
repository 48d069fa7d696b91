// Aggregates of the spectral summaries from which the unaligned and aligned estimators (paper eqs.
// 9 and 8) and the devices' mean spectra follow in O(devices² × bins), whatever the number of
// recordings. They hold only sums of mean_t log|S(t,f)| (natural log) per bin, in float64.
import type { CorrectionEstimate, DeviceEstimate } from './estimate'

/** What the aggregates need of a recording besides its spectrum. */
export interface AggregateMember {
  id: number
  device: string
  /** Alignment group; null or '' for none. */
  group: string | null
  frames: number
}

/**
 * Sums over the analysed recordings. D = devices.length; pair arrays are D × D row-major, with
 * [d·D + e] about device d in the alignment groups that also hold device e (e = d: every group
 * holding d).
 */
export interface SummaryAggregates {
  bins: number
  /** Sorted device names. */
  devices: string[]
  /** Recordings per device. */
  counts: Int32Array
  /** D × bins: Σ over the device's recordings of meanLogMagnitude. */
  sumLog: Float64Array
  /** D × D: alignment groups holding both devices. */
  pairSegments: Int32Array
  /** D × D: recordings of d in the groups holding both. */
  pairRecordings: Int32Array
  /** D × D: groups holding both whose recordings of the two devices differ in frame count. */
  pairUnequal: Int32Array
  /** D × D × bins: Σ over the groups holding both of d's mean meanLogMagnitude in the group. */
  pairMeanLog: Float64Array
  /** Every recording summed, ascending. */
  ids: Int32Array
}

interface GroupCell {
  n: number
  minFrames: number
  maxFrames: number
}

/**
 * Builds the aggregates in two steps, so that no spectrum is kept: the members first (ids,
 * labels, frame counts), then each member's spectrum once, in any order, through `add`.
 */
export class AggregateBuilder {
  private readonly a: SummaryAggregates
  private readonly deviceOf = new Map<number, number>()
  /** Per member with a group: the devices of its group, and 1 / (its device's count in the group). */
  private readonly pairOf = new Map<number, { devices: number[]; weight: number }>()
  private readonly added = new Set<number>()

  constructor(members: readonly AggregateMember[], bins: number) {
    if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`bins=${bins} must be >= 1`)
    const devices = [...new Set(members.map((m) => m.device))].sort()
    const index = new Map(devices.map((d, i) => [d, i]))
    const D = devices.length
    this.a = {
      bins,
      devices,
      counts: new Int32Array(D),
      sumLog: new Float64Array(D * bins),
      pairSegments: new Int32Array(D * D),
      pairRecordings: new Int32Array(D * D),
      pairUnequal: new Int32Array(D * D),
      pairMeanLog: new Float64Array(D * D * bins),
      ids: Int32Array.from(members, (m) => m.id).sort(),
    }
    const groups = new Map<string, Map<number, GroupCell>>()
    for (const m of members) {
      const d = index.get(m.device)!
      this.deviceOf.set(m.id, d)
      this.a.counts[d]++
      if (m.group === null || m.group === '') continue
      let cells = groups.get(m.group)
      if (!cells) groups.set(m.group, (cells = new Map()))
      const cell = cells.get(d)
      if (!cell) cells.set(d, { n: 1, minFrames: m.frames, maxFrames: m.frames })
      else {
        cell.n++
        cell.minFrames = Math.min(cell.minFrames, m.frames)
        cell.maxFrames = Math.max(cell.maxFrames, m.frames)
      }
    }
    for (const cells of groups.values()) {
      for (const [d, cd] of cells) {
        for (const [e, ce] of cells) {
          this.a.pairSegments[d * D + e]++
          this.a.pairRecordings[d * D + e] += cd.n
          const min = Math.min(cd.minFrames, ce.minFrames)
          const max = Math.max(cd.maxFrames, ce.maxFrames)
          if (min !== max) this.a.pairUnequal[d * D + e]++
        }
      }
    }
    const groupDevices = new Map<string, number[]>()
    for (const [g, cells] of groups) groupDevices.set(g, [...cells.keys()])
    for (const m of members) {
      if (m.group === null || m.group === '') continue
      const d = index.get(m.device)!
      const cell = groups.get(m.group)!.get(d)!
      this.pairOf.set(m.id, { devices: groupDevices.get(m.group)!, weight: 1 / cell.n })
    }
  }

  /** Adds member `id`'s meanLogMagnitude (natural log, one value per bin). */
  add(id: number, meanLogMagnitude: ArrayLike<number>): void {
    const d = this.deviceOf.get(id)
    if (d === undefined) throw new Error(`recording ${id} is not one of the aggregated members`)
    if (this.added.has(id)) throw new Error(`recording ${id} was added to the aggregates twice`)
    const { bins, devices, sumLog, pairMeanLog } = this.a
    if (meanLogMagnitude.length !== bins) {
      throw new Error(`recording ${id} has a summary of another STFT size; analyse it again`)
    }
    this.added.add(id)
    const own = d * bins
    for (let k = 0; k < bins; k++) sumLog[own + k] += meanLogMagnitude[k]
    const pair = this.pairOf.get(id)
    if (!pair) return
    for (const e of pair.devices) {
      const at = (d * devices.length + e) * bins
      for (let k = 0; k < bins; k++) pairMeanLog[at + k] += meanLogMagnitude[k] * pair.weight
    }
  }

  /** The aggregates; throws when a member's spectrum was never added. */
  result(): SummaryAggregates {
    if (this.added.size !== this.deviceOf.size) {
      const missing = [...this.deviceOf.keys()].find((id) => !this.added.has(id))
      throw new Error(`recording ${missing} has no spectrum in the aggregates`)
    }
    return this.a
  }
}

/** The device with the most recordings (ties: alphabetical), or undefined when there is none. */
export function mostRecordedDevice(a: SummaryAggregates): string | undefined {
  let best: number | undefined
  for (let d = 0; d < a.devices.length; d++) {
    if (best === undefined || a.counts[d] > a.counts[best]) best = d
  }
  return best === undefined ? undefined : a.devices[best]
}

/** Mean meanLogMagnitude per device (natural log), one array of `bins` values each. */
export function meanLogByDevice(a: SummaryAggregates): Map<string, Float64Array> {
  return new Map(
    a.devices.map((device, d) => {
      const mean = a.sumLog.slice(d * a.bins, (d + 1) * a.bins)
      for (let k = 0; k < a.bins; k++) mean[k] /= a.counts[d]
      return [device, mean]
    }),
  )
}

/**
 * The unaligned (eq. 9) or aligned (eq. 8) estimate of every device towards `reference`, equal
 * (to rounding) to estimateCorrection on the aggregated recordings with every recording entering
 * every bin and no subset (maxPerDevice unset).
 */
export function estimateFromAggregates(
  a: SummaryAggregates,
  options: { variant: 'unaligned' | 'aligned'; reference: string },
): CorrectionEstimate {
  const { variant, reference } = options
  const { bins, devices } = a
  const D = devices.length
  const r = devices.indexOf(reference)
  if (r < 0) {
    throw new Error(
      `reference=${reference} has no analysed recordings (devices: ${devices.join(', ')})`,
    )
  }
  const result: CorrectionEstimate = { variant, reference, bins, devices: {}, missing: [] }
  for (let d = 0; d < D; d++) {
    const device = devices[d]
    const coefficients = new Float64Array(bins).fill(1)
    let estimate: DeviceEstimate
    if (variant === 'unaligned') {
      if (d !== r) {
        const [ref, own] = [r * bins, d * bins]
        for (let k = 0; k < bins; k++) {
          coefficients[k] = Math.exp(
            a.sumLog[ref + k] / a.counts[r] - a.sumLog[own + k] / a.counts[d],
          )
        }
      }
      estimate = {
        device,
        coefficients,
        recordings: a.counts[d],
        segments: 0,
        unequalFramePairs: 0,
      }
    } else {
      const segments = a.pairSegments[d * D + r]
      if (segments === 0) {
        result.missing.push({
          device,
          reason: `no alignment group holds both ${device} and ${reference}`,
        })
        continue
      }
      if (d !== r) {
        const [ref, own] = [(r * D + d) * bins, (d * D + r) * bins]
        for (let k = 0; k < bins; k++) {
          coefficients[k] = Math.exp((a.pairMeanLog[ref + k] - a.pairMeanLog[own + k]) / segments)
        }
      }
      estimate = {
        device,
        coefficients,
        recordings: a.pairRecordings[d * D + r],
        segments,
        unequalFramePairs: a.pairUnequal[d * D + r],
      }
    }
    result.devices[device] = { ...estimate, coveredBins: bins }
  }
  return result
}
