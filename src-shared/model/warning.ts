/**
 * A problem the audio layer worked around while reading a file: the twin, for the database, the
 * contract and the renderer, of src-main/audio's AudioWarning (whose codes are these; the
 * meaning of each is documented there and in the README).
 */
export type FileWarningCode =
  | 'header-mismatch'
  | 'data-size'
  | 'partial-frame'
  | 'length-unknown'
  | 'truncated'
  | 'damaged'
  | 'length-mismatch'
  | 'trailing-data'

export interface FileWarning {
  code: FileWarningCode
  /** `<file name>: <problem>; <what was done>` */
  message: string
}

/** A file and what was reported about it. */
export interface FileWarnings {
  path: string
  warnings: FileWarning[]
}

/** The warnings as stored in a TEXT column: a JSON array, or null when there are none. */
export function warningsToJson(warnings: readonly FileWarning[] | null | undefined): string | null {
  return warnings && warnings.length ? JSON.stringify(warnings) : null
}

/** The warnings of a TEXT column (null or a JSON array). */
export function warningsFromJson(text: string | null | undefined): FileWarning[] {
  return text ? (JSON.parse(text) as FileWarning[]) : []
}

/** Adds to `into` the warnings it lacks (the same code and message once). */
export function mergeWarnings(into: FileWarning[], more: readonly FileWarning[]): FileWarning[] {
  for (const w of more) {
    if (!into.some((x) => x.code === w.code && x.message === w.message)) into.push(w)
  }
  return into
}
