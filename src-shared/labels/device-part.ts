const SEPARATORS = '-_. '

function isSeparator(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && SEPARATORS.includes(ch)
}

/**
 * `text` without `text[start, end)` and one adjacent separator (`-`, `_`, `.` or space),
 * the one before when there is one, else the one after; null when nothing is left.
 */
export function removePart(text: string, start: number, end: number): string | null {
  if (isSeparator(text[start - 1])) start -= 1
  else if (isSeparator(text[end])) end += 1
  const rest = (text.slice(0, start) + text.slice(end)).trim()
  return rest === '' ? null : rest
}

/**
 * The default alignment group of a file: its stem without the device part, i.e. the last
 * occurrence of `device` bounded by separators or the ends; the whole stem when there is none.
 */
export function stemWithoutDevice(stem: string, device: string): string | null {
  for (let at = stem.lastIndexOf(device); at >= 0; at = stem.lastIndexOf(device, at - 1)) {
    const end = at + device.length
    const before = at === 0 || isSeparator(stem[at - 1])
    const after = end === stem.length || isSeparator(stem[end])
    if (before && after) return removePart(stem, at, end)
    if (at === 0) break
  }
  return stem === '' ? null : stem
}
