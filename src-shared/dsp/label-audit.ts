// Label audit: which recordings sound like another device than the one they are filed under. A
// recording's spectral signature is its mean log spectrum on third-octave bands (equal weight per
// octave, so that the many high bins do not outvote the low ones), level removed. In an alignment
// group, its log ratio to each other device's recording of the same moment cancels the content and
// is compared with what that ratio is for each candidate device in the other groups (their median);
// elsewhere it is compared with each device's median signature, leaving the recording itself out.
import { coveredBins } from './coverage'
import { DB_PER_NEPER } from './device-spectra'
import type { SummaryRecord } from './estimate'

export interface LabelAuditOptions {
  /** Analysis rate in Hz of the summaries (`meanLogMagnitude` has nFft/2+1 bins). */
  sampleRate: number
  /** Lowest band centre in Hz (default 50): below it, mains hum and DC offsets dominate. */
  minHz?: number
  /**
   * A recording is suspected when another device fits it at least this many dB RMS better than
   * its own (default SUSPECT_MARGIN_DB) and by at least SUSPECT_RATIO times.
   */
  marginDb?: number
}

/**
 * Calibrated on generated corpora (test/shared/dsp/label-audit.test.ts, test/main/cli/audit.test.ts):
 * no correctly labelled recording fits another device better by more than 0.5 dB, even beside
 * misfiled ones; a phone recording filed under another device fits the phone better by 16 to 20
 * dB. Two devices that differ by a +9 dB peak only are told apart within an alignment group
 * (2.3 dB), not across own scenes, whose content varies more than that (under 1 dB).
 */
export const SUSPECT_MARGIN_DB = 1.5
/** Own distance over the best match's: content that merely resembles another device stays below. */
export const SUSPECT_RATIO = 1.5

/** How well a recording fits each device, and whether its label is suspected. */
export interface LabelFit {
  id: number
  device: string
  /** The device that fits best (may be its own). */
  bestMatch: string
  /** Distance to its own device minus the best match's, dB RMS (0 when its own fits best). */
  score: number
  /** `aligned`: ratios within its alignment group; `device-mean`: leave-one-out device medians. */
  method: 'aligned' | 'device-mean'
  /** Per candidate device, the distance in dB RMS (level removed) over the shared bands. */
  distancesDb: Record<string, number>
  suspected: boolean
}

/** Band edges in bins: third octaves centred on 1 kHz·2^(n/3), from minHz to below Nyquist. */
function thirdOctaveBands(sampleRate: number, bins: number, minHz: number): [number, number][] {
  const binHz = sampleRate / (2 * (bins - 1))
  const bands: [number, number][] = []
  for (let n = Math.ceil(3 * Math.log2(minHz / 1000)); ; n++) {
    const centre = 1000 * Math.pow(2, n / 3)
    const lo = Math.ceil((centre * Math.pow(2, -1 / 6)) / binHz)
    const hi = Math.floor((centre * Math.pow(2, 1 / 6)) / binHz)
    if (hi >= bins - 1) break
    if (hi >= lo) bands.push([Math.max(1, lo), hi])
  }
  return bands
}

/** RMS of a − b (− c) over the bands finite in all, their mean removed; NaN under 3 bands. */
function shapeDistance(a: Float64Array, b: Float64Array, c?: Float64Array): number {
  let n = 0
  let sum = 0
  let sq = 0
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i] - (c ? c[i] : 0)
    if (!Number.isFinite(d)) continue
    n++
    sum += d
    sq += d * d
  }
  if (n < 3) return NaN
  return Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2))
}

/**
 * Signatures (or log ratios) collected per band. Their per-band median, not their mean, is the
 * device's: a few misfiled recordings would otherwise drag it towards their own device (one
 * phone recording among seven moves a mean by several dB where the phone is 60 dB down).
 */
class BandSet {
  private readonly items: Float64Array[] = []
  add(v: Float64Array): void {
    this.items.push(v)
  }
  /** Per band, the median of the finite values (leaving `without` out), NaN where none. */
  median(without?: Float64Array): Float64Array {
    const kept = this.items.filter((v) => v !== without)
    const n = kept[0]?.length ?? 0
    const out = new Float64Array(n)
    const col: number[] = []
    for (let b = 0; b < n; b++) {
      col.length = 0
      for (const v of kept) if (Number.isFinite(v[b])) col.push(v[b])
      col.sort((x, y) => x - y)
      const m = col.length >> 1
      out[b] = col.length === 0 ? NaN : col.length % 2 ? col[m] : (col[m - 1] + col[m]) / 2
    }
    return out
  }
}

/**
 * Fits every recording of `records` (each with its native `sampleRate`, so that it is compared
 * only on the bands it covers) to every device with at least two recordings, and suspects those
 * whose own device fits clearly worse than another. Recordings of a device with a single
 * recording are fitted but never suspected (nothing to compare them with).
 */
