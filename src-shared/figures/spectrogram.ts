// A spectrogram as a figure: the dB matrix drawn as an image, one pixel per frame and bin mapped
// through the colour map and embedded as a palette PNG (exact: no resampling, 1 byte per cell, far
// smaller than a rectangle per cell), stretched without smoothing onto linear time and frequency
// axes, with a colour bar in dB.
import { base64, encodeIndexedPng, type ZlibCompress } from '../io/png'
import { cubehelix } from './colormap'
import { csvTable, type CsvColumn } from './csv'
import { frameLevelNote, LEVEL_LABEL } from './level'
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
import { formatHz, hzText, linearTicks, type Ticks } from './ticks'
import type { Figure, FigureSize } from './types'

export interface SpectrogramData {
  /** Levels in dB, row-major `[frames][bins]` (bins 0 … nFft/2 of each frame). */
  db: ArrayLike<number>
  frames: number
  bins: number
  sampleRate: number
  /** Samples between frames; frame t is centred at startSec + t · hopLength / sampleRate s. */
  hopLength: number
  nFft: number
  /** Time of frame 0's centre, s (default 0: a part of a recording starts later). */
  startSec?: number
  /** The analysis window, for the text alternative (default 'hann'). */
  window?: string
}

export interface SpectrogramOptions extends FigureSize {
  /** Levels shown below the top, dB (default 80). */
  dynamicRangeDb?: number
  /** The level at the top of the colour map, dB (default the largest in the data). */
  topDb?: number
  /** Highest frequency shown, Hz (default sampleRate / 2). */
  maxHz?: number
  /** Colours of the map, 2…256 (default 256). */
  levels?: number
  title?: string
  /** The recording's name, for the title. */
  name?: string
  /** A zlib compressor for the embedded PNG (Node's deflateSync); stored blocks without one. */
  compress?: ZlibCompress
}

