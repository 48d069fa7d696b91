// The coefficients as a file, one format per kind: the JSON and CSV that the Correction view
// downloads, `scw estimate --format` writes and an export's scw-export.json embeds (JSON), and
// the same content as a NumPy .npz.
import type { Regularization } from '../dsp/regularize'
import { amplitudeToDb } from '../dsp/units'
import { encodeNpz, npy } from './npz'

/** How an estimate was made: what every coefficients file states about it. */
export interface CoefficientsProvenance {
  appVersion: string
  createdAt: string
  variant: string
  reference: string
  sampleRate: number
  nFft: number
  hopLength: number
  maxPerDevice: number | null
  seed: number
  /** Whether digitally silent frames were left out of the means (frame gating). */
  frameGating: boolean
  regularization: Regularization
  /** Recordings offered to the estimator (every analysed, labelled one at the time). */
  recordingsOffered: number
}

/** What a stored estimate holds (the shape of src-main's EstimateResult, flattened). */
export interface CoefficientsExport extends CoefficientsProvenance {
  id: number
  /** Hz of every bin. */
  frequencies: ArrayLike<number>
  /** Per device, C(f) as linear gains on those bins; written in this (insertion) order. */
  devices: Readonly<
    Record<
      string,
      { device: string; coefficients: ArrayLike<number>; recordings: number; segments: number }
    >
  >
  missing: readonly { device: string; reason: string }[]
}

/** The JSON document, key for key (README, File formats: Coefficients). */
export interface CoefficientsRecord extends CoefficientsProvenance {
  estimateId: number
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

export type CoefficientsFormat = 'json' | 'csv' | 'npz'
export const COEFFICIENTS_FORMATS: readonly CoefficientsFormat[] = ['json', 'csv', 'npz']

/** dB of a linear gain as every coefficients file writes it (floored at −200 dB). */
const gainDb = (gain: number): number => amplitudeToDb(gain)

export function coefficientsRecord(e: CoefficientsExport): CoefficientsRecord {
  const devices = Object.values(e.devices)
  const perDevice = <T>(f: (d: (typeof devices)[number]) => T): Record<string, T> =>
    Object.fromEntries(devices.map((d) => [d.device, f(d)]))
  return {
    estimateId: e.id,
    appVersion: e.appVersion,
    createdAt: e.createdAt,
    variant: e.variant,
    reference: e.reference,
    sampleRate: e.sampleRate,
    nFft: e.nFft,
    hopLength: e.hopLength,
    maxPerDevice: e.maxPerDevice,
    seed: e.seed,
    frameGating: e.frameGating,
    regularization: e.regularization,
    recordingsOffered: e.recordingsOffered,
    frequencies: Array.from(e.frequencies),
    coefficients: perDevice((d) => Array.from(d.coefficients)),
    recordings: perDevice((d) => d.recordings),
    segments: perDevice((d) => d.segments),
    missing: e.missing.map((m) => ({ device: m.device, reason: m.reason })),
  }
}

/** The JSON document on one line, with a final newline. */
export function coefficientsJson(e: CoefficientsExport): string {
  return `${JSON.stringify(coefficientsRecord(e))}\n`
}

/** One row per bin: `frequency_hz`, then `<device>_gain` and `<device>_db` (4 decimals). */
export function coefficientsCsv(e: CoefficientsExport): string {
  const devices = Object.values(e.devices)
  const lines = [
    ['frequency_hz', ...devices.flatMap((d) => [`${d.device}_gain`, `${d.device}_db`])].join(','),
  ]
  for (let k = 0; k < e.frequencies.length; k++) {
    lines.push(
      [
        e.frequencies[k],
        ...devices.flatMap((d) => [d.coefficients[k], gainDb(d.coefficients[k]).toFixed(4)]),
      ].join(','),
    )
  }
  return `${lines.join('\n')}\n`
}

/**
 * The same content as arrays: `frequencies` [bins] and `gain`, `gain_db` [devices × bins]
 * (float64, as exact as the JSON), `device`, `recordings` and `segments` [devices], the
 * provenance as 0-d arrays (`estimate_id`, `created_at`, `app_version`, `variant`, `reference`,
 * `sample_rate`, `n_fft`, `hop_length`, `seed`, `frame_gating` (0 or 1), `max_per_device` with −1 for none,
 * `recordings_offered`, `regularization` as JSON text) and `missing_device`, `missing_reason`.
 */
export function coefficientsNpz(e: CoefficientsExport): Uint8Array[] {
  const devices = Object.values(e.devices)
  const bins = e.frequencies.length
  const gain = new Float64Array(devices.length * bins)
  devices.forEach((d, i) => {
    if (d.coefficients.length !== bins) {
      throw new Error(`${d.device}: ${d.coefficients.length} coefficients for ${bins} frequencies`)
    }
    gain.set(Array.from(d.coefficients), i * bins)
  })
  return encodeNpz({
    frequencies: npy.f8(e.frequencies),
    gain: npy.f8(gain, [devices.length, bins]),
    gain_db: npy.f8(gain.map(gainDb), [devices.length, bins]),
    device: npy.strings(devices.map((d) => d.device)),
    recordings: npy.i4(devices.map((d) => d.recordings)),
    segments: npy.i4(devices.map((d) => d.segments)),
    estimate_id: npy.scalar(e.id),
    created_at: npy.scalar(e.createdAt),
    app_version: npy.scalar(e.appVersion),
    variant: npy.scalar(e.variant),
    reference: npy.scalar(e.reference),
    sample_rate: npy.scalar(e.sampleRate),
    n_fft: npy.scalar(e.nFft),
    hop_length: npy.scalar(e.hopLength),
    seed: npy.scalar(e.seed),
    frame_gating: npy.scalar(e.frameGating ? 1 : 0),
    max_per_device: npy.scalar(e.maxPerDevice ?? -1),
    recordings_offered: npy.scalar(e.recordingsOffered),
    regularization: npy.scalar(JSON.stringify(e.regularization)),
    missing_device: npy.strings(e.missing.map((m) => m.device)),
    missing_reason: npy.strings(e.missing.map((m) => m.reason)),
  })
}
