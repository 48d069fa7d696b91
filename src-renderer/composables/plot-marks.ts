// Marks drawn under a use-plot chart's curves: shaded frequency regions (gains beyond ±20 dB) and
// dashed horizontal guides (the ±20 dB limits). They are a uPlot hook, so they follow zoom, resize
// and new data; colours come from the theme's custom properties on the chart's element.
import uPlot from 'uplot'

export interface PlotMarks {
  /** Frequency ranges in Hz to shade. */
  regions: readonly { fromHz: number; toHz: number }[]
  /** Values in dB to draw as dashed horizontal lines, where inside the y range. */
  guidesDb: readonly number[]
  /** Custom property holding the colour (e.g. '--warn'). */
  colorVar: string
}

type Draw = (u: uPlot) => void

const installed = new WeakMap<uPlot, { marks: PlotMarks }>()

function drawMarks(u: uPlot, marks: PlotMarks): void {
  const ctx = u.ctx
  const { left, top, width, height } = u.bbox
  const color = getComputedStyle(u.root).getPropertyValue(marks.colorVar).trim() || '#c80'
  const xMin = u.scales.x.min ?? 0
  const xMax = u.scales.x.max ?? 0
  ctx.save()
  ctx.beginPath()
  ctx.rect(left, top, width, height)
  ctx.clip()
  ctx.fillStyle = color
  ctx.globalAlpha = 0.14
  for (const r of marks.regions) {
    if (r.toHz < xMin || r.fromHz > xMax) continue
    // A region of a single bin still gets a visible sliver.
    const x0 = u.valToPos(Math.max(r.fromHz, xMin), 'x', true)
    const x1 = u.valToPos(Math.min(r.toHz, xMax), 'x', true)
    ctx.fillRect(Math.min(x0, x1 - 3), top, Math.max(3, x1 - x0), height)
  }
  const yMin = u.scales.y.min ?? 0
  const yMax = u.scales.y.max ?? 0
  ctx.globalAlpha = 0.8
  ctx.strokeStyle = color
  const px = uPlot.pxRatio || 1
  ctx.lineWidth = px
  ctx.setLineDash([6 * px, 4 * px])
  for (const db of marks.guidesDb) {
    if (db < yMin || db > yMax) continue
    const y = Math.round(u.valToPos(db, 'y', true)) + 0.5
    ctx.beginPath()
    ctx.moveTo(left, y)
    ctx.lineTo(left + width, y)
    ctx.stroke()
  }
  ctx.restore()
}

/**
 * Draws `marks` on `u` from now on (at the start of each redraw, under the curves); calling it
 * again replaces the marks.
 */
export function setPlotMarks(u: uPlot, marks: PlotMarks): void {
  const known = installed.get(u)
  if (known) known.marks = marks
  else {
    const state = { marks }
    installed.set(u, state)
    const hook: Draw = (plot) => drawMarks(plot, state.marks)
    const hooks = u.hooks as uPlot.Hooks.Arrays
    ;(hooks.drawClear ??= []).push(hook)
  }
  u.redraw(false)
}
