// A frequency chart: log-frequency x axis in Hz, a linear y axis in dB, lines, shaded bands
// (confidence intervals), shaded frequency regions and horizontal guides, clipped to the plot
// area so a curve beyond the y range leaves it instead of squashing the rest.
import { csvTable, type CsvColumn } from './csv'
import { legend, legendHeight, type LegendEntry } from './legend'
import { fitRangeDb } from './range'
import {
  attrs,
  checkSize,
  esc,
  figureTitle,
  INK,
  num,
  svgDocument,
  text,
  textWidth,
  type Box,
} from './svg'
import { formatHz, frequencyTicks, hzText, linearTicks } from './ticks'
import type { Figure, FigureSize, RangeOptions } from './types'

export interface LineSpec {
  /** The series (a device name, usually): CSV column and `data-series` of its path. */
  name: string
  /** Legend text (default the name). */
  label?: string
  /** One value per frequency (dB); null or non-finite: a gap. */
  values: ArrayLike<number | null>
  color: string
  dashed?: boolean
  /** Stroke width in px (default 1.5). */
  width?: number
  /** CSV column header (default `<name>_db`). */
  column?: string
}

export interface BandSpec {
  /** CSV columns are `<name>_lower_db` and `<name>_upper_db`. */
  name: string
  lower: ArrayLike<number | null>
  upper: ArrayLike<number | null>
  color: string
}

export interface RegionSpec {
  fromHz: number
  toHz: number
  color: string
  opacity?: number
}

export interface GuideSpec {
  valueDb: number
  color: string
}

export interface PanelSpec {
  frequencies: ArrayLike<number>
  lines: readonly LineSpec[]
  bands?: readonly BandSpec[]
  regions?: readonly RegionSpec[]
  guides?: readonly GuideSpec[]
  xRangeHz: readonly [number, number]
  yRangeDb: readonly [number, number]
  yLabel: string
  /** A heading above the plot area (panels of a composite figure). */
  heading?: string
}

const TICK_SIZE = 11
const TITLE_SIZE = 12

/** The bins drawn: positive frequencies inside the x range. */
export function binsInRange(frequencies: ArrayLike<number>, [lo, hi]: readonly [number, number]) {
  const rows: number[] = []
  for (let k = 0; k < frequencies.length; k++) {
    const f = frequencies[k]
    if (f > 0 && f >= lo * (1 - 1e-9) && f <= hi * (1 + 1e-9)) rows.push(k)
  }
  return rows
}

/** The default x range: 20 Hz up to the highest frequency, at most 20 kHz. */
export function defaultXRange(frequencies: ArrayLike<number>): [number, number] {
  let top = 0
  for (let k = 0; k < frequencies.length; k++) top = Math.max(top, frequencies[k])
  return [20, Math.min(20_000, Math.max(top, 40))]
}

function finite(v: number | null | undefined): v is number {
  return v !== null && v !== undefined && Number.isFinite(v)
}

/** An SVG path through the points, broken at gaps. */
function linePath(
  rows: readonly number[],
  values: ArrayLike<number | null>,
  x: (k: number) => number,
  y: (v: number) => number,
): string {
  let d = ''
  let open = false
  for (const k of rows) {
    const v = values[k]
    if (!finite(v)) {
      open = false
      continue
    }
    d += `${open ? 'L' : 'M'}${num(x(k))} ${num(y(v))}`
    open = true
  }
  return d
}

/** Filled polygons between lower and upper, one per run without gaps. */
function bandPath(
  rows: readonly number[],
  band: BandSpec,
  x: (k: number) => number,
  y: (v: number) => number,
): string {
  const runs: number[][] = [[]]
  for (const k of rows) {
    if (finite(band.lower[k]) && finite(band.upper[k])) runs[runs.length - 1].push(k)
    else if (runs[runs.length - 1].length) runs.push([])
  }
  return runs
    .filter((r) => r.length > 1)
    .map((r) => {
      const up = r.map((k, i) => `${i ? 'L' : 'M'}${num(x(k))} ${num(y(band.upper[k]!))}`)
      const down = [...r].reverse().map((k) => `L${num(x(k))} ${num(y(band.lower[k]!))}`)
      return `${up.join('')}${down.join('')}Z`
    })
    .join('')
}

