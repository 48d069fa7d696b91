// The recordings table as columns (`recordings.table`): the rows of `recordings.list`, in the same
// order, in a compact form that JSON carries cheaply at DCASE scale. Labels, states and header
// facts repeat a few values over many rows, so each such column is a dictionary of its distinct
// values and one small index per row; ids climb, so they travel as differences; paths sorted by
// source and path share long prefixes with the row before, so each is sent as the length of that
// shared prefix and the rest (front coding). 100,000 DCASE recordings take about 4 MB, not 30.
import type { RecordingRow } from './views'

/** Distinct values of a column and, per row, the index of its value. */
export interface DictColumn<T> {
  values: T[]
  index: number[]
}

export interface RecordingColumns {
  /** Changes whenever anything the rows show changes (see ProjectView.recordingsRevision). */
  revision: string
  count: number
  /** id of row i minus id of row i−1 (row −1 has id 0). */
  idDelta: number[]
  sourceId: DictColumn<number>
  /** Characters row i's path shares with row i−1's, and the characters after them. */
  pathShared: number[]
  pathRest: string[]
  device: DictColumn<string | null>
  scene: DictColumn<string | null>
  group: DictColumn<string | null>
  status: DictColumn<RecordingRow['status']>
  analysis: DictColumn<RecordingRow['analysis']>
  /** Rows with an error message: their row numbers and messages (most rows have none). */
  errorRows: number[]
  errors: string[]
  durationSec: DictColumn<number | null>
  sampleRate: DictColumn<number | null>
  channels: DictColumn<number | null>
  format: DictColumn<string | null>
  /** Row numbers of the recordings labelled by hand. */
  manualRows: number[]
  clippedSamples: DictColumn<number | null>
}

function dictColumn<T>(
  rows: readonly RecordingRow[],
  value: (r: RecordingRow) => T,
): DictColumn<T> {
  const positions = new Map<T, number>()
  const values: T[] = []
  const index = new Array<number>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const v = value(rows[i])
    let k = positions.get(v)
    if (k === undefined) {
      k = values.length
      positions.set(v, k)
      values.push(v)
    }
    index[i] = k
  }
  return { values, index }
}

function sharedPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  let k = 0
  while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++
  // Never split a surrogate pair: both halves stay on one side.
  if (k > 0 && k < b.length && (b.charCodeAt(k - 1) & 0xfc00) === 0xd800) k--
  return k
}

/** The columns of `rows`, in their order. */
export function encodeRecordingColumns(
  rows: readonly RecordingRow[],
  revision: string,
): RecordingColumns {
  const n = rows.length
  const idDelta = new Array<number>(n)
  const pathShared = new Array<number>(n)
  const pathRest = new Array<string>(n)
  const errorRows: number[] = []
  const errors: string[] = []
  const manualRows: number[] = []
  let id = 0
  let path = ''
  for (let i = 0; i < n; i++) {
    const r = rows[i]
    idDelta[i] = r.id - id
    id = r.id
    const k = sharedPrefix(path, r.path)
    pathShared[i] = k
    pathRest[i] = r.path.slice(k)
    path = r.path
    if (r.error !== null) {
      errorRows.push(i)
      errors.push(r.error)
    }
    if (r.manualLabels) manualRows.push(i)
  }
  return {
    revision,
    count: n,
    idDelta,
    sourceId: dictColumn(rows, (r) => r.sourceId),
    pathShared,
    pathRest,
    device: dictColumn(rows, (r) => r.device),
    scene: dictColumn(rows, (r) => r.scene),
    group: dictColumn(rows, (r) => r.group),
    status: dictColumn(rows, (r) => r.status),
    analysis: dictColumn(rows, (r) => r.analysis),
    errorRows,
    errors,
    durationSec: dictColumn(rows, (r) => r.durationSec),
    sampleRate: dictColumn(rows, (r) => r.sampleRate),
    channels: dictColumn(rows, (r) => r.channels),
    format: dictColumn(rows, (r) => r.format),
    manualRows,
    clippedSamples: dictColumn(rows, (r) => r.clippedSamples),
  }
}

/** Row i's value of a dictionary column, checking the index (the payload comes from outside). */
function at<T>(column: DictColumn<T>, i: number, name: string): T {
  const k = column.index[i]
  if (!(k >= 0 && k < column.values.length))
    throw new Error(
      `recordings table: row ${i} of column ${name} has index ${k}, outside its values`,
    )
  return column.values[k]
}

/** The rows that `encodeRecordingColumns` encoded, equal to them field by field, in order. */
export function decodeRecordingColumns(columns: RecordingColumns): RecordingRow[] {
  const n = columns.count
  const rows = new Array<RecordingRow>(n)
  const errors = new Map<number, string>()
  columns.errorRows.forEach((row, k) => errors.set(row, columns.errors[k]))
  const manual = new Set(columns.manualRows)
  let id = 0
  let path = ''
  for (let i = 0; i < n; i++) {
    id += columns.idDelta[i]
    path = path.slice(0, columns.pathShared[i]) + columns.pathRest[i]
    rows[i] = {
      id,
      sourceId: at(columns.sourceId, i, 'sourceId'),
      path,
      device: at(columns.device, i, 'device'),
      scene: at(columns.scene, i, 'scene'),
      group: at(columns.group, i, 'group'),
      status: at(columns.status, i, 'status'),
      analysis: at(columns.analysis, i, 'analysis'),
      error: errors.get(i) ?? null,
      durationSec: at(columns.durationSec, i, 'durationSec'),
      sampleRate: at(columns.sampleRate, i, 'sampleRate'),
      channels: at(columns.channels, i, 'channels'),
      format: at(columns.format, i, 'format'),
      manualLabels: manual.has(i),
      clippedSamples: at(columns.clippedSamples, i, 'clippedSamples'),
    }
  }
  return rows
}
