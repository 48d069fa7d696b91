import { describe, expect, it } from 'vitest'
import { applyLabelRule, describeLabelRule, parseDcaseMeta, previewLabelRule } from '@shared/labels'
import type { LabelRule } from '@shared/labels'
import {
  devicesByGroup,
  GOLDEN_DEVICES_BY_GROUP,
  GOLDEN_META,
  GOLDEN_NAMES,
  tally,
} from './golden-corpus'

const rule: LabelRule = { kind: 'dcase-meta', meta: parseDcaseMeta(GOLDEN_META) }

describe('dcase-meta rule', () => {
  it('parses the golden meta.csv: filename, scene_label, source_label; identifier is no group', () => {
    if (rule.kind !== 'dcase-meta') throw new Error('unreachable')
    expect(rule.meta.columns).toEqual({
      path: 'filename',
      device: 'source_label',
      scene: 'scene_label',
      group: null,
    })
    expect(rule.meta.rows.length).toBe(15)
    expect(rule.meta.rows[0]).toEqual({
      path: 'audio/park-lyon-0-0-a.wav',
      device: 'a',
      scene: 'park',
      group: null,
    })
  })

  it('labels the golden corpus joined on the relative path', () => {
    const rows = previewLabelRule(
      rule,
      GOLDEN_NAMES.map((n) => `audio/${n}`),
    )
    expect(rows.every((r) => r.error === null)).toBe(true)
    expect(tally(rows.map((r) => r.fields.device))).toEqual({ a: 5, b: 5, c: 5 })
    expect(devicesByGroup(rows)).toEqual(GOLDEN_DEVICES_BY_GROUP)
  })

  it('falls back to the file name when the source root is the audio folder', () => {
    expect(applyLabelRule(rule, 'tram-milan-4-40-b.wav')).toEqual({
      fields: { device: 'b', scene: 'tram', group: 'tram-milan-4-40' },
      error: null,
    })
  })

  it('reports files not listed', () => {
    expect(applyLabelRule(rule, 'audio/tram-milan-4-40-c.wav')).toEqual({
      fields: { device: null, scene: null, group: null },
      error: '"audio/tram-milan-4-40-c.wav" is not listed in meta.csv',
    })
  })

  it('describes itself', () => {
    expect(describeLabelRule(rule)).toBe(
      'DCASE meta.csv (joined on filename; device = source_label, scene = scene_label; 15 rows)',
    )
  })

  it('refuses a meta.csv without source_label', () => {
    expect(() => parseDcaseMeta('filename\tscene_label\naudio/x.wav\tpark\n')).toThrow(
      'device column "source_label" is not in the header ("filename", "scene_label"); name one of those',
    )
  })
})
