// Frequency plots on uPlot: log-frequency x axis in Hz (ticks 20, 50, 100 … 10k, 20k), y in dB,
// named series in the device colours, optional shaded bands (confidence intervals) and marks,
// colours from the theme, the width of the container, disposed with the component. They are read
// like Sonic Visualiser's layers: a cursor readout (frequency and each series' value), zoom by
// dragging across (double-click resets), and a y range that is set, fitted to what is shown, or
// fitted to a band, so a ±5 dB mid-band is not squashed by a +50 dB edge.
//
//   const { el, legend, readout, view } = usePlot(() => ({ frequencies, series }), { yRange })
//   <div ref="el" />
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import {
  computed,
  onBeforeUnmount,
  onMounted,
  ref,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue'
import { fitRangeDb } from '@shared/figures/range'
import { frequencyTicks } from '@shared/figures/ticks'
import { setPlotMarks, type PlotMarks } from './plot-marks'
import { deviceColors } from '../device-colors'
import { formatHzTick } from '../format'
import { useAppStore } from '../stores/app'

export interface PlotSeries {
  /** Legend name; a device name picks the device's colour. */
  name: string
  /** One value per frequency (dB); null or non-finite: a gap. */
  values: ArrayLike<number | null>
  color?: string
  /** Canvas dash pattern, e.g. [4, 4]. */
  dash?: number[]
  /** Line width in CSS pixels (default 1.5). */
  width?: number
}

export interface PlotBand {
  /** The series whose colour the band takes (or a name of its own). */
  name: string
  lower: ArrayLike<number | null>
  upper: ArrayLike<number | null>
  color?: string
}

export interface PlotData {
  /** Hz, ascending; bins at or below 0 Hz are left out (log axis). */
  frequencies: ArrayLike<number>
  series: PlotSeries[]
  bands?: PlotBand[]
}

/** How the y range is chosen. */
export type YRange =
  /** Fitted to every curve and band inside the shown frequencies. */
  | { mode: 'all' }
  /** Fitted to the values inside a band (curves beyond leave the plot). */
  | { mode: 'band'; bandHz: readonly [number, number] }
  /** Set by hand, dB. */
  | { mode: 'set'; db: readonly [number, number] }

export interface PlotOptions {
  /** Height in CSS pixels (default 260); the width follows the container. */
  height?: number
  /** How the y range is chosen (default: fitted to what is shown). */
  yRange?: MaybeRefOrGetter<YRange>
  yLabel?: string
  /** Shaded regions and dashed guides under the curves. */
  marks?: MaybeRefOrGetter<PlotMarks | null>
}

export interface LegendEntry {
  name: string
  color: string
  dash: boolean
}

/** What the plot shows now: the frequencies in view (zoom) and the y range, for saved figures. */
export interface PlotView {
  xRangeHz: [number, number]
  yRangeDb: [number, number]
  /** True when the x range is zoomed in from the default. */
  zoomed: boolean
}

/** The values under the cursor: its frequency (the nearest bin) and each series' value there. */
export interface Readout {
  hz: number
  values: { name: string; color: string; dash: boolean; value: number | null }[]
}

export { frequencyTicks }

/** uPlot's columns: positive frequencies, and each series and band edge as numbers or nulls. */
export function plotColumns(data: PlotData): (number | null)[][] {
  const keep: number[] = []
  for (let i = 0; i < data.frequencies.length; i++) if (data.frequencies[i] > 0) keep.push(i)
  const column = (values: ArrayLike<number | null>): (number | null)[] =>
    keep.map((i) => {
      const v = values[i]
      return v !== null && Number.isFinite(v) ? v : null
    })
  return [
    keep.map((i) => data.frequencies[i]),
    ...data.series.map((s) => column(s.values)),
    ...(data.bands ?? []).flatMap((b) => [column(b.upper), column(b.lower)]),
  ]
}

/** The default x range: 20 Hz up to the highest frequency, at most 20 kHz. */
export function defaultXRange(frequencies: ArrayLike<number>): [number, number] {
  let top = 0
  for (let i = 0; i < frequencies.length; i++) top = Math.max(top, frequencies[i])
  return [20, Math.min(20_000, Math.max(top, 40))]
}

/**
 * The y range for `yRange` with `xRangeHz` in view: set, or fitted (fitRangeDb) to the curves and
 * bands inside the band or the view. A band without data falls back to the view; nothing finite
 * at all gives ±1 dB.
 */
export function plotYRange(
  data: PlotData,
  xRangeHz: readonly [number, number],
  yRange: YRange,
): [number, number] {
  if (yRange.mode === 'set') return [yRange.db[0], yRange.db[1]]
  const values = [
    ...data.series.map((s) => s.values),
    ...(data.bands ?? []).flatMap((b) => [b.lower, b.upper]),
  ]
  const bands = yRange.mode === 'band' ? [yRange.bandHz, xRangeHz] : [xRangeHz]
  for (const band of bands) {
    try {
      return fitRangeDb(values, data.frequencies, band)
    } catch {
      // No finite value there: try the next band.
    }
  }
  return [-1, 1]
}

/** The readout at data index `idx` of `data` (positive-frequency columns, as uPlot holds them). */
export function readoutAt(
  columns: (number | null)[][],
  entries: readonly LegendEntry[],
  idx: number | null | undefined,
): Readout | null {
  if (idx === null || idx === undefined || idx < 0 || idx >= columns[0].length) return null
  return {
    hz: columns[0][idx] as number,
    values: entries.map((e, i) => ({ ...e, value: columns[i + 1][idx] })),
  }
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback
}

/** The same plot can take new data in place; other changes rebuild it. */
function shapeOf(data: PlotData, colors: Map<string, string>, theme: string): string {
  return JSON.stringify([
    theme,
    data.series.map((s) => [s.name, s.color ?? colors.get(s.name), s.dash, s.width]),
    (data.bands ?? []).map((b) => [b.name, b.color]),
  ])
}

function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) return hex
  const n = parseInt(m[1], 16)
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

