// The pieces every saved figure is written with: escaped text, compact numbers, text widths for
// layout without a DOM, and the document around the panels (white background, title and
// description for screen readers, one font stack that browsers and the PNG rasteriser share).

/**
 * DejaVu Sans first: src-main/figures/png.ts loads exactly this font into the rasteriser, so PNGs
 * look the same on every machine; browsers without it fall back to a narrower sans-serif, which
 * the layout (measured with DejaVu's widths) leaves room for.
 */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif"

/** Colours of the figure's furniture (the curves take the device colours). */
export const INK = { text: '#1a1a1a', axis: '#4d4d4d', grid: '#e3e3e3', frame: '#9a9a9a' }

/** Advance widths of DejaVu Sans for ASCII 32…126, in units of 1/2048 em (its hmtx table). */
// prettier-ignore
const ADVANCE = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405,
  1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300,
  1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300,
  1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298,
  1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
]
/** Other characters (−, –, ±, µ, letters with accents) as a wide average glyph. */
const OTHER_ADVANCE = 1716

/** Width in px of `text` set in DejaVu Sans at `sizePx`. */
export function textWidth(text: string, sizePx: number): number {
  let units = 0
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    units += c >= 32 && c <= 126 ? ADVANCE[c - 32] : OTHER_ADVANCE
  }
  return (units / 2048) * sizePx
}

/** Text that fits `maxPx` at `sizePx`, cut with an ellipsis when it does not. */
export function fitText(text: string, sizePx: number, maxPx: number): string {
  if (textWidth(text, sizePx) <= maxPx) return text
  let cut = text
  while (cut.length > 1 && textWidth(`${cut}…`, sizePx) > maxPx) cut = cut.slice(0, -1)
  return `${cut}…`
}

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A coordinate with at most two decimals and no trailing zeros (small files, sub-pixel exact). */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100
  return Object.is(r, -0) ? '0' : String(r)
}

/** `name="value"` pairs; undefined values are left out. */
export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : esc(v!)}"`)
    .join('')
}

export interface TextOptions {
  size?: number
  anchor?: 'start' | 'middle' | 'end'
  weight?: 'normal' | 'bold'
  fill?: string
  /** Degrees, about (x, y). */
  rotate?: number
  cls?: string
}

export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  return `<text${attrs({
    class: o.cls,
    x,
    y,
    'font-size': o.size ?? 12,
    'text-anchor': o.anchor && o.anchor !== 'start' ? o.anchor : undefined,
    'font-weight': o.weight === 'bold' ? 'bold' : undefined,
    fill: o.fill,
    transform: o.rotate ? `rotate(${o.rotate} ${num(x)} ${num(y)})` : undefined,
  })}>${esc(content)}</text>`
}

/** A rectangle in px: the room a panel is drawn into. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** The figure's SVG document: white background, `<title>` and `<desc>` (the text alternative). */
export function svgDocument(
  width: number,
  height: number,
  title: string,
  alt: string,
  body: string[],
): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
      width,
      height,
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      role: 'img',
      'font-family': FONT_FAMILY,
      fill: INK.text,
    })}>`,
    `<title>${esc(title)}</title>`,
    `<desc>${esc(alt)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n')
}

/** Checks a figure size: whole or fractional px, within what a figure can sensibly be. */
export function checkSize(width: number, height: number, min: [number, number]): void {
  for (const [name, v, lo] of [
    ['width', width, min[0]],
    ['height', height, min[1]],
  ] as const) {
    if (!Number.isFinite(v) || v < lo || v > 10_000) {
      throw new Error(`${name}=${v} px: a figure needs ${lo} to 10000 px`)
    }
  }
}

/** The figure's title at the top left: smaller type for a long title, cut only as a last resort. */
export function figureTitle(title: string, width: number): string {
  const room = width - 28
  let size = 14
  while (size > 10 && textWidth(title, size) * 1.08 > room) size--
  // Bold glyphs run about 8% wider than the regular widths measured.
  return text(14, 26, fitText(title, size * 1.08, room), {
    size,
    weight: 'bold',
    cls: 'figure-title',
  })
}
