// The one JSON form of an estimate: `scw estimate --json`, the Correction view's coefficients
// download, and the `estimate` of an export's scw-export.json.
import type { EstimateProvenance } from '@shared/api/views'
import type { Regularization } from '@shared/dsp/regularize'
import type { EstimateResult } from './estimation'

export interface EstimateJson extends EstimateProvenance {
  estimateId: number
  appVersion: string
  regularization: Regularization
  /** Recordings offered to the estimator (every analysed, labelled one at the time). */
  recordingsOffered: number
  /** Hz of every bin, 0 … sampleRate/2. */
  frequencies: number[]
  /** Linear gain per bin, per device. */
  coefficients: Record<string, number[]>
  /** Recordings used per device. */
  recordings: Record<string, number>
  /** Alignment groups (aligned variants) or recordings (unaligned) per device. */
  segments: Record<string, number>
  missing: { device: string; reason: string }[]
}

/** How an estimate was made: what both its JSON and the Correction view's view of it show. */
export function estimateProvenance(e: EstimateResult): EstimateProvenance {
  return {
    createdAt: e.createdAt,
    variant: e.variant,
    reference: e.reference,
    sampleRate: e.sampleRate,
    nFft: e.nFft,
    hopLength: e.hopLength,
    maxPerDevice: e.maxPerDevice,
    seed: e.seed,
    frameGating: e.frameGating,
  }
}

export function estimateJson(e: EstimateResult): EstimateJson {
  const devices = Object.values(e.devices)
  const perDevice = <T>(f: (d: (typeof devices)[number]) => T): Record<string, T> =>
    Object.fromEntries(devices.map((d) => [d.device, f(d)]))
  return {
    estimateId: e.id,
    appVersion: e.appVersion,
    ...estimateProvenance(e),
    regularization: e.regularization,
    recordingsOffered: e.recordingIds.length,
    frequencies: Array.from(e.frequencies),
    coefficients: perDevice((d) => Array.from(d.coefficients)),
    recordings: perDevice((d) => d.recordings),
    segments: perDevice((d) => d.segments),
    missing: e.missing,
  }
}