/** Room below the plot area: tick labels and the axis title. */
const BOTTOM = 6 + TICK_SIZE + 8 + TITLE_SIZE + 4

/**
 * The panel inside `box` (axes, tick labels and titles included); `id` keeps its clip path apart
 * from other panels of the same document.
 */
export function frequencyPanel(spec: PanelSpec, box: Box, id: string): string {
  const [x0, x1] = spec.xRangeHz
  const [y0, y1] = spec.yRangeDb
  if (!(x0 > 0) || !(x1 > x0)) throw new Error(`xRangeHz=[${x0}, ${x1}]: expected 0 < low < high`)
  if (!Number.isFinite(y0) || !Number.isFinite(y1) || !(y1 > y0)) {
    throw new Error(`yRangeDb=[${y0}, ${y1}]: expected finite low < high`)
  }
  const headingH = spec.heading ? TITLE_SIZE + 10 : 0
  const plotHeight = box.height - headingH - 6 - BOTTOM
  const yTicks = linearTicks(y0, y1, { lengthPx: Math.max(plotHeight, 1), minGapPx: 28 })
  const left =
    8 + TITLE_SIZE + 8 + Math.max(...yTicks.labels.map((l) => textWidth(l, TICK_SIZE))) + 6
  const plot: Box = {
    x: box.x + left,
    y: box.y + headingH + 6,
    width: box.width - left - 12,
    height: plotHeight,
  }
  if (plot.width < 40 || plot.height < 40) {
    throw new Error(`a ${box.width}×${box.height} px panel leaves no room for its plot area`)
  }
  const lx0 = Math.log10(x0)
  const lspan = Math.log10(x1) - lx0
  const xOf = (f: number): number => plot.x + ((Math.log10(f) - lx0) / lspan) * plot.width
  const yOf = (v: number): number => plot.y + ((y1 - v) / (y1 - y0)) * plot.height
  const rows = binsInRange(spec.frequencies, spec.xRangeHz)
  const xk = (k: number): number => xOf(spec.frequencies[k])
  const out: string[] = []
  const bottom = plot.y + plot.height

  if (spec.heading) {
    out.push(text(plot.x, box.y + TITLE_SIZE, spec.heading, { size: TITLE_SIZE, weight: 'bold' }))
  }
  out.push(
    `<clipPath id="${id}"><rect${attrs({ x: plot.x, y: plot.y, width: plot.width, height: plot.height })}/></clipPath>`,
  )
  // Grid and ticks.
  const grid: string[] = []
  const ticks: string[] = []
  yTicks.values.forEach((v, i) => {
    const y = num(yOf(v))
    grid.push(`M${num(plot.x)} ${y}H${num(plot.x + plot.width)}`)
    ticks.push(
      `<g class="tick y-tick" data-value="${v}"><line x1="${num(plot.x - 4)}" x2="${num(plot.x)}" y1="${y}" y2="${y}" stroke="${INK.axis}"/>` +
        text(plot.x - 6, yOf(v) + 4, yTicks.labels[i], { size: TICK_SIZE, anchor: 'end' }) +
        '</g>',
    )
  })
  const major = frequencyTicks(x0, x1)
  let lastRight = -Infinity
  for (const f of major) {
    const x = xOf(f)
    grid.push(`M${num(x)} ${num(plot.y)}V${num(bottom)}`)
    const label = formatHz(f)
    const w = textWidth(label, TICK_SIZE)
    const shown = x - w / 2 > lastRight + 4
    if (shown) lastRight = x + w / 2
    ticks.push(
      `<g class="tick x-tick" data-value="${f}"><line x1="${num(x)}" x2="${num(x)}" y1="${num(bottom)}" y2="${num(bottom + 5)}" stroke="${INK.axis}"/>` +
        (shown
          ? text(x, bottom + 6 + TICK_SIZE, label, { size: TICK_SIZE, anchor: 'middle' })
          : '') +
        '</g>',
    )
  }
  const minor: string[] = []
  for (let decade = 10 ** Math.floor(Math.log10(x0)); decade <= x1; decade *= 10) {
    for (let m = 1; m <= 9; m++) {
      const f = m * decade
      if (f < x0 || f > x1 || major.some((t) => Math.abs(t - f) < f * 1e-6)) continue
      minor.push(`M${num(xOf(f))} ${num(bottom)}v3`)
    }
  }
  out.push(`<path class="grid" d="${grid.join('')}" stroke="${INK.grid}" fill="none"/>`)
  // Shaded regions and bands under the curves.
  const under: string[] = []
  for (const r of spec.regions ?? []) {
    const a = xOf(Math.max(r.fromHz, x0))
    const b = xOf(Math.min(r.toHz, x1))
    if (r.toHz < x0 || r.fromHz > x1) continue
    under.push(
      `<rect class="region"${attrs({ x: Math.min(a, b - 2), y: plot.y, width: Math.max(2, b - a), height: plot.height, fill: r.color, 'fill-opacity': r.opacity ?? 0.12 })}/>`,
    )
  }
  for (const b of spec.bands ?? []) {
    const d = bandPath(rows, b, xk, yOf)
    if (d) {
      under.push(
        `<path class="band" data-series="${esc(b.name)}" d="${d}" fill="${b.color}" fill-opacity="0.2" stroke="none"/>`,
      )
    }
  }
  for (const g of spec.guides ?? []) {
    if (g.valueDb < y0 || g.valueDb > y1) continue
    under.push(
      `<line class="guide"${attrs({ x1: plot.x, x2: plot.x + plot.width, y1: yOf(g.valueDb), y2: yOf(g.valueDb), stroke: g.color, 'stroke-dasharray': '6 4', 'stroke-width': 1 })}/>`,
    )
  }
  const curves = spec.lines.map((l) => {
    const d = linePath(rows, l.values, xk, yOf)
    return `<path class="series" data-series="${esc(l.name)}"${attrs({
      d: d || undefined,
      fill: 'none',
      stroke: l.color,
      'stroke-width': l.width ?? 1.5,
      'stroke-dasharray': l.dashed ? '6 4' : undefined,
      'stroke-linejoin': 'round',
    })}/>`
  })
  out.push(`<g clip-path="url(#${id})">${[...under, ...curves].join('')}</g>`)
  // Frame, ticks and titles on top.
  out.push(
    `<rect class="frame"${attrs({ x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none', stroke: INK.frame })}/>`,
    `<g class="axis x-axis" fill="${INK.axis}">${ticks.filter((t) => t.includes('x-tick')).join('')}<path d="${minor.join('')}" stroke="${INK.axis}"/></g>`,
    `<g class="axis y-axis" fill="${INK.axis}">${ticks.filter((t) => t.includes('y-tick')).join('')}</g>`,
    text(plot.x + plot.width / 2, box.y + box.height - 4, 'Frequency (Hz)', {
      size: TITLE_SIZE,
      anchor: 'middle',
      cls: 'axis-title x-title',
    }),
    text(box.x + 8 + TITLE_SIZE - 2, plot.y + plot.height / 2, spec.yLabel, {
      size: TITLE_SIZE,
      anchor: 'middle',
      rotate: -90,
      cls: 'axis-title y-title',
    }),
  )
  return `<g class="panel">${out.join('\n')}</g>`
}

