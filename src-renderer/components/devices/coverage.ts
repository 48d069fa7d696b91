// Reading the coverage of alignment groups (CoverageView): which devices share groups, and which
// cannot be estimated with the aligned variants for want of a group shared with the reference.
import type { CoverageView } from '@shared/api/views'

/** Groups holding both devices (0 when either recorded none). */
export function shared(pairs: CoverageView['pairs'], a: string, b: string): number {
  return pairs[a]?.[b] ?? 0
}

/** The devices in `order` first, then any other device the coverage names, sorted. */
export function coverageDevices(order: readonly string[], coverage: CoverageView): string[] {
  const seen = new Set(order)
  const extra = Object.keys(coverage.pairs)
    .filter((d) => !seen.has(d))
    .sort()
  return [...order, ...extra]
}

/**
 * Devices the aligned variants cannot estimate towards `reference`: no alignment group holds both
 * (the reference itself never counts). Every other device when there is no reference.
 */
export function unalignable(
  devices: readonly string[],
  coverage: CoverageView,
  reference: string | null,
): string[] {
  if (!reference) return []
  return devices.filter((d) => d !== reference && shared(coverage.pairs, d, reference) === 0)
}

/** The largest count of the matrix (for the heat-map scale), at least 1. */
export function maxShared(pairs: CoverageView['pairs'], devices: readonly string[]): number {
  let max = 1
  for (const a of devices) for (const b of devices) max = Math.max(max, shared(pairs, a, b))
  return max
}

/** A list in words: 'c', 'c and d', 'b, c and d'. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
