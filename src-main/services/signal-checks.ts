// Signal checks: recordings with substantial digital silence, clipping or DC offset, and how much
// of each device they make up; and what leaving silent frames out (frame gating) changes.
import type { DeviceSignalChecks, SignalFlag } from '@shared/model/signal-checks'
import { loadSummaryRecords, signalFacts, type SignalFacts } from '../db/summaries-repo'
import { estimateRegularized, type EstimateResult } from './estimation'
import type { Project } from './project'

export type { DeviceSignalChecks }

/** A recording is flagged for silence when at least this share of its frames is digitally silent. */
export const SILENCE_SHARE = 0.05
/** …for clipping when at least this share of its samples (all channels) is clipped. */
export const CLIPPING_SHARE = 1e-4
/** …for DC when the mean of its mixdown is at least this large (full scale; −40 dBFS). */
export const DC_LEVEL = 0.01
/** Examples listed per device and kind. */
const EXAMPLES = 3

/** What is wrong with one recording, if anything. */
function flagsOf(r: SignalFacts): SignalFlag[] {
  const flags: SignalFlag[] = []
  if (r.silentFrames !== null && r.frames > 0 && r.silentFrames / r.frames >= SILENCE_SHARE)
    flags.push('silence')
  const samples = (r.durationSec ?? 0) * (r.sampleRate ?? 0) * (r.channels ?? 1)
  if (r.clippedSamples && samples > 0 && r.clippedSamples / samples >= CLIPPING_SHARE)
    flags.push('clipping')
  if (r.dc !== null && Math.abs(r.dc) >= DC_LEVEL) flags.push('dc')
  return flags
}

/** Per device: its recordings flagged for silence, clipping and DC, and their share of it. */
export function signalChecks(project: Project): DeviceSignalChecks[] {
  const byDevice = new Map<string, SignalFacts[]>()
  for (const r of signalFacts(project.db, project.analysisKey())) {
    const list = byDevice.get(r.device)
    if (list) list.push(r)
    else byDevice.set(r.device, [r])
  }
  return [...byDevice].map(([device, recs]) => {
    const seconds = recs.reduce((a, r) => a + (r.durationSec ?? 0), 0)
    const frames = recs.reduce((a, r) => a + r.frames, 0)
    const kinds: DeviceSignalChecks['kinds'] = {
      silence: { recordings: 0, seconds: 0, share: 0, examples: [] },
      clipping: { recordings: 0, seconds: 0, share: 0, examples: [] },
      dc: { recordings: 0, seconds: 0, share: 0, examples: [] },
    }
    for (const r of recs) {
      for (const flag of flagsOf(r)) {
        const k = kinds[flag]
        k.recordings++
        k.seconds += r.durationSec ?? 0
        if (k.examples.length < EXAMPLES) k.examples.push(r.path)
      }
    }
    for (const k of Object.values(kinds)) k.share = seconds > 0 ? k.seconds / seconds : 0
    const silentFrames = recs.reduce((a, r) => a + (r.silentFrames ?? 0), 0)
    return {
      device,
      recordings: recs.length,
      seconds,
      kinds,
      silentFrameShare: frames > 0 ? silentFrames / frames : 0,
      silenceUnknown: recs.filter((r) => r.silentFrames === null).length,
      silentRecordings: recs.filter((r) => r.status === 'silent').length,
    }
  })
}

/** Lines naming what the checks found, per device, for the command line. */
export function signalCheckLines(checks: readonly DeviceSignalChecks[]): string[] {
  const lines: string[] = []
  const pct = (x: number): string => `${(100 * x).toFixed(x < 0.01 ? 2 : 0)}%`
  const what = {
    silence: `digital silence in ≥ ${pct(SILENCE_SHARE)} of their frames`,
    clipping: `clipping in ≥ ${pct(CLIPPING_SHARE)} of their samples`,
    dc: `a DC offset of ≥ ${DC_LEVEL} (−40 dBFS)`,
  }
  for (const c of checks) {
    for (const kind of ['silence', 'clipping', 'dc'] as const) {
      const k = c.kinds[kind]
      if (!k.recordings) continue
      lines.push(
        `${c.device}: ${k.recordings} of ${c.recordings} recordings (${pct(k.share)} of its audio) have ${what[kind]}, e.g. ${k.examples.join(', ')}`,
      )
    }
    if (c.silenceUnknown)
      lines.push(
        `${c.device}: silence not measured for ${c.silenceUnknown} recordings analysed by an earlier version`,
      )
  }
  return lines
}

/** What frame gating changes in each device's curve: the largest change in dB, and its frames. */
export interface GatingEffect {
  device: string
  /** Share of the device's frames that gating leaves out. */
  silentFrameShare: number
  /** Largest |gated − ungated| coefficient over bins 1 … nFft/2 (dB). */
  maxChangeDb: number
}

/**
 * The effect of frame gating on `est`: the estimate made with the same settings but the other
 * gating, compared per device. Devices without silent frames change by 0.
 */
export function gatingEffect(project: Project, est: EstimateResult): GatingEffect[] {
  const key = project.analysisKey()
  const load = (gated: boolean) => loadSummaryRecords(project.db, key, { gated })
  const other = estimateRegularized(load(!est.frameGating), est, est)
  const shares = new Map(signalChecks(project).map((c) => [c.device, c.silentFrameShare]))
  return Object.values(est.devices).map((d) => {
    const o = other.devices[d.device]
    let maxChangeDb = 0
    if (o) {
      const c = o.coefficients
      for (let k = 1; k < c.length; k++) {
        maxChangeDb = Math.max(maxChangeDb, Math.abs(20 * Math.log10(d.coefficients[k] / c[k])))
      }
    }
    return { device: d.device, silentFrameShare: shares.get(d.device) ?? 0, maxChangeDb }
  })
}