/** What a single-panel frequency figure is made of. */
export interface FrequencyFigureSpec extends FigureSize, RangeOptions {
  title: string
  frequencies: ArrayLike<number>
  lines: readonly LineSpec[]
  bands?: readonly BandSpec[]
  regions?: readonly RegionSpec[]
  guides?: readonly GuideSpec[]
  yLabel: string
  /** Legend keys beyond one per line (bands, regions). */
  notes?: readonly LegendEntry[]
  /** Lines left out of the legend (e.g. a second line of the same device). */
  unlisted?: readonly string[]
  /** The text alternative; by default a summary of each line over the x range. */
  alt?: string
  /** A sentence added to the default text alternative. */
  altNote?: string
}

/**
 * The y range: the one given, or fitted to `fitBandHz`, or fitted to everything drawn in the x
 * range (bands included).
 */
export function resolveYRange(
  series: readonly ArrayLike<number | null>[],
  frequencies: ArrayLike<number>,
  xRangeHz: readonly [number, number],
  o: RangeOptions,
): [number, number] {
  if (o.yRangeDb) {
    const [lo, hi] = o.yRangeDb
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
      throw new Error(`yRangeDb=[${lo}, ${hi}]: expected finite low < high`)
    }
    return [lo, hi]
  }
  return fitRangeDb(series, frequencies, o.fitBandHz ?? xRangeHz)
}

