// Evaluate's figures: per device the RMS distance in dB of its mean spectrum from the reference's
// over the band, before and after correction (bars), and the spectra themselves before and after
// (one y range for both, the band shaded).
import { csvTable } from './csv'
import {
  binsInRange,
  defaultXRange,
  frequencyFigure,
  frequencyPanel,
  rangeText,
  resolveYRange,
  type LineSpec,
  type PanelSpec,
} from './frequency-chart'
import { legend, legendHeight, type LegendEntry } from './legend'
import { LEVEL_LABEL, levelNote } from './level'
import { NEUTRAL_COLOR } from './palette'
import { colorsFor, type DeviceOptions } from './series'
import {
  attrs,
  checkSize,
  figureTitle,
  INK,
  num,
  svgDocument,
  text,
  textWidth,
  type Box,
} from './svg'
import { bandText, linearTicks } from './ticks'
import type { Figure, FigureSize, RangeOptions } from './types'

/** The shape of EvaluationView that the figures need. */
export interface EvaluationData {
  bandHz: readonly [number, number]
  reference: string
  frequencies: ArrayLike<number>
  devices: readonly {
    device: string
    /** null: not measurable (no shared band, or no held-out recordings). */
    rmsDbBefore: number | null
    rmsDbAfter: number | null
    spectrumDbBefore: ArrayLike<number>
    spectrumDbAfter: ArrayLike<number>
  }[]
}

export interface EvaluateOptions extends FigureSize, RangeOptions {
  colors?: DeviceOptions['colors']
  title?: string
  nFft?: number
}

const fmtDb = (v: number | null): string =>
  v !== null && Number.isFinite(v) ? `${v.toFixed(1)} dB` : '–'

/** Horizontal bars, two per device: before (grey) and after (the device's colour). */
function rmsPanel(data: EvaluationData, color: (d: string) => string, box: Box): string {
  const rows = data.devices
  const labelW = Math.max(...rows.map((r) => textWidth(r.device, 12)), 20) + 16
  const valueW = textWidth('00.0 dB', 11) + 10
  const axisH = 44
  const plot: Box = {
    x: box.x + labelW,
    y: box.y,
    width: box.width - labelW - valueW - 12,
    height: box.height - axisH,
  }
  const max = Math.max(
    1e-9,
    ...rows
      .flatMap((r) => [r.rmsDbBefore, r.rmsDbAfter])
      .filter((v): v is number => v !== null && Number.isFinite(v)),
  )
  const ticks = linearTicks(0, max * 1.02, { lengthPx: plot.width, minGapPx: 50 })
  const top = Math.max(max, ticks.values[ticks.values.length - 1])
  const xOf = (v: number | null): number =>
    plot.x + (Math.max(0, v !== null && Number.isFinite(v) ? v : 0) / top) * plot.width
  const rowH = plot.height / Math.max(1, rows.length)
  const bar = Math.min(14, rowH / 2 - 3)
  const out: string[] = []
  const grid = ticks.values.map(
    (v) => `M${num(xOf(v))} ${num(plot.y)}V${num(plot.y + plot.height)}`,
  )
  out.push(`<path class="grid" d="${grid.join('')}" stroke="${INK.grid}" fill="none"/>`)
  rows.forEach((r, i) => {
    const mid = plot.y + rowH * (i + 0.5)
    out.push(text(plot.x - 8, mid + 4, r.device, { size: 12, anchor: 'end', weight: 'bold' }))
    if (r.device === data.reference) {
      out.push(
        text(plot.x + 6, mid + 4, 'reference (0 dB by definition)', { size: 11, fill: INK.axis }),
      )
      return
    }
    for (const [stage, v, y, fill] of [
      ['before', r.rmsDbBefore, mid - bar - 1, NEUTRAL_COLOR],
      ['after', r.rmsDbAfter, mid + 1, color(r.device)],
    ] as const) {
      out.push(
        `<rect class="bar" data-series="${r.device}" data-stage="${stage}"${attrs({ x: plot.x, y, width: Math.max(1, xOf(v) - plot.x), height: bar, fill })}/>`,
        text(xOf(v) + 5, y + bar - 2, fmtDb(v), { size: 11 }),
      )
    }
  })
  const bottom = plot.y + plot.height
  out.push(
    `<path d="M${num(plot.x)} ${num(plot.y)}V${num(bottom)}H${num(plot.x + plot.width)}" stroke="${INK.frame}" fill="none"/>`,
    `<g class="axis x-axis" fill="${INK.axis}">${ticks.values
      .map(
        (v, i) =>
          `<g class="tick x-tick" data-value="${v}"><line x1="${num(xOf(v))}" x2="${num(xOf(v))}" y1="${num(bottom)}" y2="${num(bottom + 5)}" stroke="${INK.axis}"/>${text(xOf(v), bottom + 17, ticks.labels[i], { size: 11, anchor: 'middle' })}</g>`,
      )
      .join('')}</g>`,
    text(
      plot.x + plot.width / 2,
      bottom + 36,
      `RMS distance from ${data.reference}'s mean spectrum over ${bandText(data.bandHz)} (dB)`,
      {
        size: 12,
        anchor: 'middle',
        cls: 'axis-title x-title',
      },
    ),
  )
  return `<g class="panel rms">${out.join('\n')}</g>`
}

