// The golden corpus's file names and meta.csv, read from the shared folder beside the repository.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/golden/corpus')

/** The 15 golden file names, sorted. */
export const GOLDEN_NAMES: string[] = readdirSync(resolve(CORPUS, 'audio')).sort()

/** The golden meta.csv text. */
export const GOLDEN_META: string = readFileSync(resolve(CORPUS, 'meta.csv'), 'utf8')

/** The golden corpus's devices per group, as {@link devicesByGroup} gives them (from meta.csv). */
export const GOLDEN_DEVICES_BY_GROUP: Record<string, string> = {
  'airport-lisbon-2-20': 'abc',
  'bus-prague-3-30': 'abc',
  'metro-vienna-1-10': 'abc',
  'park-lyon-0-0': 'abc',
  'street-paris-5-50': 'c',
  'tram-milan-4-40': 'ab',
}

/** Count of each value, keys sorted. */
export function tally(values: readonly (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const v of [...values].sort()) counts[String(v)] = (counts[String(v)] ?? 0) + 1
  return counts
}

/** Devices per group, e.g. { 'park-lyon-0-0': 'abc' }. */
export function devicesByGroup(
  rows: readonly { fields: { device: string | null; group: string | null } }[],
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const { fields } of rows)
    out[String(fields.group)] = (out[String(fields.group)] ?? '') + fields.device
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)))
}
