import { describe, expect, it } from 'vitest'
import { applyLabelRule, describeLabelRule, previewLabelRule } from '@shared/labels'

describe('folders rule', () => {
  it('takes the parent folder as device and the stem as group by default', () => {
    const rows = previewLabelRule({ kind: 'folders' }, [
      'phone A/take-01.wav',
      'set1/zoom/take-01.flac',
      'take-02.wav',
    ])
    expect(rows).toEqual([
      {
        path: 'phone A/take-01.wav',
        fields: { device: 'phone A', scene: null, group: 'take-01' },
        error: null,
      },
      {
        path: 'set1/zoom/take-01.flac',
        fields: { device: 'zoom', scene: null, group: 'take-01' },
        error: null,
      },
      {
        path: 'take-02.wav',
        fields: { device: null, scene: null, group: null },
        error: '"take-02.wav" is at the source root; put it in a folder per device',
      },
    ])
  })

  it('takes the folder at a given depth below the root', () => {
    const rule = { kind: 'folders', depth: 1 } as const
    expect(applyLabelRule(rule, 'zoom/day2/park/x.wav').fields).toEqual({
      device: 'zoom',
      scene: null,
      group: 'x',
    })
    expect(applyLabelRule({ kind: 'folders', depth: 2 }, 'zoom/day2/x.wav').fields.device).toBe(
      'day2',
    )
    expect(applyLabelRule({ kind: 'folders', depth: 3 }, 'zoom/day2/x.wav').error).toBe(
      '"zoom/day2/x.wav" has no folder at depth 3 (only 2); lower the depth',
    )
  })

  it('accepts backslash and ./ paths', () => {
    expect(applyLabelRule({ kind: 'folders' }, '.\\mic\\x.wav').fields.device).toBe('mic')
  })

  it('refuses a bad depth', () => {
    expect(() => applyLabelRule({ kind: 'folders', depth: 0 }, 'a/b.wav')).toThrow(
      'folders depth=0 must be a positive integer (1 = first folder under the root)',
    )
    expect(() => previewLabelRule({ kind: 'folders', depth: 1.5 }, [])).toThrow(/depth=1.5/)
  })

  it('describes itself', () => {
    expect(describeLabelRule({ kind: 'folders' })).toBe(
      'One folder per device (the parent folder of each file)',
    )
    expect(describeLabelRule({ kind: 'folders', depth: 2 })).toBe(
      'One folder per device (folder level 2 below the source root)',
    )
  })
})
