// The legend of a figure: a row (wrapping) of swatches and names above the plot, never over it.
import { attrs, esc, INK, num, textWidth, type Box } from './svg'

export interface LegendEntry {
  label: string
  color: string
  /** A line swatch (dashed or solid), a filled square (bands, regions, bars), or a dot. */
  kind: 'line' | 'dashed' | 'fill' | 'band'
}

const SIZE = 12
const ROW = 18
const SWATCH = 20
const GAP = 16

interface Placed {
  entry: LegendEntry
  x: number
  row: number
}

function place(entries: readonly LegendEntry[], width: number): { placed: Placed[]; rows: number } {
  const placed: Placed[] = []
  let x = 0
  let row = 0
  for (const entry of entries) {
    const w = SWATCH + 5 + textWidth(entry.label, SIZE)
    if (x > 0 && x + w > width) {
      x = 0
      row++
    }
    placed.push({ entry, x, row })
    x += w + GAP
  }
  return { placed, rows: entries.length ? row + 1 : 0 }
}

/** Height in px the legend takes at `width`. */
export function legendHeight(entries: readonly LegendEntry[], width: number): number {
  const { rows } = place(entries, width)
  return rows ? rows * ROW + 6 : 0
}

function swatch(e: LegendEntry, x: number, y: number): string {
  if (e.kind === 'fill' || e.kind === 'band') {
    return `<rect${attrs({
      x,
      y: y - 5,
      width: SWATCH,
      height: 10,
      fill: e.color,
      'fill-opacity': e.kind === 'band' ? 0.25 : 1,
      stroke: e.kind === 'band' ? e.color : undefined,
      'stroke-opacity': e.kind === 'band' ? 0.5 : undefined,
    })}/>`
  }
  return `<line${attrs({
    x1: x,
    x2: x + SWATCH,
    y1: y,
    y2: y,
    stroke: e.color,
    'stroke-width': 2,
    'stroke-dasharray': e.kind === 'dashed' ? '5 3' : undefined,
  })}/>`
}

/** The legend in `box` (its height from legendHeight). */
export function legend(entries: readonly LegendEntry[], box: Box): string {
  const { placed } = place(entries, box.width)
  const items = placed.map(({ entry, x, row }) => {
    const cy = box.y + row * ROW + ROW / 2
    return (
      `<g class="legend-item" data-label="${esc(entry.label)}">` +
      swatch(entry, box.x + x, cy) +
      `<text x="${num(box.x + x + SWATCH + 5)}" y="${num(cy + 4)}" font-size="${SIZE}" fill="${INK.text}">${esc(entry.label)}</text></g>`
    )
  })
  return `<g class="legend">${items.join('')}</g>`
}
