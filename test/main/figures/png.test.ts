// Figures rendered to PNG at 2× with resvg and decoded back: the size, the curves where the SVG
// puts them in their colours, and text drawn with the bundled font (resvg loads no system font).
import { deflateSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  coefficientsFigure,
  confusionMatrixFigure,
  deviceColorMap,
  evaluateFigure,
  firFigure,
  recordingSpectrumFigure,
  rmsFigure,
  spectraFigure,
  spectraRelativeFigure,
  spectrogramFigure,
  type Figure,
} from '@shared/figures'
import { svgToPng } from '../../../src-main/figures/png'
import { goldenFigureInputs, type GoldenFigureInputs } from '../../helpers/golden-figures'
import { decodePng, type DecodedPng } from '../../helpers/png-decode'
import { byClass, parseSvg, pathPoints } from '../../helpers/svg-parse'

let g: GoldenFigureInputs
beforeAll(async () => {
  g = await goldenFigureInputs()
}, 60_000)

const colors = deviceColorMap(['a', 'b', 'c'])

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16)
  return [n >> 16, (n >> 8) & 255, n & 255]
}

function pixel(png: DecodedPng, x: number, y: number): [number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4
  return [png.rgba[i], png.rgba[i + 1], png.rgba[i + 2]]
}

/** Whether a pixel within `r` px of (x, y) has `color` (antialiasing blends the rest). */
function near(png: DecodedPng, x: number, y: number, color: string, r = 2): boolean {
  const want = rgb(color)
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const got = pixel(png, x + dx, y + dy)
      if (got.every((c, i) => Math.abs(c - want[i]) <= 24)) return true
    }
  }
  return false
}

/** Dark pixels (text) inside a box of the PNG. */
function darkPixels(png: DecodedPng, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0
  for (let y = Math.max(0, y0); y < Math.min(png.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(png.width, x1); x++) {
      if (pixel(png, x, y).every((c) => c < 120)) n++
    }
  }
  return n
}

function render(fig: Figure, scale = 2): DecodedPng {
  return decodePng(svgToPng(fig.svg, { scale }))
}

describe('PNG of a figure', () => {
  it('is twice the SVG size, white, with each curve in its colour where the SVG draws it', () => {
    const fig = coefficientsFigure(g.coefficients, { colors, fitBandHz: [100, 10_000] })
    const png = render(fig)
    expect([png.width, png.height]).toEqual([1440, 840])
    expect(pixel(png, 3, 3)).toEqual([255, 255, 255])
    const doc = parseSvg(fig.svg)
    for (const path of byClass(doc, 'series', 'path')) {
      const device = path.getAttribute('data-series')!
      const points = pathPoints(path.getAttribute('d')!)
      // Points well inside the plot (between 200 Hz and 2 kHz, where no other curve crosses).
      const inside = points.filter(([x]) => x > 300 && x < 560)
      expect(inside.length).toBeGreaterThan(10)
      const hits = inside.filter(([x, y]) => near(png, 2 * x, 2 * y, colors.get(device)!))
      // The reference is dashed (6 on, 4 off): its gaps show the grid.
      expect(hits.length / inside.length).toBeGreaterThan(device === 'a' ? 0.5 : 0.9)
    }
  })

  it('draws its text with the bundled font: title, tick labels and axis titles', () => {
    const fig = spectraFigure(g.spectra, { colors })
    const png = render(fig)
    const doc = parseSvg(fig.svg)
    const xTitle = byClass(doc, 'x-title')[0]
    const x = Number(xTitle.getAttribute('x')) * 2
    const y = Number(xTitle.getAttribute('y')) * 2
    // "Frequency (Hz)" at 12 px is about 90 px wide and 12 px tall, here doubled.
    expect(darkPixels(png, x - 90, y - 24, x + 90, y + 6)).toBeGreaterThan(300)
    expect(darkPixels(png, 20, 20, 500, 60)).toBeGreaterThan(300)
    // Nothing dark where no text is (inside the plot, away from curves and labels).
    expect(darkPixels(png, 900, 200, 1000, 230)).toBe(0)
  })

  it('renders every figure of the golden corpus', () => {
    const figures = [
      spectraRelativeFigure(g.spectra, { colors }),
      firFigure(g.fir, { colors, validBandHz: [100, 10_000] }),
      rmsFigure(g.evaluation, { colors }),
      evaluateFigure(g.evaluation, { colors }),
      confusionMatrixFigure(g.confusion),
      recordingSpectrumFigure(g.recording, { colors }),
    ]
    for (const fig of figures) {
      const root = parseSvg(fig.svg).documentElement!
      const png = render(fig)
      expect([png.width, png.height]).toEqual([
        2 * Number(root.getAttribute('width')),
        2 * Number(root.getAttribute('height')),
      ])
      expect(darkPixels(png, 0, 0, png.width, 70)).toBeGreaterThan(200)
    }
    expect(() => svgToPng('<svg', {})).toThrow()
    expect(() => svgToPng(figures[0].svg, { scale: 0 })).toThrow('scale=0')
  })

  it('shows the spectrogram image pixel for pixel (no smoothing between cells)', () => {
    const s = g.spectrogram
    // At least one screen pixel per cell in both directions.
    const fig = spectrogramFigure(s, {
      width: 2 * s.frames + 200,
      height: 2 * s.bins + 120,
      compress: (d) => deflateSync(d),
    })
    const png = render(fig, 1)
    const image = parseSvg(fig.svg).getElementsByTagName('image')[0]
    const [x0, y0, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(image.getAttribute(a)))
    const embedded = decodePng(Buffer.from(image.getAttribute('href')!.split(',')[1], 'base64'))
    // Sample cells in the middle of their screen area: the rendered colour is the cell's own.
    let same = 0
    let total = 0
    for (let t = 5; t < s.frames; t += 37) {
      for (let row = 20; row < embedded.height; row += 97) {
        const cx = x0 + ((t + 0.5) * w) / embedded.width
        const cy = y0 + ((row + 0.5) * h) / embedded.height
        const i = (row * embedded.width + t) * 4
        const want = embedded.rgba.subarray(i, i + 3)
        const got = pixel(png, cx, cy)
        total++
        if (got.every((c, k) => Math.abs(c - want[k]) <= 2)) same++
      }
    }
    expect(same / total).toBeGreaterThan(0.95)
  })
})
