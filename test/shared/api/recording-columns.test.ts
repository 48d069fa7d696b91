// The recordings table as columns: decoding gives back exactly the rows encoded, in order, for
// any rows (odd names, surrogate pairs, nulls, errors, hand labels); bad indices are refused; and
// a DCASE-sized table is several times smaller as JSON than the list of rows.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { naturalKey } from '../../../src-shared/api/natural-order'
import {
  decodeRecordingColumns,
  encodeRecordingColumns,
  pathOrderOf,
} from '../../../src-shared/api/recording-columns'
import type { RecordingRow } from '../../../src-shared/api/views'
import type { FileWarning } from '../../../src-shared/model/warning'

const label = fc.option(fc.constantFrom('a', 'b', 's1', 'S1', 'ä', '', 'x y'), { nil: null })
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('dir/file-1.wav', 'dir/file-10.wav', 'dir/😀-1.wav', 'dir/😃.wav', 'd/ü.flac'),
)

const row = fc.record<RecordingRow>({
  id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  sourceId: fc.integer({ min: 1, max: 5 }),
  path: text,
  device: label,
  scene: label,
  group: fc.option(text, { nil: null }),
  status: fc.constantFrom('ok', 'error', 'missing'),
  analysis: fc.constantFrom('pending', 'done', 'silent', 'failed'),
  error: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  durationSec: fc.option(
    fc.double({ min: 0, max: 1e5, noNaN: true }).map((d) => d + 0), // JSON has no -0
    { nil: null },
  ),
  sampleRate: fc.option(fc.constantFrom(8000, 44100, 48000), { nil: null }),
  channels: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
  format: fc.option(fc.constantFrom('wav pcm16', 'flac pcm24', 'mp3'), { nil: null }),
  manualLabels: fc.boolean(),
  clippedSamples: fc.option(fc.nat(), { nil: null }),
  warnings: fc.array(
    fc.record({
      code: fc.constantFrom('header-mismatch', 'truncated', 'damaged') as fc.Arbitrary<
        FileWarning['code']
      >,
      message: fc.string({ maxLength: 30 }),
    }),
    { maxLength: 2 },
  ),
})

/** A readable, analysed recording with the given changes. */
function okRow(patch: Partial<RecordingRow> & Pick<RecordingRow, 'id' | 'path'>): RecordingRow {
  return {
    sourceId: 1,
    device: null,
    scene: null,
    group: null,
    status: 'ok',
    analysis: 'done',
    error: null,
    durationSec: 1,
    sampleRate: 44100,
    channels: 1,
    format: null,
    manualLabels: false,
    clippedSamples: 0,
    warnings: [],
    ...patch,
  }
}

/** What the transport does to the columns: JSON out and back. */
const overJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

describe('recording columns', () => {
  it('decode(encode(rows)) equals the rows, in order, after a trip through JSON', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const columns = overJson(encodeRecordingColumns(rows, 'r7'))
        expect(columns.revision).toBe('r7')
        expect(columns.count).toBe(rows.length)
        expect(decodeRecordingColumns(columns)).toEqual(rows)
        // The path order: natural keys ascending, equal keys in row order.
        const order = Array.from(pathOrderOf(columns))
        expect([...order].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i))
        for (let k = 1; k < order.length; k++) {
          const [a, b] = [naturalKey(rows[order[k - 1]].path), naturalKey(rows[order[k]].path)]
          expect(a < b || (a === b && order[k - 1] < order[k])).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('sends no path order when the rows are in it already, and refuses one that is no order', () => {
    const rows = ['a/s2.wav', 'a/S10.wav', 'b/1.wav'].map((path, i) => okRow({ id: i + 1, path }))
    expect(encodeRecordingColumns(rows, 'r').pathOrder).toBeNull()
    const swapped = encodeRecordingColumns([rows[1], rows[0], rows[2]], 'r')
    expect(swapped.pathOrder).toEqual([1, 0, 2])
    for (const bad of [
      [0, 0, 2],
      [0, 1],
      [0, 1, 3],
      [0, 1.5, 2],
    ]) {
      expect(() => pathOrderOf({ ...swapped, pathOrder: bad })).toThrow(
        'pathOrder is not an order of its 3 rows',
      )
    }
  })

  it('never splits a surrogate pair between the shared prefix and the rest', () => {
    const rows = ['a/😀1.wav', 'a/😃2.wav', 'a/😃2.wav', 'a/😃'].map((path, i): RecordingRow => ({
      id: i + 1,
      sourceId: 1,
      path,
      device: null,
      scene: null,
      group: null,
      status: 'ok',
      analysis: 'done',
      error: null,
      durationSec: 1,
      sampleRate: 44100,
      channels: 1,
      format: null,
      manualLabels: false,
      clippedSamples: 0,
      warnings: [],
    }))
    const columns = encodeRecordingColumns(rows, 'r')
    for (const rest of columns.pathRest) {
      const first = rest.charCodeAt(0)
      expect(first >= 0xdc00 && first <= 0xdfff, JSON.stringify(rest)).toBe(false)
    }
    expect(decodeRecordingColumns(overJson(columns))).toEqual(rows)
  })

  it('refuses an index outside its column’s values, naming row and column', () => {
    const columns = encodeRecordingColumns([okRow({ id: 1, path: 'x.wav', device: 'a' })], 'r')
    columns.device.index[0] = 3
    expect(() => decodeRecordingColumns(columns)).toThrow(
      'row 0 of column device has index 3, outside its values',
    )
  })

  it('codes repeated indices as runs, and refuses runs that do not cover the rows', () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      okRow({ id: i + 1, path: `f${i}.wav`, device: i < 4 ? 'a' : 'b', scene: `s${i}` }),
    )
    const columns = encodeRecordingColumns(rows, 'r')
    expect(columns.device).toEqual({ values: ['a', 'b'], index: [0, 4, 1, 2], runs: true })
    expect(columns.scene.runs).toBe(false)
    expect(decodeRecordingColumns(overJson(columns))).toEqual(rows)
    for (const index of [
      [0, 4, 1, 1],
      [0, 4, 1, 3],
      [0, 0, 1, 6],
      [0, 4, 2, 2],
    ]) {
      const bad = { ...columns, device: { ...columns.device, index } }
      expect(() => decodeRecordingColumns(bad), JSON.stringify(index)).toThrow(
        /recordings table: (row \d of )?column device/,
      )
    }
  })

  it('carries 100,000 DCASE recordings in under 8 MB of JSON, a fraction of the list', () => {
    const devices = ['a', 'b', 'c', 's1', 's2', 's3', 's4', 's5', 's6', 's7']
    const rows: RecordingRow[] = []
    for (let g = 0; g < 10_000; g++) {
      const stem = `street_traffic-lisbon-${1000 + Math.floor(g / 80)}-${40000 + Math.floor(g / 10)}-${g % 10}`
      for (const d of devices) {
        rows.push(
          okRow({
            id: rows.length + 1,
            path: `audio/${stem}-${d}.wav`,
            device: d,
            scene: 'street_traffic',
            group: stem,
            durationSec: 0.1,
            format: 'wav pcm16',
          }),
        )
      }
    }
    const columns = JSON.stringify(encodeRecordingColumns(rows, 'r')).length
    const list = JSON.stringify(rows).length
    expect(columns).toBeLessThan(3e6)
    expect(columns * 10).toBeLessThan(list)
  })
})
