// Which device to propose as the reference when the project has none, and why. The aligned
// estimators pair each device with the reference inside the alignment groups holding both, so the
// device sharing the most groups with the others gives them the most pairs; without any shared
// group, the device with the most analysed recordings gives the steadiest mean. It is only a
// proposal: the user confirms it or chooses another.
import type { CoverageView, DeviceStats } from '@shared/api/views'
import { formatCount } from '../../format'
import { listInWords, shared } from '../devices/coverage'

export interface ReferenceProposal {
  device: string
  /** Why, in a sentence for people. */
  reason: string
}

interface Candidate {
  device: string
  analysed: number
  /** Groups shared with each other device that shares any. */
  sharedWith: { device: string; groups: number }[]
  /** Their sum: the pairs the aligned estimators could use towards it. */
  pairs: number
}

const plural = (n: number, one: string, many: string): string =>
  `${formatCount(n)} ${n === 1 ? one : many}`

/**
 * The proposed reference among the devices with analysed recordings (null when none has any):
 * the most alignment groups shared with the other devices, then the most analysed recordings,
 * then the first name.
 */
export function proposeReference(
  stats: readonly DeviceStats[],
  coverage: CoverageView,
): ReferenceProposal | null {
  const names = stats.map((s) => s.device)
  const candidates: Candidate[] = stats
    .filter((s) => s.analysed > 0)
    .map((s) => {
      const sharedWith = names
        .filter((d) => d !== s.device)
        .map((d) => ({ device: d, groups: shared(coverage.pairs, s.device, d) }))
        .filter((x) => x.groups > 0)
      const pairs = sharedWith.reduce((sum, x) => sum + x.groups, 0)
      return { device: s.device, analysed: s.analysed, sharedWith, pairs }
    })
    .sort((a, b) => b.pairs - a.pairs || b.analysed - a.analysed || (a.device < b.device ? -1 : 1))
  const best = candidates[0]
  if (!best) return null
  if (best.pairs > 0) {
    const counts = best.sharedWith.map(
      (x) => `${plural(x.groups, 'group', 'groups')} with ${x.device}`,
    )
    const alone = names.filter(
      (d) => d !== best.device && !best.sharedWith.some((x) => x.device === d),
    )
    const tied = candidates.slice(1).filter((c) => c.pairs === best.pairs)
    const byName = tied.some((c) => c.analysed === best.analysed)
    const tie = tied.length
      ? ` ${listInWords(tied.map((c) => c.device))} ${tied.length === 1 ? 'shares' : 'share'} as many; ${best.device} ${byName ? 'comes first by name' : 'has more analysed recordings'}.`
      : ''
    const rest = alone.length
      ? ` ${listInWords(alone)} ${alone.length === 1 ? 'shares' : 'share'} none with it and can be corrected only with the unaligned estimator.`
      : ''
    return {
      device: best.device,
      reason: `${best.device} shares the most alignment groups with the other devices (${listInWords(counts)}), so the aligned estimators can pair the most recordings with it.${tie}${rest}`,
    }
  }
  const tied = candidates
    .slice(1)
    .filter((c) => c.analysed === best.analysed)
    .map((c) => c.device)
  const tie = tied.length
    ? ` ${listInWords(tied)} ${tied.length === 1 ? 'has' : 'have'} as many; ${best.device} comes first by name.`
    : ''
  return {
    device: best.device,
    reason: `No device shares an alignment group with another, so the proposal is the device with the most analysed recordings: ${best.device} (${plural(best.analysed, 'recording', 'recordings')}).${tie}`,
  }
}
