// PNG from a figure's SVG, with resvg (its binary ships inside the npm package for each platform;
// nothing is downloaded). The font is loaded from the dejavu-fonts-ttf package instead of the
// system, so text renders on machines without fonts and every machine makes the same picture.
import { createRequire } from 'node:module'
import { Resvg } from '@resvg/resvg-js'

const requireHere = createRequire(import.meta.url)

/** DejaVu Sans, the first family of the figures' font stack (src-shared/figures/svg.ts). */
export const FIGURE_FONT_FILE = requireHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
const FIGURE_BOLD_FONT_FILE = requireHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')

export interface PngOptions {
  /** Pixels per SVG px (default 2: a 720×420 figure becomes 1440×840). */
  scale?: number
}

/** Renders a figure's SVG to PNG bytes on a white background. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 2
  if (!(scale > 0) || scale > 8) throw new Error(`scale=${scale}: expected more than 0, at most 8`)
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [FIGURE_FONT_FILE, FIGURE_BOLD_FONT_FILE],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    logLevel: 'off',
  })
  return new Uint8Array(resvg.render().asPng())
}