function rmsAlt(data: EvaluationData): string {
  return data.devices
    .filter((r) => r.device !== data.reference)
    .map((r) => `${r.device}: ${fmtDb(r.rmsDbBefore)} before, ${fmtDb(r.rmsDbAfter)} after`)
    .join('; ')
}

const rmsCsv = (data: EvaluationData): string =>
  csvTable([
    { header: 'device', values: data.devices.map((r) => r.device) },
    { header: 'rms_before_db', values: data.devices.map((r) => r.rmsDbBefore) },
    { header: 'rms_after_db', values: data.devices.map((r) => r.rmsDbAfter) },
  ])

const RMS_LEGEND = (data: EvaluationData, color: (d: string) => string): LegendEntry[] => [
  { label: 'before correction', color: NEUTRAL_COLOR, kind: 'fill' },
  ...data.devices
    .filter((r) => r.device !== data.reference)
    .map((r) => ({ label: `${r.device} after`, color: color(r.device), kind: 'fill' }) as const),
]

function check(data: EvaluationData): void {
  if (data.devices.length === 0) throw new Error('the evaluation holds no device to plot')
  for (const d of data.devices) {
    for (const s of [d.spectrumDbBefore, d.spectrumDbAfter]) {
      if (s.length !== data.frequencies.length) {
        throw new Error(
          `${d.device}: ${s.length} spectrum values for ${data.frequencies.length} frequencies`,
        )
      }
    }
  }
}

/** The RMS bars alone. CSV: one row per device (`device,rms_before_db,rms_after_db`). */
export function rmsFigure(data: EvaluationData, o: EvaluateOptions = {}): Figure {
  check(data)
  const width = o.width ?? 720
  const height = o.height ?? 70 + 48 * data.devices.length + 50
  checkSize(width, height, [240, 120])
  const color = colorsFor(
    data.devices.map((d) => d.device),
    o,
  )
  const title = o.title ?? `RMS distance from ${data.reference} over ${bandText(data.bandHz)}`
  const entries = RMS_LEGEND(data, color)
  const legendH = legendHeight(entries, width - 28)
  const alt = `${title}, before and after correction. ${rmsAlt(data)}.`
  const body = [
    figureTitle(title, width),
    legend(entries, { x: 14, y: 34, width: width - 28, height: legendH }),
    rmsPanel(data, color, {
      x: 14,
      y: 40 + legendH,
      width: width - 28,
      height: height - 46 - legendH,
    }),
  ]
  return { svg: svgDocument(width, height, title, alt, body), csv: rmsCsv(data), title, alt }
}

function spectraLines(
  data: EvaluationData,
  stage: 'before' | 'after',
  color: (d: string) => string,
): LineSpec[] {
  return data.devices.map((d) => ({
    name: d.device,
    label: d.device === data.reference ? `${d.device} (reference)` : d.device,
    values: stage === 'before' ? d.spectrumDbBefore : d.spectrumDbAfter,
    color: color(d.device),
    column: `${d.device}_${stage}_db`,
    ...(d.device === data.reference ? { dashed: true, width: 2 } : {}),
  }))
}

