// Aggregates of the spectral summaries from which the unaligned and aligned estimators (paper eqs.
// 9 and 8) and the devices' mean spectra follow in O(devices² × bins), whatever the number of
// recordings. They hold only sums of mean_t log|S(t,f)| (natural log) per bin, in float64.
import type { CorrectionEstimate } from './estimate'
import { MAGNITUDE_FLOOR } from './summary'

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

/** Index of `reference` among the aggregated devices; throws naming them when it is not one. */
function referenceIndex(a: SummaryAggregates, reference: string): number {
  const r = a.devices.indexOf(reference)
  if (r < 0) {
    throw new Error(
      `reference=${reference} has no analysed recordings (devices: ${a.devices.join(', ')})`,
    )
  }
  return r
}

/**
 * Every device's estimate towards device r: `coefficient(d, k, segments)` per bin for the devices
 * other than r (1 for r itself), and for the paired variants the counts of the groups holding
 * both (a device in none of them is missing).
 */
function estimateEach(
  a: SummaryAggregates,
  variant: CorrectionEstimate['variant'],
  r: number,
  coefficient: (d: number, k: number, segments: number) => number,
): CorrectionEstimate {
  const { bins, devices } = a
  const D = devices.length
  const reference = devices[r]
  const result: CorrectionEstimate = { variant, reference, bins, devices: {}, missing: [] }
  for (let d = 0; d < D; d++) {
    const device = devices[d]
    const paired = variant !== 'unaligned'
    const segments = paired ? a.pairSegments[d * D + r] : 0
    if (paired && segments === 0) {
      result.missing.push({
        device,
        reason: `no alignment group holds both ${device} and ${reference}`,
      })
      continue
    }
    const coefficients = new Float64Array(bins).fill(1)
    if (d !== r) for (let k = 0; k < bins; k++) coefficients[k] = coefficient(d, k, segments)
    result.devices[device] = {
      device,
      coefficients,
      recordings: paired ? a.pairRecordings[d * D + r] : a.counts[d],
      segments,
      unequalFramePairs: paired ? a.pairUnequal[d * D + r] : 0,
      coveredBins: bins,
    }
  }
  return result
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
  const r = referenceIndex(a, options.reference)
  const { bins, counts, sumLog, pairMeanLog } = a
  const D = a.devices.length
  return options.variant === 'unaligned'
    ? estimateEach(a, 'unaligned', r, (d, k) =>
        Math.exp(sumLog[r * bins + k] / counts[r] - sumLog[d * bins + k] / counts[d]),
      )
    : estimateEach(a, 'aligned', r, (d, k, segments) =>
        Math.exp(
          (pairMeanLog[(r * D + d) * bins + k] - pairMeanLog[(d * D + r) * bins + k]) / segments,
        ),
      )
}

/**
 * The dcase2019 estimate (per group mean_t|S_r| / mean_t|S_d|, then the arithmetic mean over the
 * groups holding both) from a stream of meanMagnitude spectra, keeping only the reference's mean
 * per group (groups × bins float64), not every recording's spectrum. The reference's spectra go
 * through `addReference` before any other device's go through `add`. It needs one recording per
 * (device, group) besides the reference's (`supports`); equal, to rounding, to estimateCorrection
 * without a subset.
 */
export class Dcase2019Builder {
  private readonly r: number
  private readonly groupIndex = new Map<string, number>()
  private readonly refSum: Float64Array
  private readonly refCount: Int32Array
  private readonly sums: Float64Array
  private readonly memberOf = new Map<number, { device: number; group: number }>()
  private referenceDone = false

  /** True when every device other than the reference has at most one recording per group. */
  static supports(members: readonly AggregateMember[], reference: string): boolean {
    const seen = new Set<string>()
    for (const m of members) {
      if (m.device === reference || m.group === null || m.group === '') continue
      const cell = JSON.stringify([m.device, m.group])
      if (seen.has(cell)) return false
      seen.add(cell)
    }
    return true
  }

  constructor(
    private readonly a: SummaryAggregates,
    members: readonly AggregateMember[],
    private readonly reference: string,
  ) {
    this.r = referenceIndex(a, reference)
    if (!Dcase2019Builder.supports(members, reference)) {
      throw new Error('a device has several recordings in one alignment group: estimate directly')
    }
    const index = new Map(a.devices.map((d, i) => [d, i]))
    for (const m of members) {
      if (m.group === null || m.group === '') continue
      let g = this.groupIndex.get(m.group)
      if (g === undefined) this.groupIndex.set(m.group, (g = this.groupIndex.size))
      this.memberOf.set(m.id, { device: index.get(m.device)!, group: g })
    }
    this.refSum = new Float64Array(this.groupIndex.size * a.bins)
    this.refCount = new Int32Array(this.groupIndex.size)
    this.sums = new Float64Array(a.devices.length * a.bins)
  }

  /** A recording of the reference; those without a group are ignored. */
  addReference(id: number, meanMagnitude: ArrayLike<number>): void {
    if (this.referenceDone) {
      throw new Error(
        `recording ${id}: every spectrum of the reference must come before the others`,
      )
    }
    const m = this.memberOf.get(id)
    if (!m) return
    if (m.device !== this.r) throw new Error(`recording ${id} is not of ${this.reference}`)
    const { bins } = this.a
    const at = m.group * bins
    for (let k = 0; k < bins; k++) this.refSum[at + k] += meanMagnitude[k]
    this.refCount[m.group]++
  }

  /** A recording of another device; those without a group or without the reference are ignored. */
  add(id: number, meanMagnitude: ArrayLike<number>): void {
    this.referenceDone = true
    const m = this.memberOf.get(id)
    if (!m || m.device === this.r) return
    const n = this.refCount[m.group]
    if (n === 0) return
    const { bins } = this.a
    const [ref, own] = [m.group * bins, m.device * bins]
    for (let k = 0; k < bins; k++) {
      this.sums[own + k] += this.refSum[ref + k] / n / Math.max(meanMagnitude[k], MAGNITUDE_FLOOR)
    }
  }

  result(): CorrectionEstimate {
    const { bins } = this.a
    return estimateEach(
      this.a,
      'dcase2019',
      this.r,
      (d, k, segments) => this.sums[d * bins + k] / segments,
    )
  }
}
