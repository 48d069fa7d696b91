import { stemWithoutDevice } from './device-part'
import { fileName, fileStem } from './normalize'
import { lookupRow } from './table-lookup'
import type { LabelResult, LabelTable } from './types'

/**
 * Labels joined from a table row; the group defaults to the file stem without its device part.
 * `missing` is the error for a file the table does not list.
 */
export function applyTable(table: LabelTable, relativePath: string, missing: string): LabelResult {
  const { row, error } = lookupRow(table, relativePath)
  if (!row) return { fields: { device: null, scene: null, group: null }, error: error ?? missing }
  const { device, scene } = row
  if (device === null) {
    return {
      fields: { device, scene, group: row.group },
      error: `the ${table.columns.device} of "${row.path}" is empty; fill it in`,
    }
  }
  const group = row.group ?? stemWithoutDevice(fileStem(fileName(relativePath)), device)
  return { fields: { device, scene, group }, error: null }
}
