import { describe, expect, it } from 'vitest'
import { applyLabelRule, checkLabelRule, describeLabelRule, previewLabelRule } from '@shared/labels'
import { devicesByGroup, GOLDEN_DEVICES_BY_GROUP, GOLDEN_NAMES } from './golden-corpus'

const rx = (pattern: string) => ({ kind: 'regex', pattern }) as const

describe('regex rule', () => {
  it('groups the golden corpus by the stem without the device', () => {
    const rows = previewLabelRule(
      rx('^(?<scene>[a-z_]+)-.*-(?<device>[a-z0-9]+)\\.wav$'),
      GOLDEN_NAMES,
    )
    expect(rows[0]).toEqual({
      path: 'airport-lisbon-2-20-a.wav',
      fields: { device: 'a', scene: 'airport', group: 'airport-lisbon-2-20' },
      error: null,
    })
    expect(devicesByGroup(rows)).toEqual(GOLDEN_DEVICES_BY_GROUP)
  })

  it('removes the matched device text with one adjacent separator', () => {
    const device = (pattern: string, path: string) => applyLabelRule(rx(pattern), path).fields
    expect(device('_(?<device>mic\\d)_', 'day1/take_mic2_03.wav')).toEqual({
      device: 'mic2',
      scene: null,
      group: 'take_03',
    })
    expect(device('^(?<device>[A-Z]+) ', 'PHONE take 3.flac').group).toBe('take 3')
    expect(device('^(?<device>[A-Z]+)\\.', 'X.take.wav').group).toBe('take')
    // the matched position counts, not the first equal text: 'a' also starts 'a-a'
    expect(device('-(?<device>a)\\.wav$', 'a-a.wav').group).toBe('a')
  })

  it('uses the stem when the device is matched in a folder, and group/scene groups when given', () => {
    expect(applyLabelRule(rx('^(?<device>[^/]+)/'), 'zoom/rec-1.wav').fields).toEqual({
      device: 'zoom',
      scene: null,
      group: 'rec-1',
    })
    const rule = rx('(?<scene>\\w+)/(?<group>\\w+)-(?<device>\\w+)\\.wav')
    expect(applyLabelRule(rule, 'park/seg9-a.wav').fields).toEqual({
      device: 'a',
      scene: 'park',
      group: 'seg9',
    })
  })

  it('reports files that do not match and empty devices', () => {
    expect(applyLabelRule(rx('-(?<device>[a-z])\\.wav$'), 'x/take.mp3')).toEqual({
      fields: { device: null, scene: null, group: null },
      error: '"x/take.mp3" does not match /-(?<device>[a-z])\\.wav$/; adjust the pattern',
    })
    expect(applyLabelRule(rx('^(?<device>[a-z]*)-'), '-x.wav')).toEqual({
      fields: { device: null, scene: null, group: null },
      error: '"-x.wav" got an empty device label',
    })
  })

  it('refuses bad patterns, naming the fix', () => {
    expect(() => checkLabelRule(rx('(?<dev>x)'))).toThrow(
      'regex "(?<dev>x)" has no named group "device"; name the device group (?<device>…)',
    )
    expect(() => checkLabelRule(rx('(?<device>x)(?<grp>y)'))).toThrow(
      'regex "(?<device>x)(?<grp>y)" has an unknown named group "grp"; use only device, scene and group, or an unnamed group (?:…)',
    )
    expect(() => checkLabelRule(rx('(?<device>x'))).toThrow(
      /^regex "\(\?<device>x" is not a valid JavaScript regular expression \(.*\)$/,
    )
    expect(() => checkLabelRule(rx(''))).toThrow(
      'regex "" is not a pattern; give one with (?<device>…)',
    )
    expect(() => applyLabelRule(rx('(x)'), 'a.wav')).toThrow(/has no named group "device"/)
  })

  it('describes itself', () => {
    expect(describeLabelRule(rx('-(?<device>\\w+)$'))).toBe(
      'Regular expression /-(?<device>\\w+)$/ on the relative path',
    )
  })
})
