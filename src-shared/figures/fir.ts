// A device's FIR: the realised magnitude response of the designed filter against its target
// (the applied curve; the raw coefficients too when given), with the band in which the two are
// checked shaded.
import { binsInRange, frequencyFigure, type RegionSpec } from './frequency-chart'
import type { LegendEntry } from './legend'
import { NEUTRAL_COLOR } from './palette'
import { colorsFor, type DeviceOptions } from './series'
import { bandText, hzText } from './ticks'
import type { Figure, FigureSize, RangeOptions } from './types'

/** The shape of FirResponseView. */
export interface FirData {
  device: string
  taps: number
  sampleRate: number
  frequencies: ArrayLike<number>
  targetDb: ArrayLike<number>
  realisedDb: ArrayLike<number>
  /** The estimate's raw coefficients at this rate, when the target departs from them. */
  coefficientsDb?: ArrayLike<number>
}

export interface FirOptions extends FigureSize, RangeOptions {
  colors?: DeviceOptions['colors']
  /** The band in which realised and target must agree, shaded (e.g. [100, 10000]). */
  validBandHz?: readonly [number, number]
  title?: string
}

/** The largest |realised − target| in dB over a band, and where. */
export function worstDeviationDb(data: FirData, bandHz: readonly [number, number]) {
  let worst = { deviationDb: 0, atHz: NaN }
  for (const k of binsInRange(data.frequencies, bandHz)) {
    const d = Math.abs(data.realisedDb[k] - data.targetDb[k])
    if (d > worst.deviationDb || Number.isNaN(worst.atHz))
      worst = { deviationDb: d, atHz: data.frequencies[k] }
  }
  return worst
}

export function firFigure(data: FirData, o: FirOptions = {}): Figure {
  const color = colorsFor([data.device], o)
  const rate =
    data.sampleRate >= 1000
      ? `${+(data.sampleRate / 1000).toFixed(2)} kHz`
      : `${data.sampleRate} Hz`
  const title =
    o.title ??
    `FIR for ${data.device}: realised response against the target (${data.taps} taps at ${rate})`
  const regions: RegionSpec[] = []
  const notes: LegendEntry[] = []
  let check: string | undefined
  if (o.validBandHz) {
    const [lo, hi] = o.validBandHz
    regions.push({ fromHz: lo, toHz: hi, color: NEUTRAL_COLOR, opacity: 0.1 })
    notes.push({
      label: `checked band ${bandText(o.validBandHz)}`,
      color: NEUTRAL_COLOR,
      kind: 'band',
    })
    const w = worstDeviationDb(data, o.validBandHz)
    check = `Within ${bandText(o.validBandHz)} the realised response departs from the target by at most ${w.deviationDb.toFixed(2)} dB (at ${hzText(w.atHz)}).`
  }
  return frequencyFigure({
    ...o,
    title,
    frequencies: data.frequencies,
    lines: [
      ...(data.coefficientsDb
        ? [
            {
              name: 'coefficients',
              values: data.coefficientsDb,
              color: NEUTRAL_COLOR,
              dashed: true,
              width: 1,
              column: 'coefficients_gain_db',
            },
          ]
        : []),
      {
        name: 'target',
        values: data.targetDb,
        color: NEUTRAL_COLOR,
        dashed: true,
        width: 2.5,
        column: 'target_gain_db',
      },
      {
        name: 'realised',
        values: data.realisedDb,
        color: color(data.device),
        width: 1.5,
        column: 'realised_gain_db',
      },
    ],
    regions,
    yLabel: 'Gain (dB)',
    notes,
    altNote: check,
  })
}
