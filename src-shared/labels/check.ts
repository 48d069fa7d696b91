import { compileLabelRegex } from './regex-rule'
import type { LabelRule, LabelTable } from './types'

function checkTable(table: LabelTable, what: string): void {
  const t = table as Partial<LabelTable> | null
  if (typeof t !== 'object' || t === null || !Array.isArray(t.rows) || !t.columns) {
    throw new Error(`${what} is not a parsed label table; read the file with parseLabelTable`)
  }
  if (typeof t.columns.path !== 'string' || t.columns.path === '') {
    throw new Error(`${what} has no file column; name the column that holds the file paths`)
  }
  if (typeof t.columns.device !== 'string' || t.columns.device === '') {
    throw new Error(`${what} has no device column; name the column that holds the devices`)
  }
  const bad = t.rows.findIndex((r) => typeof r?.path !== 'string' || r.path === '')
  if (bad >= 0) throw new Error(`${what} row ${bad + 1} has no file path; give every row its file`)
}

/** Throws naming the problem when a rule cannot be applied (bad regex, table without columns…). */
export function checkLabelRule(rule: LabelRule): void {
  const kind = (rule as { kind?: unknown } | null)?.kind
  switch (kind) {
    case 'dcase':
      return
    case 'dcase-meta':
      return checkTable((rule as { meta: LabelTable }).meta, 'meta.csv')
    case 'table':
      return checkTable((rule as { table: LabelTable }).table, 'the label table')
    case 'regex':
      compileLabelRegex((rule as { pattern: string }).pattern)
      return
    case 'folders': {
      const { depth } = rule as { depth?: number }
      if (depth !== undefined && !(Number.isInteger(depth) && depth >= 1)) {
        throw new Error(
          `folders depth=${depth} must be a positive integer (1 = first folder under the root)`,
        )
      }
      return
    }
    default:
      throw new Error(
        `label rule kind ${JSON.stringify(kind)} is unknown; ` +
          'use dcase, dcase-meta, folders, regex or table',
      )
  }
}
