// Strict XML parsing of the figures' SVG (any well-formedness error throws) and small queries.
import { DOMParser, type Document, type Element } from '@xmldom/xmldom'

export function parseSvg(svg: string): Document {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`invalid SVG: ${message}`)
    },
  }).parseFromString(svg, 'image/svg+xml')
  const root = doc.documentElement
  if (
    !root ||
    root.tagName !== 'svg' ||
    root.getAttribute('xmlns') !== 'http://www.w3.org/2000/svg'
  ) {
    throw new Error('the document is not an SVG in the SVG namespace')
  }
  return doc
}

export function byTag(doc: Document | Element, tag: string): Element[] {
  return Array.from(doc.getElementsByTagName(tag))
}

/** Elements whose class list holds `cls`. */
export function byClass(doc: Document, cls: string, tag = '*'): Element[] {
  return byTag(doc, tag).filter((e) => (e.getAttribute('class') ?? '').split(/\s+/).includes(cls))
}

export function textOf(e: Element): string {
  return e.textContent ?? ''
}

/** The points of a path made of M and L commands. */
export function pathPoints(d: string): [number, number][] {
  return Array.from(d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g), (m) => [Number(m[1]), Number(m[2])])
}

/** A CSV of numbers and plain names as rows of cells (numbers parsed, '' kept). */
export function parseCsv(csv: string): { header: string[]; rows: (number | string)[][] } {
  const lines = csv.trimEnd().split('\n')
  const header = lines[0].split(',')
  const rows = lines
    .slice(1)
    .map((l) => l.split(',').map((c) => (c === '' || Number.isNaN(Number(c)) ? c : Number(c))))
  return { header, rows }
}
