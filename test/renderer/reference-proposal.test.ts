// The reference proposed to a project without one, and the reason given for it.
import { describe, expect, it } from 'vitest'
import type { CoverageView, DeviceStats } from '@shared/api/views'
import { proposeReference } from '../../src-renderer/components/correction/reference-proposal'

const stat = (device: string, analysed: number): DeviceStats => ({
  device,
  recordings: analysed,
  seconds: analysed * 10,
  analysed,
  excluded: 0,
})

const coverage = (pairs: CoverageView['pairs']): CoverageView => ({ groups: 0, pairs, sample: [] })

describe('reference proposal', () => {
  it('proposes the device sharing the most alignment groups, and names the devices left out', () => {
    const p = proposeReference(
      [stat('a', 10), stat('b', 40), stat('c', 10), stat('d', 5)],
      coverage({
        a: { a: 10, b: 10, c: 10 },
        b: { a: 10, b: 12, c: 2, d: 1 },
        c: { a: 10, b: 2, c: 10 },
        d: { b: 1, d: 5 },
      }),
    )
    // a: 20 pairs, b: 13 (although it has the most recordings), c: 12.
    expect(p).toEqual({
      device: 'a',
      reason:
        'a shares the most alignment groups with the other devices (10 groups with b and 10 groups with c), so the aligned estimators can pair the most recordings with it. d shares none with it and can be corrected only with the unaligned estimator.',
    })
  })

  it('breaks a tie in groups by analysed recordings, and says so', () => {
    const p = proposeReference(
      [stat('a', 10), stat('b', 12)],
      coverage({ a: { a: 4, b: 4 }, b: { a: 4, b: 4 } }),
    )
    expect(p?.device).toBe('b')
    expect(p?.reason).toBe(
      'b shares the most alignment groups with the other devices (4 groups with a), so the aligned estimators can pair the most recordings with it. a shares as many; b has more analysed recordings.',
    )
  })

  it('names every device tied with it', () => {
    const all = { a: 10, b: 10, c: 10 }
    const p = proposeReference(
      [stat('a', 5), stat('b', 5), stat('c', 5)],
      coverage({ a: all, b: all, c: all }),
    )
    expect(p?.reason).toBe(
      'a shares the most alignment groups with the other devices (10 groups with b and 10 groups with c), so the aligned estimators can pair the most recordings with it. b and c share as many; a comes first by name.',
    )
  })

  it('falls back to the most analysed recordings when no group is shared', () => {
    const p = proposeReference(
      [stat('a', 3), stat('b', 9), stat('c', 9)],
      coverage({ a: { a: 3 }, b: { b: 9 } }),
    )
    expect(p).toEqual({
      device: 'b',
      reason:
        'No device shares an alignment group with another, so the proposal is the device with the most analysed recordings: b (9 recordings). c has as many; b comes first by name.',
    })
  })

  it('proposes only devices with analysed recordings, and nothing when there are none', () => {
    const pairs = { a: { a: 5, b: 5 }, b: { a: 5, b: 5 } }
    expect(proposeReference([stat('a', 0), stat('b', 2)], coverage(pairs))?.device).toBe('b')
    expect(proposeReference([stat('a', 0), stat('b', 0)], coverage(pairs))).toBeNull()
    expect(proposeReference([], coverage({}))).toBeNull()
  })
})