const same = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= Math.abs(v) * 1e-9 + 1e-12)

export function usePlot(
  data: MaybeRefOrGetter<PlotData | null>,
  options: PlotOptions = {},
): {
  /** Bind to the container element: `<div ref="el" />`. */
  el: Ref<HTMLElement | null>
  plot: ShallowRef<uPlot | null>
  legend: ComputedRef<LegendEntry[]>
  /** The values under the cursor, or null when it is outside the plot. */
  readout: ShallowRef<Readout | null>
  /** The ranges in view (null before there is data). */
  view: ComputedRef<PlotView | null>
  /** Back to the default frequencies (as a double-click does). */
  resetZoom: () => void
} {
  const app = useAppStore()
  const el = ref<HTMLElement | null>(null)
  const plot = shallowRef<uPlot | null>(null)
  const readout = shallowRef<Readout | null>(null)
  /** The zoomed x range, or null for the default. */
  const zoom = shallowRef<[number, number] | null>(null)
  const height = options.height ?? 260
  let shape = ''
  let columns: (number | null)[][] = [[]]
  let observer: ResizeObserver | null = null

  const colors = computed(() => {
    const d = toValue(data)
    return deviceColors([...(d?.series ?? []), ...(d?.bands ?? [])].map((s) => s.name))
  })
  const legend = computed<LegendEntry[]>(() =>
    (toValue(data)?.series ?? []).map((s) => ({
      name: s.name,
      color: s.color ?? colors.value.get(s.name)!,
      dash: !!s.dash,
    })),
  )
  const yRange = (): YRange => toValue(options.yRange) ?? { mode: 'all' }
  const xDefault = computed(() => {
    const d = toValue(data)
    return d ? defaultXRange(d.frequencies) : ([20, 20_000] as [number, number])
  })
  const view = computed<PlotView | null>(() => {
    const d = toValue(data)
    if (!d) return null
    const xRangeHz = zoom.value ?? xDefault.value
    return { xRangeHz, yRangeDb: plotYRange(d, xRangeHz, yRange()), zoomed: zoom.value !== null }
  })

  /** Puts the view's ranges on the plot where they differ. */
  function applyView(u: uPlot): void {
    const v = view.value
    if (!v || !u.scales?.x) return
    const x = [u.scales.x.min ?? NaN, u.scales.x.max ?? NaN]
    const y = [u.scales.y?.min ?? NaN, u.scales.y?.max ?? NaN]
    u.batch(() => {
      if (!same(x, v.xRangeHz)) u.setScale('x', { min: v.xRangeHz[0], max: v.xRangeHz[1] })
      if (!same(y, v.yRangeDb)) u.setScale('y', { min: v.yRangeDb[0], max: v.yRangeDb[1] })
    })
  }

  function build(container: HTMLElement, d: PlotData): uPlot {
    const axis = cssVar(container, '--plot-axis', '#666')
    const grid = cssVar(container, '--plot-grid', 'rgba(128,128,128,0.2)')
    const font = `11px ${cssVar(container, '--font-ui', 'system-ui, sans-serif')}`
    const colorOf = (name: string, own?: string): string => own ?? colors.value.get(name)!
    const series: uPlot.Series[] = [
      { label: 'Hz' },
      ...d.series.map((s) => ({
        label: s.name,
        stroke: colorOf(s.name, s.color),
        width: s.width ?? 1.5,
        dash: s.dash,
        points: { show: false },
      })),
      ...(d.bands ?? []).flatMap((b) => [
        { label: `${b.name} upper`, stroke: 'transparent', points: { show: false } },
        { label: `${b.name} lower`, stroke: 'transparent', points: { show: false } },
      ]),
    ]
    const first = 1 + d.series.length
    const bands: uPlot.Band[] = (d.bands ?? []).map((b, k) => ({
      series: [first + 2 * k, first + 2 * k + 1],
      fill: withAlpha(colorOf(b.name, b.color), 0.2),
    }))
    const axisBase = { stroke: axis, font, labelFont: font, grid: { stroke: grid, width: 1 } }
    return new uPlot(
      {
        width: container.clientWidth || 600,
        height,
        legend: { show: false },
        // Dragging across zooms the frequencies; a double-click goes back to the default range.
        cursor: { points: { show: false }, drag: { x: true, y: false, setScale: true } },
        scales: {
          // Auto-ranging (new data, double-click) gives the default frequencies...
          x: { distr: 3, log: 10, range: () => xDefault.value },
          // ... and the y range of the current mode over the frequencies in view.
          y: { range: (u) => plotYRange(d, xOfPlot(u), yRange()) },
        },
        axes: [
          {
            ...axisBase,
            size: 34,
            ticks: { stroke: grid, size: 4 },
            splits: (_u, _i, min, max) => frequencyTicks(min, max),
            // Every 1-2-5 tick keeps its label (uPlot's log filter would drop some).
            filter: (_u, splits) => splits,
            values: (_u, splits) => splits.map((v) => (v === null ? '' : formatHzTick(v))),
          },
          {
            ...axisBase,
            ticks: { stroke: grid, size: 4 },
            label: options.yLabel ?? 'dB',
            size: 50,
          },
        ],
        series,
        bands,
        hooks: {
          setCursor: [(u) => (readout.value = readoutAt(columns, legend.value, u.cursor.idx))],
          setScale: [
            (u, key) => {
              if (key !== 'x') return
              const x = xOfPlot(u)
              const zoomed = !same(x, xDefault.value)
              if (zoomed ? !zoom.value || !same(zoom.value, x) : zoom.value) {
                zoom.value = zoomed ? x : null
              }
              applyView(u)
            },
          ],
        },
      },
      columns as uPlot.AlignedData,
      container,
    )
  }

  /** The x range on the plot, or the default before it has one. */
  function xOfPlot(u: uPlot): [number, number] {
    const min = u.scales?.x?.min
    const max = u.scales?.x?.max
    return min != null && max != null && max > min ? [min, max] : (zoom.value ?? xDefault.value)
  }

  function render(): void {
    const container = el.value
    const d = toValue(data)
    if (!container || !d) {
      plot.value?.destroy()
      plot.value = null
      shape = ''
      return
    }
    columns = plotColumns(d)
    const next = shapeOf(d, colors.value, app.theme)
    if (plot.value && next === shape) {
      // New values in place: the zoom stays.
      plot.value.setData(columns as uPlot.AlignedData, false)
      applyView(plot.value)
      return
    }
    plot.value?.destroy()
    plot.value = build(container, d)
    shape = next
    applyView(plot.value)
  }

  function resetZoom(): void {
    zoom.value = null
    if (plot.value) applyView(plot.value)
  }

  onMounted(() => {
    render()
    observer = new ResizeObserver(() => {
      if (plot.value && el.value && el.value.clientWidth > 0) {
        plot.value.setSize({ width: el.value.clientWidth, height })
      }
    })
    if (el.value) observer.observe(el.value)
  })
  // After the DOM update, so a new theme's custom properties are in place.
  watch([() => toValue(data), () => app.theme, el], render, { flush: 'post' })
  watch(
    () => JSON.stringify(yRange()),
    () => plot.value && applyView(plot.value),
  )
  watch(
    [plot, () => toValue(options.marks)],
    ([u, marks]) => {
      if (u && marks) setPlotMarks(u, marks)
    },
    { flush: 'post' },
  )
  onBeforeUnmount(() => {
    observer?.disconnect()
    plot.value?.destroy()
    plot.value = null
  })

  return { el, plot, legend, readout, view, resetZoom }
}
