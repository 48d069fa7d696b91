// The Recordings table's columns fit what they hold: no label cut off while Path takes the
// width, titles never narrower than their header, caps against one odd label.
import { describe, expect, it } from 'vitest'
import {
  RECORDING_COLUMNS,
  recordingColumnWidths,
  type MeasureText,
} from '../../src-renderer/recording-columns'
import { recordingRow } from './fake-transport'

/** 7 px per character in the UI font, 8 in the monospace font, 7.5 for titles. */
const measure: MeasureText = (text, kind) =>
  text.length * (kind === 'mono' ? 8 : kind === 'title' ? 7.5 : 7)

const widths = (css: string): string[] => css.split(/ (?![^(]*\))/)

describe('recording columns', () => {
  it('sizes every column to its widest cell, Path to the rest', () => {
    const rows = Array.from({ length: 1000 }, (_, i) =>
      recordingRow(i + 1, {
        path: `audio/street_traffic-barcelona-161-4901-${i}-a.wav`,
        device: i % 2 ? 'a' : 'b',
        scene: 'street_traffic',
        group: `street_traffic-barcelona-161-4901-${i}`,
      }),
    )
    const css = widths(recordingColumnWidths(rows, measure))
    expect(css).toHaveLength(RECORDING_COLUMNS.length)
    expect(css[0]).toBe('minmax(240px, 1fr)')
    // The longest group has 37 characters: 37 × 8 + 16 px, not cut off.
    expect(css[3]).toBe(`${37 * 8 + 16}px`)
    // 'Device' (6 × 7.5 + 28) is wider than 'a' or 'b'.
    expect(css[1]).toBe(`${Math.ceil(6 * 7.5 + 28)}px`)
    expect(css[2]).toBe(`${14 * 7 + 16}px`)
  })

  it('caps a column so one odd label cannot take the table, and keeps a short Path its width', () => {
    const rows = [
      recordingRow(1, { path: 'a.wav', group: 'x'.repeat(300) }),
      recordingRow(2, { path: 'b.wav', group: null }),
    ]
    const css = widths(recordingColumnWidths(rows, measure))
    expect(css[3]).toBe('420px')
    // "Path" (4 × 7.5 + 28 = 58 px) is wider than "a.wav" (5 × 8 + 16 = 56 px).
    expect(css[0]).toBe('minmax(58px, 1fr)')
  })

  it('leaves room for the warning mark after a status', () => {
    const plain = widths(recordingColumnWidths([recordingRow(1, { durationSec: 5 })], measure))
    const warned = widths(
      recordingColumnWidths(
        [
          recordingRow(1, {
            durationSec: 5,
            warnings: [{ code: 'data-size', message: 'data chunk says more than the file holds' }],
          }),
        ],
        measure,
      ),
    )
    // "analysed" fits under its title; "analysed ⚠" (10 characters) needs more.
    expect(plain[4]).toBe(`${Math.ceil(6 * 7.5 + 28)}px`)
    expect(warned[4]).toBe(`${10 * 7 + 16}px`)
  })
})