export function auditLabels(
  records: readonly SummaryRecord[],
  options: LabelAuditOptions,
): LabelFit[] {
  const { sampleRate } = options
  const minHz = options.minHz ?? 50
  const marginDb = options.marginDb ?? SUSPECT_MARGIN_DB
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive (Hz)`)
  if (!(minHz > 0)) throw new Error(`minHz=${minHz} must be positive (Hz)`)
  if (!(marginDb >= 0)) throw new Error(`marginDb=${marginDb} must be >= 0 (dB)`)
  if (records.length === 0) return []
  const bins = records[0].meanLogMagnitude.length
  const bands = thirdOctaveBands(sampleRate, bins, minHz)
  const signature = new Map<number, Float64Array>()
  for (const r of records) {
    if (r.meanLogMagnitude.length !== bins) {
      throw new Error(`recording ${r.id} has ${r.meanLogMagnitude.length} bins, not ${bins}`)
    }
    const covered = coveredBins(r.sampleRate, { sampleRate, bins })
    signature.set(
      r.id,
      Float64Array.from(bands, ([lo, hi]) => {
        if (hi >= covered) return NaN
        let s = 0
        for (let k = lo; k <= hi; k++) s += r.meanLogMagnitude[k]
        return (s / (hi - lo + 1)) * DB_PER_NEPER
      }),
    )
  }
  const sig = (r: SummaryRecord): Float64Array => signature.get(r.id)!
  const byDevice = new Map<string, SummaryRecord[]>()
  for (const r of records) byDevice.set(r.device, [...(byDevice.get(r.device) ?? []), r])
  const devices = [...byDevice.keys()].sort()
  const means = new Map(
    devices.map((d) => {
      const s = new BandSet()
      for (const r of byDevice.get(d)!) s.add(sig(r))
      return [d, s]
    }),
  )
  const candidates = devices.filter((d) => byDevice.get(d)!.length >= 2)

  // Alignment groups: per group, per device, its recordings; per device pair, the sum over
  // groups of the log ratio of their recordings (the first of each device in a group).
  const groups = new Map<string, Map<string, SummaryRecord>>()
  for (const r of records) {
    if (r.group === null) continue
    const g = groups.get(r.group) ?? new Map<string, SummaryRecord>()
    if (!g.has(r.device)) g.set(r.device, r)
    groups.set(r.group, g)
  }
  const pairKey = (a: string, b: string): string => JSON.stringify([a, b])
  const ratios = new Map<string, BandSet>()
  const ratioCache = new Map<string, Float64Array>()
  // One array per pair of recordings, so that `median(without)` can leave it out by identity.
  const ratioOf = (a: SummaryRecord, b: SummaryRecord): Float64Array => {
    const key = `${a.id}/${b.id}`
    let v = ratioCache.get(key)
    if (!v) {
      const sb = sig(b)
      v = sig(a).map((x, i) => x - sb[i])
      ratioCache.set(key, v)
    }
    return v
  }
  for (const g of groups.values()) {
    for (const [a, ra] of g) {
      for (const [b, rb] of g) {
        if (a === b) continue
        const key = pairKey(a, b)
        const s = ratios.get(key) ?? new BandSet()
        s.add(ratioOf(ra, rb))
        ratios.set(key, s)
      }
    }
  }

  return records.map((r): LabelFit => {
    const own = sig(r)
    const group = r.group === null ? undefined : groups.get(r.group)
    const partners =
      group && group.get(r.device) === r ? [...group.entries()].filter(([d]) => d !== r.device) : []
    const distancesDb: Record<string, number> = {}
    const method = partners.length ? 'aligned' : 'device-mean'
    for (const d of candidates) {
      const mean = means.get(d)!.median(d === r.device ? own : undefined)
      if (method === 'device-mean') {
        distancesDb[d] = shapeDistance(own, mean)
        continue
      }
      // Expected log ratio of d to each partner device e, from the other groups; d = e: none.
      let sq = 0
      let n = 0
      for (const [e, re] of partners) {
        const observed = ratioOf(r, re)
        let expected: Float64Array
        if (d === e) expected = new Float64Array(bands.length)
        else {
          const s = ratios.get(pairKey(d, e))
          const here = group!.get(d)
          const others = s && s.median(here ? ratioOf(here, re) : undefined)
          const partnerMean = means.get(e)!.median()
          expected =
            others && others.some(Number.isFinite) ? others : mean.map((v, i) => v - partnerMean[i])
        }
        const dist = shapeDistance(observed, expected)
        if (Number.isFinite(dist)) {
          sq += dist * dist
          n++
        }
      }
      distancesDb[d] = n ? Math.sqrt(sq / n) : NaN
    }
    let bestMatch = r.device
    let best = distancesDb[r.device] ?? NaN
    for (const d of candidates) {
      if (Number.isFinite(distancesDb[d]) && !(distancesDb[d] >= best)) {
        best = distancesDb[d]
        bestMatch = d
      }
    }
    const ownDistance = distancesDb[r.device]
    const score = Number.isFinite(ownDistance) && bestMatch !== r.device ? ownDistance - best : 0
    const suspected =
      bestMatch !== r.device && score >= marginDb && ownDistance >= SUSPECT_RATIO * best
    return { id: r.id, device: r.device, bestMatch, score, method, distancesDb, suspected }
  })
}
