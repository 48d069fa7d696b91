// Frequency plots on uPlot: log-frequency x axis in Hz (ticks 20, 50, 100 … 10k, 20k), y in dB,
// named series in the device colours, optional shaded bands (confidence intervals), colours from
// the theme, the width of the container, disposed with the component.
//
//   const { el, legend } = usePlot(() => ({ frequencies, series: [{ name: 'b', values }] }))
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
import { frequencyTicks } from '@shared/figures/ticks'
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

export interface PlotOptions {
  /** Height in CSS pixels (default 260); the width follows the container. */
  height?: number
  /** Shown x range in Hz (default 20 Hz to the highest frequency, at most 20 kHz). */
  xRangeHz?: [number, number]
  /** Fixed y range in dB (default: fit the data). */
  yRangeDb?: [number, number]
  yLabel?: string
}

export interface LegendEntry {
  name: string
  color: string
  dash: boolean
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

export function usePlot(
  data: MaybeRefOrGetter<PlotData | null>,
  options: PlotOptions = {},
): {
  /** Bind to the container element: `<div ref="el" />`. */
  el: Ref<HTMLElement | null>
  plot: ShallowRef<uPlot | null>
  legend: ComputedRef<LegendEntry[]>
} {
  const app = useAppStore()
  const el = ref<HTMLElement | null>(null)
  const plot = shallowRef<uPlot | null>(null)
  const height = options.height ?? 260
  let shape = ''
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

  function build(container: HTMLElement, d: PlotData): uPlot {
    const axis = cssVar(container, '--plot-axis', '#666')
    const grid = cssVar(container, '--plot-grid', 'rgba(128,128,128,0.2)')
    const font = `11px ${cssVar(container, '--font-ui', 'system-ui, sans-serif')}`
    const columns = plotColumns(d)
    const xs = columns[0] as number[]
    const top = xs.length ? xs[xs.length - 1] : 20_000
    const [xMin, xMax] = options.xRangeHz ?? [20, Math.min(20_000, Math.max(top, 40))]
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
        cursor: { points: { show: false }, drag: { x: true, y: false } },
        scales: {
          x: { distr: 3, log: 10, range: [xMin, xMax] },
          y: options.yRangeDb ? { range: options.yRangeDb } : {},
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
            size: 44,
          },
        ],
        series,
        bands,
      },
      columns as uPlot.AlignedData,
      container,
    )
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
    const next = shapeOf(d, colors.value, app.theme)
    if (plot.value && next === shape) {
      plot.value.setData(plotColumns(d) as uPlot.AlignedData)
      return
    }
    plot.value?.destroy()
    plot.value = build(container, d)
    shape = next
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
  onBeforeUnmount(() => {
    observer?.disconnect()
    plot.value?.destroy()
    plot.value = null
  })

  return { el, plot, legend }
}
