// The recording's mean spectrum against its device's and the reference's, and the recording as
// the current estimate corrects it: mean_t log|C·S| = log C + mean_t log|S|, so in dB the
// corrected spectrum is the recording's plus the coefficients C_d→r(f).
import type { PlotData, PlotSeries } from '../../composables/use-plot'
import { deviceColors } from '../../device-colors'

export interface SpectrumInput {
  /** Hz of every bin of `recordingDb`. */
  frequencies: readonly number[]
  recordingDb: readonly number[]
  device: string | null
  /** The device's mean spectrum on the same bins, when known. */
  deviceDb: readonly number[] | null
  reference: string | null
  referenceDb: readonly number[] | null
  /** C_d→r in dB for this device, on `coefficientFrequencies`. */
  coefficientsDb: readonly number[] | null
  coefficientFrequencies: readonly number[] | null
}

/** ys at x by linear interpolation over ascending xs; the end values outside. */
export function interpolateAt(xs: readonly number[], ys: readonly number[], x: number): number {
  const n = xs.length
  if (n === 0) return NaN
  if (x <= xs[0]) return ys[0]
  if (x >= xs[n - 1]) return ys[n - 1]
  let lo = 0
  let hi = n - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (xs[mid] <= x) lo = mid
    else hi = mid
  }
  const t = (x - xs[lo]) / (xs[hi] - xs[lo])
  return ys[lo] + t * (ys[hi] - ys[lo])
}

/** The coefficients on the recording's bins (the same grid as a rule; interpolated otherwise). */
function coefficientsOn(input: SpectrumInput): number[] | null {
  const { coefficientsDb: c, coefficientFrequencies: cf, frequencies: f } = input
  if (!c || !cf || c.length !== cf.length || c.length === 0) return null
  const same = cf.length === f.length && cf.every((v, i) => Math.abs(v - f[i]) < 1e-6)
  return same ? [...c] : f.map((hz) => interpolateAt(cf, c, hz))
}

/** The plot's series; curves whose data is missing or on other bins are left out. */
export function comparisonPlot(input: SpectrumInput): PlotData {
  const n = input.frequencies.length
  const names = [input.device, input.reference].filter((d): d is string => d !== null)
  const colors = deviceColors(names)
  const own = input.device ? colors.get(input.device)! : undefined
  const ref = input.reference ? colors.get(input.reference)! : undefined
  const isReference = input.device !== null && input.device === input.reference
  const series: PlotSeries[] = [
    { name: 'this recording', values: input.recordingDb, color: own, width: 2 },
  ]
  if (input.device && input.deviceDb?.length === n) {
    series.push({
      name: `${input.device} mean${isReference ? ' (reference)' : ''}`,
      values: input.deviceDb,
      color: own,
      dash: [5, 4],
      width: 1.25,
    })
  }
  if (!isReference && input.reference && input.referenceDb?.length === n) {
    series.push({
      name: `${input.reference} mean (reference)`,
      values: input.referenceDb,
      color: ref,
      dash: [5, 4],
      width: 1.25,
    })
  }
  const coefficients = isReference ? null : coefficientsOn(input)
  if (coefficients && input.reference) {
    series.push({
      name: `corrected towards ${input.reference}`,
      values: input.recordingDb.map((v, i) => v + coefficients[i]),
      color: ref,
      width: 1.5,
    })
  }
  return { frequencies: input.frequencies, series }
}