/** The spectra before or after correction, the band shaded. */
export function evaluateSpectraFigure(
  data: EvaluationData,
  stage: 'before' | 'after',
  o: EvaluateOptions = {},
): Figure {
  check(data)
  const color = colorsFor(
    data.devices.map((d) => d.device),
    o,
  )
  return frequencyFigure({
    ...o,
    title: o.title ?? `Mean spectra ${stage} correction`,
    frequencies: data.frequencies,
    lines: spectraLines(data, stage, color),
    regions: [{ fromHz: data.bandHz[0], toHz: data.bandHz[1], color: NEUTRAL_COLOR, opacity: 0.1 }],
    notes: [
      { label: `evaluation band ${bandText(data.bandHz)}`, color: NEUTRAL_COLOR, kind: 'band' },
    ],
    yLabel: LEVEL_LABEL,
    altNote: levelNote(o.nFft),
  })
}

/**
 * Bars above, the spectra before and after side by side below on one y range. CSV: the spectra,
 * one row per frequency (`<device>_before_db`, `<device>_after_db`); the bars' numbers are in
 * the text alternative and in rmsFigure's CSV.
 */
export function evaluateFigure(data: EvaluationData, o: EvaluateOptions = {}): Figure {
  check(data)
  const width = o.width ?? 960
  const height = o.height ?? 720
  checkSize(width, height, [480, 360])
  const color = colorsFor(
    data.devices.map((d) => d.device),
    o,
  )
  const title = o.title ?? `Correction towards ${data.reference}: before and after`
  const xRangeHz = o.xRangeHz ?? defaultXRange(data.frequencies)
  const before = spectraLines(data, 'before', color)
  const after = spectraLines(data, 'after', color)
  const yRangeDb = resolveYRange(
    [...before, ...after].map((l) => l.values),
    data.frequencies,
    xRangeHz,
    o,
  )
  const entries: LegendEntry[] = [
    ...before.map(
      (l) =>
        ({ label: l.label ?? l.name, color: l.color, kind: l.dashed ? 'dashed' : 'line' }) as const,
    ),
    { label: 'before (bars)', color: NEUTRAL_COLOR, kind: 'fill' },
    { label: `evaluation band ${bandText(data.bandHz)}`, color: NEUTRAL_COLOR, kind: 'band' },
  ]
  const pad = 14
  const legendH = legendHeight(entries, width - 2 * pad)
  const top = pad + 26 + legendH
  const barsH = Math.min(40 * data.devices.length + 60, (height - top) * 0.4)
  const spectraY = top + barsH + 10
  const half = width / 2
  const panel = (heading: string, lines: LineSpec[]): PanelSpec => ({
    frequencies: data.frequencies,
    lines,
    regions: [{ fromHz: data.bandHz[0], toHz: data.bandHz[1], color: NEUTRAL_COLOR, opacity: 0.1 }],
    xRangeHz,
    yRangeDb,
    yLabel: LEVEL_LABEL,
    heading,
  })
  const panelH = height - spectraY - 4
  const body = [
    figureTitle(title, width),
    legend(entries, { x: pad, y: pad + 20, width: width - 2 * pad, height: legendH }),
    rmsPanel(data, color, { x: pad, y: top, width: width - 2 * pad, height: barsH }),
    frequencyPanel(
      panel('Before correction', before),
      { x: 0, y: spectraY, width: half, height: panelH },
      'plot-before',
    ),
    frequencyPanel(
      panel('After correction', after),
      { x: half, y: spectraY, width: half, height: panelH },
      'plot-after',
    ),
  ]
  const alt = `${title}. RMS distance from ${data.reference} over ${bandText(data.bandHz)}: ${rmsAlt(data)}. Spectra over ${rangeText(xRangeHz)} on a log axis. ${levelNote(o.nFft)}`
  const rows = binsInRange(data.frequencies, xRangeHz)
  const csv = csvTable(
    [
      { header: 'frequency_hz', values: data.frequencies },
      ...data.devices.flatMap((d, i) => [
        { header: before[i].column!, values: d.spectrumDbBefore },
        { header: after[i].column!, values: d.spectrumDbAfter },
      ]),
    ],
    rows,
  )
  return { svg: svgDocument(width, height, title, alt, body), csv, title, alt }
}
