// One colour per device, the same in every plot, table, chip and saved figure, in both themes.
//
// The twelve colours are taken unchanged from published colour-vision-deficiency-aware palettes
// (IBM Design Library's, Paul Tol's bright, vibrant and muted sets, Okabe and Ito's, Petroff's
// 2021 ten-colour sequence), keeping only those with a contrast of at least 3:1 (WCAG 2 non-text)
// against both the light theme's plot surface (#ffffff) and the dark theme's (#1b1f26), and
// ordered so that every prefix stays as distinct as possible: the first six differ by a CIEDE2000
// ΔE of at least 10 and all twelve by at least 6.5, for normal vision and simulated protanopia,
// deuteranopia and tritanopia (Machado et al. 2009). test/shared/figures/palette.test.ts checks
// all of it. Mid-luminance colours are what both themes allow, so no lightness cue is left to
// separate hues: beyond six devices tell them apart by the legend, the readout or the labels too.

export const DEVICE_PALETTE: readonly string[] = [
  '#785ef0', // violet (IBM)
  '#cc3311', // red (Tol vibrant)
  '#009e73', // bluish green (Okabe-Ito)
  '#cc79a7', // reddish purple (Okabe-Ito)
  '#aa4499', // purple (Tol muted)
  '#999933', // olive (Tol muted)
  '#ee6677', // rose (Tol bright)
  '#648fff', // blue (IBM)
  '#717581', // grey (Petroff)
  '#a96b59', // brown (Petroff)
  '#0072b2', // blue (Okabe-Ito)
  '#228833', // green (Tol bright)
]

/** Colour of lines that are no device (a target curve, the "before" bars). */
export const NEUTRAL_COLOR = '#8c8c8c'

/** Device name → colour, resolved once per project from its device list. */
export type DeviceColorMap = ReadonlyMap<string, string>

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The colours of a project's devices: the distinct names sorted (by code point, the same on
 * every machine) take the palette in order, so `a, b, c, s1…` get the most distinct colours
 * first; past twelve devices the palette repeats.
 */
export function deviceColorMap(devices: readonly string[]): DeviceColorMap {
  const sorted = [...new Set(devices)].sort(byCodePoint)
  return new Map(sorted.map((d, i) => [d, DEVICE_PALETTE[i % DEVICE_PALETTE.length]]))
}

/** FNV-1a of the name: stable across sessions and machines. */
function hash(name: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The colour of `name` in `map`; a name the project does not know gets a stable hashed slot. */
export function colorOf(map: DeviceColorMap, name: string): string {
  return map.get(name) ?? DEVICE_PALETTE[hash(name) % DEVICE_PALETTE.length]
}
