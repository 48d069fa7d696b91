import { describe, expect, it } from 'vitest'
import {
  checkLabelRule,
  describeLabelRule,
  normalizeLabel,
  relabel,
  stemWithoutDevice,
} from '@shared/labels'
import type { LabelRule } from '@shared/labels'

describe('checkLabelRule', () => {
  it('accepts valid rules', () => {
    expect(() => checkLabelRule({ kind: 'dcase' })).not.toThrow()
    expect(() => checkLabelRule({ kind: 'folders', depth: 2 })).not.toThrow()
  })

  it('refuses unknown kinds and tables without file or device columns', () => {
    expect(() => checkLabelRule({ kind: 'csv' } as unknown as LabelRule)).toThrow(
      'label rule kind "csv" is unknown; use dcase, dcase-meta, folders, regex or table',
    )
    const noPath = { columns: { path: '', device: 'd', scene: null, group: null }, rows: [] }
    expect(() => checkLabelRule({ kind: 'table', table: noPath })).toThrow(
      'the label table has no file column; name the column that holds the file paths',
    )
    const noDevice = { columns: { path: 'p', device: '', scene: null, group: null }, rows: [] }
    expect(() => checkLabelRule({ kind: 'dcase-meta', meta: noDevice })).toThrow(
      'meta.csv has no device column; name the column that holds the devices',
    )
    expect(() => checkLabelRule({ kind: 'table', table: {} } as unknown as LabelRule)).toThrow(
      'the label table is not a parsed label table; read the file with parseLabelTable',
    )
    const emptyRow = {
      columns: { path: 'p', device: 'd', scene: null, group: null },
      rows: [{ path: '', device: 'a', scene: null, group: null }],
    }
    expect(() => checkLabelRule({ kind: 'table', table: emptyRow })).toThrow(
      'the label table row 1 has no file path; give every row its file',
    )
  })
})

describe('describeLabelRule', () => {
  it('says what the DCASE preset reads', () => {
    expect(describeLabelRule({ kind: 'dcase' })).toBe(
      'DCASE file names (scene-city-location-segment[-subsegment]-device)',
    )
  })
})

describe('relabel', () => {
  it('applies defined values of the patch, normalised', () => {
    const fields = { device: 'a', scene: 'park', group: 'g' }
    expect(relabel(fields, { device: ' B ' })).toEqual({ device: 'B', scene: 'park', group: 'g' })
    expect(relabel(fields, { scene: '', group: null })).toEqual({
      device: 'a',
      scene: null,
      group: null,
    })
    expect(relabel(fields, { device: undefined })).toEqual(fields)
    expect(relabel(fields, {})).not.toBe(fields)
  })
})

describe('normalizeLabel and stemWithoutDevice', () => {
  it('trims, keeps case, nulls empty values', () => {
    expect(normalizeLabel('  Mic A ')).toBe('Mic A')
    expect(normalizeLabel(' ')).toBe(null)
    expect(normalizeLabel(undefined)).toBe(null)
  })

  it('removes the last separated occurrence of the device and one separator', () => {
    expect(stemWithoutDevice('park-lyon-0-0-a', 'a')).toBe('park-lyon-0-0')
    expect(stemWithoutDevice('a_park_a_x', 'a')).toBe('a_park_x')
    expect(stemWithoutDevice('mic.take', 'mic')).toBe('take')
    expect(stemWithoutDevice('alpha-beta', 'a')).toBe('alpha-beta')
    expect(stemWithoutDevice('a', 'a')).toBe(null)
  })
})
