/** The labels of one recording: device, acoustic scene and alignment group (null: unknown). */
export interface LabelFields {
  device: string | null
  scene: string | null
  group: string | null
}

/** Which table column plays which role; `path` and `device` are required, the others optional. */
export interface LabelColumns {
  path: string
  device: string
  scene: string | null
  group: string | null
}

/** One row of a label table, values trimmed, empty values null, the path with '/' separators. */
export interface LabelTableRow extends LabelFields {
  path: string
}

/** Labels imported from a CSV/TSV file; plain data, so a rule holding it survives JSON. */
export interface LabelTable {
  columns: LabelColumns
  rows: LabelTableRow[]
}

/** How a source's files get their labels. */
export type LabelRule =
  /** DCASE file names: `scene-city-location-segment[-subsegment]-device`. */
  | { kind: 'dcase' }
  /** A parsed DCASE meta.csv (see `parseDcaseMeta`). */
  | { kind: 'dcase-meta'; meta: LabelTable }
  /** Device = folder name at `depth` below the source root (1 = first level; default: parent). */
  | { kind: 'folders'; depth?: number }
  /** JS RegExp with named groups `device` (required), `scene`, `group`, on the relative path. */
  | { kind: 'regex'; pattern: string }
  /** A CSV/TSV import (see `parseLabelTable`). */
  | { kind: 'table'; table: LabelTable }

/**
 * What a rule yields for one file. `error` says why the file got no device (null when it did);
 * then `device` and `group` are null unless the data gave a group, and `scene` is what was found.
 */
export interface LabelResult {
  fields: LabelFields
  error: string | null
}

/** One line of a rule preview: the sample path and what the rule yields for it. */
export interface LabelPreviewRow extends LabelResult {
  path: string
}
