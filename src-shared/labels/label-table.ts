import { detectDelimiter, parseDelimited, type Delimiter } from './csv'
import { normalizeLabel, normalizePath } from './normalize'
import type { LabelColumns, LabelTable, LabelTableRow } from './types'

/** Options of `parseLabelTable`: delimiter (default: detected), columns by role (null: none). */
export interface LabelTableOptions {
  delimiter?: Delimiter
  columns?: Partial<LabelColumns>
}

type Role = keyof LabelColumns

// Header names recognised per role, best first, compared lower-case with spaces and '-' as '_'.
// DCASE's `identifier` is the recording location, not the alignment segment: never a group.
const ROLE_NAMES: Record<Role, readonly string[]> = {
  path: ['relative_path', 'path', 'filename', 'file_name', 'file', 'filepath', 'file_path'],
  device: ['device', 'source_label', 'device_label', 'device_id', 'source'],
  scene: ['scene', 'scene_label', 'label'],
  group: ['group', 'alignment_group', 'segment', 'segment_id'],
}
const ROLES: readonly Role[] = ['path', 'device', 'scene', 'group']

function headerKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

function findColumns(header: string[], explicit: Partial<LabelColumns>): (number | null)[] {
  const keys = header.map(headerKey)
  const known = header.map((h) => JSON.stringify(h.trim())).join(', ')
  return ROLES.map((role) => {
    const wanted = explicit[role]
    if (wanted === null && (role === 'scene' || role === 'group')) return null // explicitly none
    if (typeof wanted === 'string') {
      const at = header.findIndex((h) => h.trim() === wanted.trim())
      if (at < 0) {
        throw new Error(
          `${role} column "${wanted}" is not in the header (${known}); name one of those`,
        )
      }
      return at
    }
    for (const name of ROLE_NAMES[role]) {
      const at = keys.indexOf(name)
      if (at >= 0) return at
    }
    if (role === 'path' || role === 'device') {
      const names = ROLE_NAMES[role].join(', ')
      throw new Error(
        `no ${role} column in the header (${known}); ` +
          `name it one of ${names}, or give columns.${role}`,
      )
    }
    return null
  })
}

/**
 * A label table from CSV or TSV text with a header line. The delimiter is detected from the
 * header; columns are found by common names (path/file/filename, device/source_label, scene,
 * group/segment) unless given. Rows are joined later on path, then on file name.
 */
export function parseLabelTable(text: string, options: LabelTableOptions = {}): LabelTable {
  const delimiter = options.delimiter ?? detectDelimiter(text)
  const records = parseDelimited(text, delimiter)
  if (records.length === 0) throw new Error('the label table is empty; it needs a header line')
  const header = records[0].fields
  const at = findColumns(header, options.columns ?? {})
  const name = (i: number): string | null =>
    at[i] === null ? null : header[at[i] as number].trim()
  const columns: LabelColumns = {
    path: name(0) as string,
    device: name(1) as string,
    scene: name(2),
    group: name(3),
  }
  const rows: LabelTableRow[] = []
  const seen = new Map<string, { line: number; row: LabelTableRow }>()
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== header.length) {
      throw new Error(
        `line ${line} has ${fields.length} fields but the header has ${header.length}; ` +
          `quote values that contain ${JSON.stringify(delimiter)}`,
      )
    }
    const get = (i: number): string | null => (at[i] === null ? null : fields[at[i] as number])
    const path = normalizePath(get(0) ?? '')
    if (path === '') throw new Error(`line ${line} has an empty ${columns.path}; give the file`)
    const row = {
      path,
      device: normalizeLabel(get(1)),
      scene: normalizeLabel(get(2)),
      group: normalizeLabel(get(3)),
    }
    const earlier = seen.get(path)
    if (earlier) {
      const same = ROLES.every((r) => earlier.row[r] === row[r])
      if (same) continue
      throw new Error(
        `lines ${earlier.line} and ${line} both list "${path}" with different labels; keep one`,
      )
    }
    seen.set(path, { line, row })
    rows.push(row)
  }
  return { columns, rows }
}

/** A DCASE meta.csv (tab-separated `filename`, `scene_label`, `identifier`, `source_label`). */
export function parseDcaseMeta(text: string): LabelTable {
  return parseLabelTable(text, {
    delimiter: '\t',
    columns: { path: 'filename', device: 'source_label', scene: 'scene_label', group: null },
  })
}
