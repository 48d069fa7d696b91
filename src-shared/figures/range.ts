// The y range of a figure: fitted to what is drawn, or to a frequency band only, so that a ±5 dB
// mid-band is not squashed by a +50 dB edge (the curves leaving the range are clipped).
import { niceStep } from './ticks'

export interface FitRangeOptions {
  /** Room added above and below, as a share of the span (default 0.05). */
  margin?: number
  /** The least span in dB, so flat curves get a readable axis (default 2). */
  minSpanDb?: number
}

/**
 * The range in dB of `values` (one array per series, one value per frequency; null and
 * non-finite values skipped) at the frequencies inside `bandHz` (inclusive), widened by the
 * margin and rounded outwards to a 1-2-5 step of about a tenth of the span. With no value inside
 * the band it throws, naming the band.
 */
export function fitRangeDb(
  values: readonly ArrayLike<number | null>[],
  frequencies: ArrayLike<number>,
  bandHz: readonly [number, number],
  options: FitRangeOptions = {},
): [number, number] {
  const [lo, hi] = bandHz
  if (!(lo >= 0) || !(hi > lo)) throw new Error(`bandHz=[${lo}, ${hi}]: expected 0 ≤ low < high`)
  let min = Infinity
  let max = -Infinity
  for (const series of values) {
    if (series.length !== frequencies.length) {
      throw new Error(`a series has ${series.length} values for ${frequencies.length} frequencies`)
    }
    for (let k = 0; k < frequencies.length; k++) {
      const f = frequencies[k]
      const v = series[k]
      if (f < lo || f > hi || v === null || !Number.isFinite(v)) continue
      if (v < min) min = v
      if (v > max) max = v
    }
  }
  if (min > max) throw new Error(`no finite value between ${lo} and ${hi} Hz to fit the range to`)
  const minSpan = options.minSpanDb ?? 2
  if (max - min < minSpan) {
    const mid = (max + min) / 2
    min = mid - minSpan / 2
    max = mid + minSpan / 2
  }
  const pad = (max - min) * (options.margin ?? 0.05)
  const step = niceStep(max - min + 2 * pad, 10)
  return [Math.floor((min - pad) / step) * step, Math.ceil((max + pad) / step) * step].map(
    (v) => Number(v.toFixed(9)) || 0,
  ) as [number, number]
}
