/** A label value trimmed, with empty or missing values as null; case is preserved. */
export function normalizeLabel(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** A relative path with '/' separators, without './' segments, repeated or leading slashes. */
export function normalizePath(path: string): string {
  return path
    .trim()
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/')
}

/** The last path segment of a '/'-separated path. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** A file name without its last extension (`park-lyon-0-0-a.wav` → `park-lyon-0-0-a`). */
export function fileStem(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}
