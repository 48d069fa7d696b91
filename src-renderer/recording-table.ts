// Sorting, filtering and searching the recordings without proxies: a table is built once per
// list from main (row states, ids), sort orders are index arrays computed once per column (the
// path order comes from main), search keys are made on the first search, and a filter is one
// pass over an order. Fast enough for 100,000 rows, and the first paint does no more than it shows.
import { markRaw } from 'vue'
import { ascendingOrder, naturalKey } from '@shared/api/natural-order'
import type { RecordingRow } from '@shared/api/views'

/** A row's indexing and analysis state, as one word. */
export type RowState = 'analysed' | 'pending' | 'silent' | 'failed' | 'unreadable' | 'missing'
export const ROW_STATES: readonly RowState[] = [
  'analysed',
  'pending',
  'silent',
  'failed',
  'unreadable',
  'missing',
]

export type SortKey =
  'path' | 'device' | 'scene' | 'group' | 'state' | 'duration' | 'rate' | 'channels'
export type SortDir = 'asc' | 'desc'

/** One label filter: undefined matches any, null matches unlabelled, a string matches exactly. */
export type LabelFilter = string | null | undefined

export interface Filters {
  device: LabelFilter
  scene: LabelFilter
  state: RowState | undefined
  /** Words that must all occur in the path (case-insensitive). */
  search: string
  /** Text that must occur in the alignment group (case-insensitive); '' for any. */
  group?: string
  /** Exact sample rate in Hz. */
  sampleRate?: number
  /** Duration bounds in seconds, inclusive. */
  minDurationSec?: number
  maxDurationSec?: number
}

interface SortedColumn {
  order: Uint32Array
  /** Sort keys, made when first needed (a descending order looks for ties). */
  keys(): (string | number | null)[]
}

export interface RecordingTable {
  readonly rows: readonly RecordingRow[]
  readonly states: readonly RowState[]
  /** Lowercased paths, for the search; made on first use. */
  searchKeys(): readonly string[]
  readonly indexById: ReadonlyMap<number, number>
  /** Distinct labels, sorted (nulls left out). */
  readonly devices: readonly string[]
  readonly scenes: readonly string[]
  /** Distinct sample rates (Hz), ascending. */
  readonly sampleRates: readonly number[]
  /** Lowercased alignment groups ('' when none), for the group filter; made on first use. */
  groupKeys(): readonly string[]
  /** Ascending order and sort keys per column, filled on first use. */
  readonly orders: Map<SortKey, SortedColumn>
}

export function rowState(r: RecordingRow): RowState {
  if (r.status === 'error') return 'unreadable'
  if (r.status === 'missing') return 'missing'
  return r.analysis === 'done' ? 'analysed' : r.analysis
}

function distinct(values: (string | null)[]): string[] {
  const set = new Set<string>()
  for (const v of values) if (v !== null) set.add(v)
  return [...set].sort(naturalCompare)
}

function naturalCompare(a: string, b: string): number {
  const ka = naturalKey(a)
  const kb = naturalKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** `make()` on the first call, then the same value. */
function once<T>(make: () => T): () => T {
  let value: T | undefined
  return () => (value ??= make())
}

/**
 * Builds the table of `rows`; the rows are frozen out of Vue's reactivity. `pathOrder`: the rows
 * in natural path order, when main has worked it out (else it is computed on first use).
 */
export function createRecordingTable(
  rows: readonly RecordingRow[],
  pathOrder?: Uint32Array,
): RecordingTable {
  const n = rows.length
  const states = new Array<RowState>(n)
  const indexById = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const r = rows[i]
    states[i] = rowState(r)
    indexById.set(r.id, i)
  }
  const table: RecordingTable = markRaw({
    rows: markRaw(rows as RecordingRow[]),
    states,
    searchKeys: once(() => rows.map((r) => r.path.toLowerCase())),
    indexById,
    devices: distinct(rows.map((r) => r.device)),
    scenes: distinct(rows.map((r) => r.scene)),
    sampleRates: [...new Set(rows.flatMap((r) => (r.sampleRate ? [r.sampleRate] : [])))].sort(
      (a, b) => a - b,
    ),
    groupKeys: once(() => rows.map((r) => (r.group ?? '').toLowerCase())),
    orders: new Map(),
  })
  if (pathOrder)
    table.orders.set('path', { order: pathOrder, keys: once(() => sortKeys(table, 'path')) })
  return table
}

