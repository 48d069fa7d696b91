import { describe, expect, it } from 'vitest'
import { applyLabelRule, previewLabelRule } from '@shared/labels'
import { devicesByGroup, GOLDEN_DEVICES_BY_GROUP, GOLDEN_NAMES, tally } from './golden-corpus'

const dcase = { kind: 'dcase' } as const

describe('dcase rule', () => {
  it('labels the golden corpus: 5 files each of a, b, c, grouped by segment', () => {
    const rows = previewLabelRule(
      dcase,
      GOLDEN_NAMES.map((n) => `audio/${n}`),
    )
    expect(GOLDEN_NAMES.length).toBe(15)
    expect(rows.every((r) => r.error === null)).toBe(true)
    expect(tally(rows.map((r) => r.fields.device))).toEqual({ a: 5, b: 5, c: 5 })
    expect(tally(rows.map((r) => r.fields.scene))).toEqual({
      airport: 3,
      bus: 3,
      metro: 3,
      park: 3,
      street: 1,
      tram: 2,
    })
    expect(devicesByGroup(rows)).toEqual(GOLDEN_DEVICES_BY_GROUP)
  })

  it('reads one file name', () => {
    expect(applyLabelRule(dcase, 'audio/airport-lisbon-2-20-a.wav')).toEqual({
      fields: { device: 'a', scene: 'airport', group: 'airport-lisbon-2-20' },
      error: null,
    })
    expect(applyLabelRule(dcase, 'bus-prague-3-30-s1.flac').fields).toEqual({
      device: 's1',
      scene: 'bus',
      group: 'bus-prague-3-30',
    })
  })

  it('keeps underscores in scenes', () => {
    for (const scene of ['shopping_mall', 'street_pedestrian', 'public_square', 'street_traffic']) {
      expect(applyLabelRule(dcase, `${scene}-london-1-40-b.wav`).fields).toEqual({
        device: 'b',
        scene,
        group: `${scene}-london-1-40`,
      })
    }
  })

  it('reads the 2022 form with a sub-segment into the group', () => {
    expect(applyLabelRule(dcase, 'airport-barcelona-0-0-3-a.wav').fields).toEqual({
      device: 'a',
      scene: 'airport',
      group: 'airport-barcelona-0-0-3',
    })
    expect(applyLabelRule(dcase, 'x/airport-lisbon-1000-40000-0-s3.wav').fields).toEqual({
      device: 's3',
      scene: 'airport',
      group: 'airport-lisbon-1000-40000-0',
    })
  })

  it('names the expected pattern for other names', () => {
    for (const bad of [
      'recording.wav',
      'park-lyon-0-a.wav',
      'park-lyon-x-0-a.wav',
      'a/b-c-1-2-3.wav',
    ]) {
      const result = applyLabelRule(dcase, bad)
      expect(result.fields).toEqual({ device: null, scene: null, group: null })
      expect(result.error).toBe(
        `"${bad.split('/').pop()}" does not match the DCASE file name ` +
          'scene-city-location-segment-device or scene-city-location-segment-subsegment-device ' +
          '(e.g. airport-lisbon-2-20-a)',
      )
    }
  })
})
