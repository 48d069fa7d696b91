// The one JSON form of an estimate: `scw estimate --json`, the Correction view's coefficients
// download, and the `estimate` of an export's scw-export.json.
import type { Regularization } from '@shared/dsp/regularize'
import type { EstimateResult } from './estimation'

export interface EstimateJson {
  estimateId: number
  createdAt: string
  appVersion: string
  variant: string
  reference: string
  sampleRate: number
  nFft: number
  hop: number
  maxPerDevice: number | null
  seed: number
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

export function estimateJson(e: EstimateResult): EstimateJson {
  const devices = Object.values(e.devices)
  const perDevice = <T>(f: (d: (typeof devices)[number]) => T): Record<string, T> =>
    Object.fromEntries(devices.map((d) => [d.device, f(d)]))
  return {
    estimateId: e.id,
    createdAt: e.createdAt,
    appVersion: e.appVersion,
    variant: e.variant,
    reference: e.reference,
    sampleRate: e.sampleRate,
    nFft: e.nFft,
    hop: e.hop,
    maxPerDevice: e.maxPerDevice,
    seed: e.seed,
    regularization: e.regularization,
    recordingsOffered: e.recordingIds.length,
    frequencies: Array.from(e.frequencies),
    coefficients: perDevice((d) => Array.from(d.coefficients)),
    recordings: perDevice((d) => d.recordings),
    segments: perDevice((d) => d.segments),
    missing: e.missing,
  }
}
