import { removePart } from './device-part'
import { fileStem } from './normalize'
import type { LabelResult } from './types'

const GROUP_NAMES = ['device', 'scene', 'group']
const compiled = new Map<string, RegExp>()

/**
 * The pattern compiled with match indices, after checking it: valid syntax, a named group
 * `device`, and no other named groups than `device`, `scene` and `group`. Throws naming the fix.
 */
export function compileLabelRegex(pattern: string): RegExp {
  const cached = compiled.get(pattern)
  if (cached) return cached
  if (typeof pattern !== 'string' || pattern === '') {
    throw new Error(`regex ${JSON.stringify(pattern)} is not a pattern; give one with (?<device>…)`)
  }
  let regex: RegExp
  let names: string[]
  try {
    regex = new RegExp(pattern, 'd')
    // Matching '' through an added empty alternative gives a groups object listing every name.
    names = Object.keys(new RegExp(`(?:${pattern})|`).exec('')?.groups ?? {})
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new Error(`regex "${pattern}" is not a valid JavaScript regular expression (${reason})`, {
      cause: e,
    })
  }
  if (!names.includes('device')) {
    throw new Error(
      `regex "${pattern}" has no named group "device"; name the device group (?<device>…)`,
    )
  }
  const unknown = names.find((n) => !GROUP_NAMES.includes(n))
  if (unknown !== undefined) {
    throw new Error(
      `regex "${pattern}" has an unknown named group "${unknown}"; ` +
        `use only device, scene and group, or an unnamed group (?:…)`,
    )
  }
  if (compiled.size >= 64) compiled.clear()
  compiled.set(pattern, regex)
  return regex
}

/**
 * Labels from a regex matched (searched, not anchored) against the relative path. Without a
 * `group` group, the group is the file stem with the matched device text and one separator removed.
 */
export function applyRegex(pattern: string, relativePath: string): LabelResult {
  const match = compileLabelRegex(pattern).exec(relativePath)
  if (!match) {
    return {
      fields: { device: null, scene: null, group: null },
      error: `"${relativePath}" does not match /${pattern}/; adjust the pattern`,
    }
  }
  const groups = match.groups ?? {}
  const device = groups.device?.trim() || null
  const scene = groups.scene ?? null
  if (groups.group !== undefined || device === null) {
    return { fields: { device, scene, group: groups.group ?? null }, error: null }
  }
  const stemStart = relativePath.lastIndexOf('/') + 1
  const stem = fileStem(relativePath.slice(stemStart))
  const span = match.indices?.groups?.device
  let group: string | null = stem
  if (span && span[0] >= stemStart && span[1] <= stemStart + stem.length) {
    group = removePart(stem, span[0] - stemStart, span[1] - stemStart)
  }
  return { fields: { device, scene, group }, error: null }
}
