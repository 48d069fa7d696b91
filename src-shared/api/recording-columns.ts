// The recordings table as columns (`recordings.table`): the rows of `recordings.list`, in the same
// order, in a compact form that JSON carries cheaply at DCASE scale. Labels, states and header
// facts repeat a few values over many rows, so each such column is a dictionary of its distinct
// values and, per row, the index of its value — or runs of equal indices where rows repeat them
// (one sample rate, one group per few rows); ids climb, so they travel as differences; paths
// sorted by source and path share long prefixes with the row before, so each is sent as the
// length of that shared prefix and the rest (front coding). 100,000 DCASE recordings take about
// 2 MB, not 30.
import { ascendingOrder, isIdentity, naturalKey } from './natural-order'
import type { RecordingRow } from './views'

/**
 * Distinct values of a column and, per row, the index of its value; with `runs`, `index` holds
 * pairs (index of a value, how many rows in a row have it) instead.
 */
export interface DictColumn<T> {
  values: T[]
  index: number[]
  runs: boolean
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
  /**
   * The rows in natural path order (natural-order.ts), worked out once by main rather than on
   * every page load; null when it is the rows' own order (as for most corpora).
   */
  pathOrder: number[] | null
  device: DictColumn<string | null>
  scene: DictColumn<string | null>
  group: DictColumn<string | null>
  status: DictColumn<RecordingRow['status']>
  analysis: DictColumn<RecordingRow['analysis']>
  /** Rows with an error message: their row numbers and messages (most rows have none). */
  errorRows: number[]
  errors: string[]
  /** Rows whose file was read with warnings: their row numbers and warnings (most have none). */
  warningRows: number[]
  warnings: RecordingRow['warnings'][]
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
  let runs = 0
  for (let i = 0; i < rows.length; i++) {
    const v = value(rows[i])
    let k = positions.get(v)
    if (k === undefined) {
      k = values.length
      positions.set(v, k)
      values.push(v)
    }
    index[i] = k
    if (i === 0 || k !== index[i - 1]) runs++
  }
  // Two numbers per run against one per row.
  if (2 * runs >= rows.length) return { values, index, runs: false }
  const pairs: number[] = []
  for (let i = 0; i < rows.length;) {
    let j = i + 1
    while (j < rows.length && index[j] === index[i]) j++
    pairs.push(index[i], j - i)
    i = j
  }
  return { values, index: pairs, runs: true }
}

/** One value index per row, checked against the column's values (the payload comes from outside). */
function rowIndices(column: DictColumn<unknown>, n: number, name: string): Uint32Array {
  const out = new Uint32Array(n)
  const check = (k: number, row: number): void => {
    if (!(Number.isInteger(k) && k >= 0 && k < column.values.length))
      throw new Error(
        `recordings table: row ${row} of column ${name} has index ${k}, outside its values`,
      )
  }
  if (!column.runs) {
    if (column.index.length !== n)
      throw new Error(`recordings table: column ${name} has ${column.index.length} of ${n} rows`)
    for (let i = 0; i < n; i++) check((out[i] = column.index[i]), i)
    return out
  }
  let row = 0
  for (let p = 0; p + 1 < column.index.length; p += 2) {
    const [k, length] = [column.index[p], column.index[p + 1]]
    check(k, row)
    if (!(Number.isInteger(length) && length > 0 && row + length <= n))
      throw new Error(`recordings table: column ${name} has a run of ${length} at row ${row}`)
    out.fill(k, row, row + length)
    row += length
  }
  if (row !== n) throw new Error(`recordings table: column ${name} has ${row} of ${n} rows`)
  return out
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
  const warningRows: number[] = []
  const warnings: RecordingRow['warnings'][] = []
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
    if (r.warnings.length) {
      warningRows.push(i)
      warnings.push(r.warnings)
    }
  }
  const pathOrder = ascendingOrder(rows.map((r) => naturalKey(r.path)))
  return {
    revision,
    count: n,
    idDelta,
    sourceId: dictColumn(rows, (r) => r.sourceId),
    pathShared,
    pathRest,
    pathOrder: isIdentity(pathOrder) ? null : Array.from(pathOrder),
    device: dictColumn(rows, (r) => r.device),
    scene: dictColumn(rows, (r) => r.scene),
    group: dictColumn(rows, (r) => r.group),
    status: dictColumn(rows, (r) => r.status),
    analysis: dictColumn(rows, (r) => r.analysis),
    errorRows,
    errors,
    warningRows,
    warnings,
    durationSec: dictColumn(rows, (r) => r.durationSec),
    sampleRate: dictColumn(rows, (r) => r.sampleRate),
    channels: dictColumn(rows, (r) => r.channels),
    format: dictColumn(rows, (r) => r.format),
    manualRows,
    clippedSamples: dictColumn(rows, (r) => r.clippedSamples),
  }
}

/**
 * The natural path order of the rows (`columns.pathOrder`, or their own order), checked to be a
 * permutation of them.
 */
export function pathOrderOf(columns: RecordingColumns): Uint32Array {
  const n = columns.count
  if (columns.pathOrder === null) return Uint32Array.from({ length: n }, (_, i) => i)
  const given = columns.pathOrder
  const seen = new Uint8Array(n)
  const valid =
    given.length === n &&
    given.every((i) => Number.isInteger(i) && i >= 0 && i < n && !seen[i] && (seen[i] = 1))
  if (!valid) throw new Error(`recordings table: pathOrder is not an order of its ${n} rows`)
  return Uint32Array.from(given)
}

/** The rows that `encodeRecordingColumns` encoded, equal to them field by field, in order. */
export function decodeRecordingColumns(columns: RecordingColumns): RecordingRow[] {
  const n = columns.count
  const column = <T>(name: keyof RecordingColumns & string, c: DictColumn<T>) => {
    const index = rowIndices(c, n, name)
    return (i: number): T => c.values[index[i]]
  }
  const sourceId = column('sourceId', columns.sourceId)
  const device = column('device', columns.device)
  const scene = column('scene', columns.scene)
  const group = column('group', columns.group)
  const status = column('status', columns.status)
  const analysis = column('analysis', columns.analysis)
  const durationSec = column('durationSec', columns.durationSec)
  const sampleRate = column('sampleRate', columns.sampleRate)
  const channels = column('channels', columns.channels)
  const format = column('format', columns.format)
  const clippedSamples = column('clippedSamples', columns.clippedSamples)
  const rows = new Array<RecordingRow>(n)
  const errors = new Map<number, string>()
  columns.errorRows.forEach((row, k) => errors.set(row, columns.errors[k]))
  const manual = new Set(columns.manualRows)
  const warnings = new Map<number, RecordingRow['warnings']>()
  columns.warningRows.forEach((row, k) => warnings.set(row, columns.warnings[k]))
  let id = 0
  let path = ''
  for (let i = 0; i < n; i++) {
    id += columns.idDelta[i]
    path = path.slice(0, columns.pathShared[i]) + columns.pathRest[i]
    rows[i] = {
      id,
      sourceId: sourceId(i),
      path,
      device: device(i),
      scene: scene(i),
      group: group(i),
      status: status(i),
      analysis: analysis(i),
      error: errors.get(i) ?? null,
      durationSec: durationSec(i),
      sampleRate: sampleRate(i),
      channels: channels(i),
      format: format(i),
      manualLabels: manual.has(i),
      clippedSamples: clippedSamples(i),
      warnings: warnings.get(i) ?? [],
    }
  }
  return rows
}
