// Text widths as the page sets them, for layouts that size to content (the Recordings columns):
// a canvas measures in the theme's UI and monospace fonts; without a canvas (tests) an average
// advance per character stands in.
import type { MeasureText, TextKind } from '../recording-columns'

/** Average advances in px per character at the table's sizes, where nothing can measure. */
const FALLBACK: Record<TextKind, number> = { ui: 7, mono: 7.3, title: 7 }

export function useTextMeasure(): MeasureText {
  const canvas = typeof document === 'undefined' ? null : document.createElement('canvas')
  const ctx = canvas?.getContext('2d') ?? null
  if (!ctx) return (text, kind) => text.length * FALLBACK[kind]
  const css = getComputedStyle(document.documentElement)
  const family = (name: string, fallback: string): string =>
    css.getPropertyValue(name).trim() || fallback
  const fonts: Record<TextKind, string> = {
    ui: `13px ${family('--font-ui', 'sans-serif')}`,
    mono: `12px ${family('--font-mono', 'monospace')}`,
    title: `600 12px ${family('--font-ui', 'sans-serif')}`,
  }
  return (text, kind) => {
    ctx.font = fonts[kind]
    return ctx.measureText(text).width
  }
}
