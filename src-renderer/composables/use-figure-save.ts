// Saving a figure (src-shared/figures: SVG, CSV, title, text alternative) from the UI: the SVG as
// it is, the CSV of the plotted numbers, and a PNG at twice the figure's size drawn by the
// browser's own SVG renderer on a canvas (white background, as the SVG says).
//
//   const { save } = useFigureSave()
//   await save(figure, 'png', 'coefficients')
import type { Figure } from '@shared/figures/types'
import { saveBlob } from './use-download'

export type FigureFormat = 'svg' | 'png' | 'csv'

/** PNG pixels per SVG px. */
export const PNG_SCALE = 2

/** A file name from a title: 'Correction coefficients towards a' → 'correction-coefficients-towards-a'. */
export function figureFileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return stem.slice(0, 80) || 'figure'
}

/** The size in px that the figure's root `<svg>` states. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? ''
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1])
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1])
  if (!(width > 0) || !(height > 0)) throw new Error('the figure states no width and height')
  return { width, height }
}

/** The SVG drawn at `scale` on a canvas, as PNG. */
export async function svgToPngBlob(svg: string, scale = PNG_SCALE): Promise<Blob> {
  const { width, height } = svgSize(svg)
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.decoding = 'sync'
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve()
      image.onerror = () => reject(new Error('the browser could not draw the figure'))
      image.src = url
    })
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(width * scale)
    canvas.height = Math.round(height * scale)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no canvas to draw the figure on')
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the canvas made no PNG'))),
        'image/png',
      ),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** The figure as a file of `format`. */
export async function figureBlob(figure: Figure, format: FigureFormat): Promise<Blob> {
  if (format === 'svg') return new Blob([figure.svg], { type: 'image/svg+xml' })
  if (format === 'csv') return new Blob([figure.csv], { type: 'text/csv' })
  return svgToPngBlob(figure.svg)
}

export function useFigureSave(): {
  save: (figure: Figure, format: FigureFormat, stem?: string) => Promise<void>
} {
  return {
    async save(figure, format, stem) {
      const blob = await figureBlob(figure, format)
      saveBlob(blob, `${stem ?? figureFileStem(figure.title)}.${format}`)
    },
  }
}