function checkData(d: SpectrogramData): void {
  for (const [name, v] of [
    ['frames', d.frames],
    ['bins', d.bins],
    ['hopLength', d.hopLength],
    ['nFft', d.nFft],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name}=${v} must be a positive integer`)
  }
  if (!(d.sampleRate > 0)) throw new Error(`sampleRate=${d.sampleRate} must be positive`)
  if (d.db.length !== d.frames * d.bins) {
    throw new Error(
      `db holds ${d.db.length} values; ${d.frames} frames × ${d.bins} bins need ${d.frames * d.bins}`,
    )
  }
}

function axisTicks(
  ticks: Ticks,
  pos: (v: number) => number,
  horizontal: boolean,
  edge: number,
  cls: string,
): string {
  return ticks.values
    .map((v, i) => {
      const p = num(pos(v))
      const line = horizontal
        ? `<line x1="${p}" x2="${p}" y1="${num(edge)}" y2="${num(edge + 5)}" stroke="${INK.axis}"/>`
        : `<line x1="${num(edge - 5)}" x2="${num(edge)}" y1="${p}" y2="${p}" stroke="${INK.axis}"/>`
      const label = horizontal
        ? text(pos(v), edge + 17, ticks.labels[i], { size: 11, anchor: 'middle' })
        : text(edge - 7, pos(v) + 4, ticks.labels[i], { size: 11, anchor: 'end' })
      return `<g class="tick ${cls}" data-value="${v}">${line}${label}</g>`
    })
    .join('')
}

export function spectrogramFigure(data: SpectrogramData, o: SpectrogramOptions = {}): Figure {
  checkData(data)
  const width = o.width ?? 800
  const height = o.height ?? 420
  checkSize(width, height, [320, 200])
  const { frames, bins, sampleRate: sr, hopLength: hop, nFft } = data
  const binHz = sr / nFft
  const maxHz = Math.min(o.maxHz ?? sr / 2, (bins - 1) * binHz)
  if (!(maxHz > 0)) throw new Error(`maxHz=${o.maxHz}: expected a positive frequency`)
  const shownBins = Math.min(bins, Math.floor(maxHz / binHz + 1e-9) + 1)
  const range = o.dynamicRangeDb ?? 80
  if (!(range > 0)) throw new Error(`dynamicRangeDb=${range} must be positive`)
  let top = o.topDb ?? -Infinity
  if (o.topDb === undefined)
    for (let i = 0; i < data.db.length; i++) if (data.db[i] > top) top = data.db[i]
  if (!Number.isFinite(top)) throw new Error('the spectrogram holds no finite level')
  const floor = top - range
  const palette = cubehelix(o.levels ?? 256)
  const last = palette.length - 1
  // Highest bin on top; a cell takes the colour of its level, clamped to the range.
  const pixels = new Uint8Array(frames * shownBins)
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < shownBins; k++) {
      const v = data.db[t * bins + k]
      const level = Number.isFinite(v) ? Math.round(((v - floor) / range) * last) : 0
      pixels[(shownBins - 1 - k) * frames + t] = Math.min(last, Math.max(0, level))
    }
  }
  const image = base64(
    encodeIndexedPng({ width: frames, height: shownBins, pixels, palette }, o.compress),
  )
  const barPixels = Uint8Array.from({ length: palette.length }, (_, i) => last - i)
  const bar = base64(
    encodeIndexedPng({ width: 1, height: palette.length, pixels: barPixels, palette }, o.compress),
  )

  const title = o.title ?? `Spectrogram${o.name ? ` of ${o.name}` : ''}`
  const barTicks = linearTicks(floor, top, { lengthPx: height - 120, minGapPx: 30 })
  const barLabelW = Math.max(...barTicks.labels.map((l) => textWidth(l, 11)))
  const fTicksProbe = linearTicks(0, maxHz, { lengthPx: height - 110, minGapPx: 32 })
  const left =
    8 +
    12 +
    8 +
    Math.max(...fTicksProbe.labels.map((_, i) => textWidth(formatHz(fTicksProbe.values[i]), 11))) +
    8
  const plot: Box = {
    x: left,
    y: 44,
    width: width - left - 16 - 14 - 8 - barLabelW - 26 - 20,
    height: height - 44 - 48,
  }
  // Cells are centred on their frame time and bin frequency.
  const start = data.startSec ?? 0
  const t0 = start - hop / 2 / sr
  const t1 = start + (frames - 0.5) * (hop / sr)
  const f0 = -binHz / 2
  const f1 = (shownBins - 0.5) * binHz
  const xOf = (s: number): number => plot.x + ((s - t0) / (t1 - t0)) * plot.width
  const yOf = (hz: number): number => plot.y + ((f1 - hz) / (f1 - f0)) * plot.height
  const tTicks = linearTicks(Math.max(0, t0), t1, { lengthPx: plot.width, minGapPx: 60 })
  const fTicks = linearTicks(0, maxHz, { lengthPx: plot.height, minGapPx: 32 })
  const fLabels: Ticks = { ...fTicks, labels: fTicks.values.map(formatHz) }
  const barBox: Box = { x: plot.x + plot.width + 16, y: plot.y, width: 14, height: plot.height }
  const yBar = (db: number): number => barBox.y + ((top - db) / range) * barBox.height
  const bottom = plot.y + plot.height
  const body = [
    figureTitle(title, width),
    `<image class="spectrogram"${attrs({ x: plot.x, y: plot.y, width: plot.width, height: plot.height, preserveAspectRatio: 'none', 'image-rendering': 'optimizeSpeed' })} href="data:image/png;base64,${image}"/>`,
    `<rect class="frame"${attrs({ ...plot, fill: 'none', stroke: INK.frame })}/>`,
    `<g class="axis x-axis" fill="${INK.axis}">${axisTicks(tTicks, xOf, true, bottom, 'x-tick')}</g>`,
    `<g class="axis y-axis" fill="${INK.axis}">${axisTicks(fLabels, yOf, false, plot.x, 'y-tick')}</g>`,
    text(plot.x + plot.width / 2, height - 8, 'Time (s)', {
      size: 12,
      anchor: 'middle',
      cls: 'axis-title x-title',
    }),
    text(18, plot.y + plot.height / 2, 'Frequency (Hz)', {
      size: 12,
      anchor: 'middle',
      rotate: -90,
      cls: 'axis-title y-title',
    }),
    `<image class="colorbar"${attrs({ ...barBox, preserveAspectRatio: 'none', 'image-rendering': 'optimizeSpeed' })} href="data:image/png;base64,${bar}"/>`,
    `<rect${attrs({ ...barBox, fill: 'none', stroke: INK.frame })}/>`,
    `<g class="axis colorbar-axis" fill="${INK.axis}">${barTicks.values
      .map(
        (v, i) =>
          `<g class="tick c-tick" data-value="${v}"><line x1="${num(barBox.x + barBox.width)}" x2="${num(barBox.x + barBox.width + 4)}" y1="${num(yBar(v))}" y2="${num(yBar(v))}" stroke="${INK.axis}"/>${text(barBox.x + barBox.width + 7, yBar(v) + 4, barTicks.labels[i], { size: 11 })}</g>`,
      )
      .join('')}</g>`,
    text(width - 12, plot.y + plot.height / 2, LEVEL_LABEL, {
      size: 12,
      anchor: 'middle',
      rotate: -90,
      cls: 'axis-title c-title',
    }),
  ]
  const duration = (frames - 1) * (hop / sr)
  const span = start > 0 ? ` from ${start.toFixed(2)} s` : ''
  const alt = `${title}: ${frames} frames over ${duration.toFixed(2)} s${span} (hop ${hop} samples at ${sr} Hz, nFft ${nFft}), 0 to ${hzText(maxHz)} on a linear axis, colours from ${floor.toFixed(1)} to ${top.toFixed(1)} dB. ${frameLevelNote(nFft, data.window)}`
  const freqs = Array.from({ length: shownBins }, (_, k) => k * binHz)
  const columns: CsvColumn[] = [
    { header: 'frequency_hz', values: freqs },
    ...Array.from({ length: frames }, (_, t) => ({
      header: `t_${+(start + (t * hop) / sr).toFixed(6)}s_db`,
      values: Array.from({ length: shownBins }, (_, k) => data.db[t * bins + k]),
    })),
  ]
  return { svg: svgDocument(width, height, title, alt, body), csv: csvTable(columns), title, alt }
}
