// The coefficients as a file: the JSON and CSV that the Correction view has always downloaded
// (same keys, same columns), and the same content as a NumPy .npz. `scw estimate --format` and
// the view's download both write these, so there is one format per kind.
import type { Regularization } from '../dsp/regularize'
import { encodeNpz, npy } from './npz'

/** What a stored estimate holds (the shape of src-main's EstimateResult). */
export interface CoefficientsExport {
  id: number
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
  /** Hz of every bin. */
  frequencies: ArrayLike<number>
  /** Per device, C(f) as linear gains on those bins; written in this (insertion) order. */
  devices: Readonly<
    Record<string, { device: string; coefficients: ArrayLike<number>; recordings: number }>
  >
  missing: readonly { device: string; reason: string }[]
}

export type CoefficientsFormat = 'json' | 'csv' | 'npz'
export const COEFFICIENTS_FORMATS: readonly CoefficientsFormat[] = ['json', 'csv', 'npz']

/** dB of a linear gain, floored at 1e-12 (−240 dB) as the CSV has always been. */
const gainDb = (gain: number): number => 20 * Math.log10(Math.max(gain, 1e-12))

/** `{estimateId, createdAt, appVersion, variant, reference, sampleRate, nFft, hop, maxPerDevice, seed, regularization, frequencies, coefficients: {device: [...]}, recordings: {device: n}, missing}`. */
export function coefficientsJson(e: CoefficientsExport): string {
  const devices = Object.values(e.devices)
  const json = {
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
    frequencies: Array.from(e.frequencies),
    coefficients: Object.fromEntries(devices.map((d) => [d.device, Array.from(d.coefficients)])),
    recordings: Object.fromEntries(devices.map((d) => [d.device, d.recordings])),
    missing: e.missing,
  }
  return `${JSON.stringify(json)}\n`
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
 * (float64, as exact as the JSON), `device` and `recordings` [devices], the provenance as 0-d
 * arrays (`estimate_id`, `created_at`, `app_version`, `variant`, `reference`, `sample_rate`,
 * `n_fft`, `hop`, `seed`, `max_per_device` with −1 for none, `regularization` as JSON text) and
 * `missing_device`, `missing_reason`.
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
    estimate_id: npy.scalar(e.id),
    created_at: npy.scalar(e.createdAt),
    app_version: npy.scalar(e.appVersion),
    variant: npy.scalar(e.variant),
    reference: npy.scalar(e.reference),
    sample_rate: npy.scalar(e.sampleRate),
    n_fft: npy.scalar(e.nFft),
    hop: npy.scalar(e.hop),
    seed: npy.scalar(e.seed),
    max_per_device: npy.scalar(e.maxPerDevice ?? -1),
    regularization: npy.scalar(JSON.stringify(e.regularization)),
    missing_device: npy.strings(e.missing.map((m) => m.device)),
    missing_reason: npy.strings(e.missing.map((m) => m.reason)),
  })
}