/** min…max of a line over the rows, for the text alternative. */
export function spanText(values: ArrayLike<number | null>, rows: readonly number[]): string {
  let min = Infinity
  let max = -Infinity
  for (const k of rows) {
    const v = values[k]
    if (!finite(v)) continue
    min = Math.min(min, v)
    max = Math.max(max, v)
  }
  if (min > max) return 'no data'
  const f = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(1)}`
  return `${f(min)} to ${f(max)} dB`
}

export function rangeText([lo, hi]: readonly [number, number]): string {
  return `${hzText(lo)} to ${hzText(hi)}`
}

export function frequencyFigure(spec: FrequencyFigureSpec): Figure {
  const width = spec.width ?? 720
  const height = spec.height ?? 420
  checkSize(width, height, [240, 180])
  for (const l of spec.lines) {
    if (l.values.length !== spec.frequencies.length) {
      throw new Error(
        `${l.name}: ${l.values.length} values for ${spec.frequencies.length} frequencies`,
      )
    }
  }
  const xRangeHz = spec.xRangeHz ?? defaultXRange(spec.frequencies)
  const rows = binsInRange(spec.frequencies, xRangeHz)
  if (rows.length === 0) throw new Error(`no frequency inside ${rangeText(xRangeHz)} to plot`)
  const bands = spec.bands ?? []
  const yRangeDb = resolveYRange(
    [...spec.lines.map((l) => l.values), ...bands.flatMap((b) => [b.lower, b.upper])],
    spec.frequencies,
    xRangeHz,
    spec,
  )
  const unlisted = new Set(spec.unlisted ?? [])
  const entries: LegendEntry[] = [
    ...spec.lines
      .filter((l) => !unlisted.has(l.name))
      .map(
        (l) =>
          ({
            label: l.label ?? l.name,
            color: l.color,
            kind: l.dashed ? 'dashed' : 'line',
          }) as const,
      ),
    ...(spec.notes ?? []),
  ]
  const pad = 14
  const titleH = 26
  const legendH = legendHeight(entries, width - 2 * pad)
  const body = [
    figureTitle(spec.title, width),
    legend(entries, { x: pad, y: pad + titleH - 6, width: width - 2 * pad, height: legendH }),
    frequencyPanel(
      {
        frequencies: spec.frequencies,
        lines: spec.lines,
        bands,
        regions: spec.regions,
        guides: spec.guides,
        xRangeHz,
        yRangeDb,
        yLabel: spec.yLabel,
      },
      { x: 0, y: pad + titleH + legendH, width, height: height - pad - titleH - legendH - 4 },
      'plot-area',
    ),
  ]
  const alt =
    spec.alt ??
    `${spec.title}, ${rangeText(xRangeHz)} on a log axis. ${spec.lines
      .map((l) => `${l.label ?? l.name}: ${spanText(l.values, rows)}`)
      .join('; ')}.${spec.altNote ? ` ${spec.altNote}` : ''}`
  const columns: CsvColumn[] = [
    { header: 'frequency_hz', values: spec.frequencies },
    ...spec.lines.map((l) => ({ header: l.column ?? `${l.name}_db`, values: l.values })),
    ...bands.flatMap((b) => [
      { header: `${b.name}_lower_db`, values: b.lower },
      { header: `${b.name}_upper_db`, values: b.upper },
    ]),
  ]
  return {
    svg: svgDocument(width, height, spec.title, alt, body),
    csv: csvTable(columns, rows),
    title: spec.title,
    alt,
  }
}