/** Per row, a key that sorts like the column with `<` (null: no value). */
function sortKeys(table: RecordingTable, key: SortKey): (string | number | null)[] {
  const { rows, states } = table
  switch (key) {
    case 'duration':
      return rows.map((r) => r.durationSec)
    case 'rate':
      return rows.map((r) => r.sampleRate)
    case 'channels':
      return rows.map((r) => r.channels)
    case 'state':
      return states.map((s) => ROW_STATES.indexOf(s))
    case 'path':
      return rows.map((r) => naturalKey(r.path))
  }
  // Few distinct labels: compute each key once.
  const cache = new Map<string, string>()
  return rows.map((r) => {
    const label = r[key]
    if (label === null) return null
    let k = cache.get(label)
    if (k === undefined) cache.set(label, (k = naturalKey(label)))
    return k
  })
}

function ascending(table: RecordingTable, key: SortKey): SortedColumn {
  let column = table.orders.get(key)
  if (!column) {
    // Rows without a value go last; ties keep main's order.
    const keys = sortKeys(table, key)
    column = { order: ascendingOrder(keys), keys: () => keys }
    table.orders.set(key, column)
  }
  return column
}

/** Row indices in column order; descending keeps ties in main's order and empty values last. */
export function sortedOrder(table: RecordingTable, key: SortKey, dir: SortDir): Uint32Array {
  const column = ascending(table, key)
  const { order } = column
  if (dir === 'asc') return order
  const keys = column.keys()
  let end = order.length
  while (end > 0 && keys[order[end - 1]] === null) end--
  const out = new Uint32Array(order.length)
  out.set(order.subarray(end), end)
  let o = 0
  while (end > 0) {
    let start = end - 1
    while (start > 0 && keys[order[start - 1]] === keys[order[end - 1]]) start--
    for (let k = start; k < end; k++) out[o++] = order[k]
    end = start
  }
  return out
}

/** The rows of `order` that pass `filters`, in that order. */
export function filterOrder(
  table: RecordingTable,
  order: Uint32Array,
  filters: Filters,
): Uint32Array {
  const words = filters.search.toLowerCase().split(/\s+/).filter(Boolean)
  const { device, scene, state, sampleRate, minDurationSec, maxDurationSec } = filters
  const group = (filters.group ?? '').trim().toLowerCase()
  const none =
    device === undefined &&
    scene === undefined &&
    state === undefined &&
    words.length === 0 &&
    !group &&
    sampleRate === undefined &&
    minDurationSec === undefined &&
    maxDurationSec === undefined
  if (none) return order
  const { rows, states } = table
  const searchKeys = words.length > 0 ? table.searchKeys() : []
  const groupKeys = group ? table.groupKeys() : []
  const out = new Uint32Array(order.length)
  let n = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]
    const r = rows[i]
    if (device !== undefined && r.device !== device) continue
    if (scene !== undefined && r.scene !== scene) continue
    if (state !== undefined && states[i] !== state) continue
    if (words.length > 0 && !words.every((w) => searchKeys[i].includes(w))) continue
    if (group && !groupKeys[i].includes(group)) continue
    if (sampleRate !== undefined && r.sampleRate !== sampleRate) continue
    const d = r.durationSec ?? -1
    if (minDurationSec !== undefined && d < minDurationSec) continue
    if (maxDurationSec !== undefined && (d < 0 || d > maxDurationSec)) continue
    out[n++] = i
  }
  return out.slice(0, n)
}

/** Ids of the rows of `order` from position `from` to `to` (either way round), inclusive. */
export function idsBetween(
  table: RecordingTable,
  order: Uint32Array,
  from: number,
  to: number,
): number[] {
  const [a, b] = from <= to ? [from, to] : [to, from]
  const ids: number[] = []
  for (let k = Math.max(0, a); k <= b && k < order.length; k++) ids.push(table.rows[order[k]].id)
  return ids
}

/** Position of recording `id` in `order`, or -1. */
export function positionOf(table: RecordingTable, order: Uint32Array, id: number): number {
  const index = table.indexById.get(id)
  return index === undefined ? -1 : order.indexOf(index)
}
