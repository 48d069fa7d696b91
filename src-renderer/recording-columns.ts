// The Recordings table's column widths, fitted to what the columns hold: each column as wide as
// its widest cell or title (within a cap, so one odd label cannot take the table), and Path the
// rest of the width. Measuring every one of 100,000 cells would be slow: per column only the
// longest texts by character count are measured.
import type { RecordingRow } from '@shared/api/views'
import { formatDuration, formatRate } from './format'
import { rowState, type SortKey } from './recording-table'

/** Which type a text is set in: the UI font, the monospace font (paths, groups), titles. */
export type TextKind = 'ui' | 'mono' | 'title'

/** Width in CSS px of `text` set in the font of `kind`. */
export type MeasureText = (text: string, kind: TextKind) => number

export interface RecordingColumn {
  key: SortKey
  title: string
  numeric?: boolean
  kind: TextKind
  /** The cell's text, as the table shows it. */
  text: (row: RecordingRow) => string
  /** Widest the column grows, px. */
  maxPx: number
}

export const RECORDING_COLUMNS: readonly RecordingColumn[] = [
  { key: 'path', title: 'Path', kind: 'mono', text: (r) => r.path, maxPx: Infinity },
  { key: 'device', title: 'Device', kind: 'ui', text: (r) => r.device ?? '–', maxPx: 220 },
  { key: 'scene', title: 'Scene', kind: 'ui', text: (r) => r.scene ?? '–', maxPx: 260 },
  { key: 'group', title: 'Group', kind: 'mono', text: (r) => r.group ?? '–', maxPx: 420 },
  {
    key: 'state',
    title: 'Status',
    kind: 'ui',
    // The warning mark after the status (a margin and one glyph: a space stands in for the margin).
    text: (r) => (r.warnings.length ? `${rowState(r)} ⚠` : rowState(r)),
    maxPx: 140,
  },
  {
    key: 'duration',
    title: 'Duration',
    numeric: true,
    kind: 'ui',
    text: (r) => formatDuration(r.durationSec),
    maxPx: 140,
  },
  {
    key: 'rate',
    title: 'Rate',
    numeric: true,
    kind: 'ui',
    text: (r) => formatRate(r.sampleRate),
    maxPx: 120,
  },
  {
    key: 'channels',
    title: 'Ch',
    numeric: true,
    kind: 'ui',
    text: (r) => (r.channels === null ? '–' : String(r.channels)),
    maxPx: 60,
  },
]

/** Padding of a cell (8 px each side) and of a title (its sort button and arrow). */
const CELL_PAD = 16
const TITLE_PAD = 28
/** Texts measured per column: the longest by characters (widths follow length closely). */
const CANDIDATES = 24
/** Path never shrinks below this. */
const PATH_MIN_PX = 240

/** The `count` longest texts of a column by character count. */
function longest(rows: readonly RecordingRow[], text: (r: RecordingRow) => string): string[] {
  const top: string[] = []
  let shortest = -1
  for (const r of rows) {
    const t = text(r)
    if (top.length >= CANDIDATES && t.length <= shortest) continue
    top.push(t)
    if (top.length > CANDIDATES * 4) {
      top.sort((a, b) => b.length - a.length)
      top.length = CANDIDATES
      shortest = top[CANDIDATES - 1].length
    }
  }
  return top
}

/**
 * The grid's `grid-template-columns`: every column but Path at the width of its widest cell or
 * title plus padding (at most its cap), Path at least its widest cell up to the rest.
 */
export function recordingColumnWidths(
  rows: readonly RecordingRow[],
  measure: MeasureText,
  columns: readonly RecordingColumn[] = RECORDING_COLUMNS,
): string {
  return columns
    .map((c) => {
      const cells = Math.max(0, ...longest(rows, c.text).map((t) => measure(t, c.kind)))
      const title = measure(c.title, 'title') + TITLE_PAD
      const width = Math.ceil(Math.min(c.maxPx, Math.max(cells + CELL_PAD, title)))
      return c.key === 'path' ? `minmax(${Math.min(width, PATH_MIN_PX)}px, 1fr)` : `${width}px`
    })
    .join(' ')
}
