import { fileName } from './normalize'
import type { LabelTable, LabelTableRow } from './types'

interface TableIndex {
  byPath: Map<string, LabelTableRow>
  /** Rows by file name; null when several rows share the name. */
  byName: Map<string, LabelTableRow | null>
}

// Built once per table object, so labelling many files costs one map lookup each.
const indexes = new WeakMap<LabelTable, TableIndex>()

function indexOf(table: LabelTable): TableIndex {
  let index = indexes.get(table)
  if (!index) {
    index = { byPath: new Map(), byName: new Map() }
    for (const row of table.rows) {
      index.byPath.set(row.path, row)
      const name = fileName(row.path)
      index.byName.set(name, index.byName.has(name) ? null : row)
    }
    indexes.set(table, index)
  }
  return index
}

/** The row for a file: by normalised relative path, else by file name when that is unique. */
export function lookupRow(
  table: LabelTable,
  relativePath: string,
): { row: LabelTableRow | null; error: string | null } {
  const index = indexOf(table)
  const exact = index.byPath.get(relativePath)
  if (exact) return { row: exact, error: null }
  const name = fileName(relativePath)
  const byName = index.byName.get(name)
  if (byName) return { row: byName, error: null }
  if (byName === null) {
    return {
      row: null,
      error:
        `"${name}" is listed more than once by file name alone; ` +
        `list "${relativePath}" by its path`,
    }
  }
  return { row: null, error: null }
}
