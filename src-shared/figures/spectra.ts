// Device mean spectra (absolute, or relative to the reference) and one recording's mean spectrum
// against its device's and the reference's.
import { frequencyFigure, type LineSpec } from './frequency-chart'
import { LEVEL_LABEL, levelNote } from './level'
import { colorsFor, interpolateAt, pickDevices, type DeviceOptions } from './series'
import type { Figure, FigureSize, RangeOptions } from './types'

export interface SpectraData {
  /** Hz of every bin. */
  frequencies: ArrayLike<number>
  /** Per device, its mean spectrum in dB on those bins (DevicesView.spectraDb). */
  spectraDb: Readonly<Record<string, ArrayLike<number>>>
  reference?: string | null
  /** The STFT size the spectra come from (for the text alternative). */
  nFft?: number
}

export interface SpectraOptions extends FigureSize, RangeOptions, DeviceOptions {
  title?: string
}

/** Every device's mean spectrum in dB (re unit FFT magnitude) over log frequency. */
export function spectraFigure(data: SpectraData, o: SpectraOptions = {}): Figure {
  const available = Object.keys(data.spectraDb)
  const devices = pickDevices(available, o)
  const color = colorsFor(available, o)
  const lines: LineSpec[] = devices.map((d) => ({
    name: d,
    label: d === data.reference ? `${d} (reference)` : d,
    values: data.spectraDb[d],
    color: color(d),
    width: d === data.reference ? 2.25 : 1.5,
  }))
  const title = o.title ?? 'Mean spectrum per device'
  return frequencyFigure({
    ...o,
    title,
    frequencies: data.frequencies,
    lines,
    yLabel: LEVEL_LABEL,
    altNote: levelNote(data.nFft),
  })
}

/** Every device's mean spectrum minus the reference's: what the correction has to undo. */
export function spectraRelativeFigure(data: SpectraData, o: SpectraOptions = {}): Figure {
  const ref = data.reference
  if (!ref || !data.spectraDb[ref]) {
    throw new Error(
      `reference ${ref ?? '(none)'} has no mean spectrum; choose one of ${Object.keys(data.spectraDb).join(', ')}`,
    )
  }
  const available = Object.keys(data.spectraDb)
  const devices = pickDevices(available, o)
  const color = colorsFor(available, o)
  const refDb = data.spectraDb[ref]
  const lines: LineSpec[] = devices.map((d) => {
    const values = Array.from(data.spectraDb[d], (v, k) => v - refDb[k])
    return d === ref
      ? { name: d, label: `${d} (reference)`, values, color: color(d), dashed: true }
      : { name: d, values, color: color(d) }
  })
  return frequencyFigure({
    ...o,
    title: o.title ?? `Mean spectrum per device relative to ${ref}`,
    frequencies: data.frequencies,
    lines,
    yLabel: `Level re ${ref} (dB)`,
  })
}

/** One recording's spectrum and what it is compared with (the Recording view's plot). */
export interface RecordingSpectrumData {
  /** Hz of every bin of `recordingDb`. */
  frequencies: ArrayLike<number>
  recordingDb: ArrayLike<number>
  device: string | null
  /** The device's mean spectrum on the same bins, when known. */
  deviceDb: ArrayLike<number> | null
  reference: string | null
  referenceDb: ArrayLike<number> | null
  /** C_d→r in dB for this device, on `coefficientFrequencies`. */
  coefficientsDb: ArrayLike<number> | null
  coefficientFrequencies: ArrayLike<number> | null
}

/** The coefficients on the recording's bins (the same grid as a rule; interpolated otherwise). */
function coefficientsOn(input: RecordingSpectrumData): number[] | null {
  const { coefficientsDb: c, coefficientFrequencies: cf, frequencies: f } = input
  if (!c || !cf || c.length !== cf.length || c.length === 0) return null
  const n = f.length
  let same = cf.length === n
  for (let k = 0; same && k < n; k++) same = Math.abs(cf[k] - f[k]) < 1e-6
  return Array.from(f, (hz, k) => (same ? c[k] : interpolateAt(cf, c, hz)))
}

/**
 * The lines of the recording's plot: the recording (its device's colour), its device's mean and
 * the reference's (dashed), and the recording corrected towards the reference, mean_t log|C·S| =
 * log C + mean_t log|S|, in the reference's colour. Curves whose data is missing are left out.
 */
export function recordingSpectrumLines(
  input: RecordingSpectrumData,
  color: (device: string) => string,
): LineSpec[] {
  const n = input.frequencies.length
  const own = input.device ? color(input.device) : color('')
  const ref = input.reference ? color(input.reference) : own
  const isReference = input.device !== null && input.device === input.reference
  const lines: LineSpec[] = [
    { name: 'this recording', values: input.recordingDb, color: own, width: 2 },
  ]
  if (input.device && input.deviceDb?.length === n) {
    lines.push({
      name: `${input.device} mean${isReference ? ' (reference)' : ''}`,
      values: input.deviceDb,
      color: own,
      dashed: true,
      width: 1.25,
    })
  }
  if (!isReference && input.reference && input.referenceDb?.length === n) {
    lines.push({
      name: `${input.reference} mean (reference)`,
      values: input.referenceDb,
      color: ref,
      dashed: true,
      width: 1.25,
    })
  }
  const coefficients = isReference ? null : coefficientsOn(input)
  if (coefficients && input.reference) {
    lines.push({
      name: `corrected towards ${input.reference}`,
      values: Array.from(input.recordingDb, (v, i) => v + coefficients[i]),
      color: ref,
      width: 1.5,
    })
  }
  return lines
}

export interface RecordingSpectrumOptions extends FigureSize, RangeOptions {
  colors?: DeviceOptions['colors']
  /** The recording's name, for the title. */
  name?: string
  nFft?: number
  title?: string
}

export function recordingSpectrumFigure(
  input: RecordingSpectrumData,
  o: RecordingSpectrumOptions = {},
): Figure {
  const devices = [input.device, input.reference].filter((d): d is string => !!d)
  const lines = recordingSpectrumLines(input, colorsFor(devices, o))
  const title = o.title ?? `Mean spectrum of ${o.name ?? 'the recording'}`
  return frequencyFigure({
    ...o,
    title,
    frequencies: input.frequencies,
    lines,
    yLabel: LEVEL_LABEL,
    altNote: levelNote(o.nFft),
  })
}
