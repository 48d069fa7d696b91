// @vitest-environment happy-dom
// The recordings store on 100,000 rows: results only (no timings).
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { isProxy, nextTick } from 'vue'
import type { RecordingRow } from '@shared/api/views'
import { installTransport } from '../../src-renderer/api'
import { useAppStore } from '../../src-renderer/stores/app'
import { useProjectStore } from '../../src-renderer/stores/project'
import { rowState, type SortKey } from '../../src-renderer/recording-table'
import { useRecordingsStore } from '../../src-renderer/stores/recordings'
import { FakeTransport, projectView, recordingRow, recordingsTable } from './fake-transport'

const N = 100_000
const DEVICES = ['a', 'b', 'c', 's1', 's2', 's10', null]
const SCENES = ['airport', 'bus', 'park', null]

function makeRows(n: number): RecordingRow[] {
  const rows: RecordingRow[] = []
  for (let i = 0; i < n; i++) {
    // Ids and paths in a scrambled order, so that sorting has work to do.
    const k = (i * 7919) % n
    rows.push(
      recordingRow(k + 1, {
        path: `dir${k % 13}/File-${k}.wav`,
        device: DEVICES[k % DEVICES.length],
        scene: SCENES[k % SCENES.length],
        group: k % 5 === 0 ? null : `g${k % 977}`,
        status: k % 101 === 0 ? 'error' : 'ok',
        analysis: (['done', 'pending', 'silent', 'failed'] as const)[k % 4],
        durationSec: k % 17 === 0 ? null : (k % 600) / 10,
        sampleRate: [44100, 48000, 16000][k % 3],
        channels: 1 + (k % 2),
      }),
    )
  }
  return rows
}

/** The reference order of a column: natural for text, numbers, empty values last. */
function keyOf(row: RecordingRow, key: SortKey): string | number | null {
  const text = (s: string | null): string | null =>
    s === null ? null : s.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, '0'))
  switch (key) {
    case 'path':
      return text(row.path)
    case 'device':
    case 'scene':
    case 'group':
      return text(row[key])
    case 'state':
      return ['analysed', 'pending', 'silent', 'failed', 'unreadable', 'missing'].indexOf(
        rowState(row),
      )
    case 'duration':
      return row.durationSec
    case 'rate':
      return row.sampleRate
    case 'channels':
      return row.channels
  }
}

let fake: FakeTransport
let rows: RecordingRow[]
/** The recordings revision main reports (in the table and in the project view). */
let revision: string

beforeEach(async () => {
  setActivePinia(createPinia())
  rows = makeRows(N)
  revision = projectView().recordingsRevision
  fake = new FakeTransport({
    'recordings.table': () => recordingsTable(rows, revision),
    'recordings.relabel': ({ ids }) => ({ changed: ids.length }),
  })
  installTransport(fake)
  useProjectStore().apply(projectView())
  await nextTick()
})

function visibleRows(store: ReturnType<typeof useRecordingsStore>): RecordingRow[] {
  return Array.from(store.visible, (i) => store.rows[i])
}

describe('recordings store with 100,000 rows', () => {
  it('loads every row without making them reactive', async () => {
    const store = useRecordingsStore()
    await store.ensureLoaded()
    expect(store.rows).toHaveLength(N)
    expect(store.visibleCount).toBe(N)
    expect(isProxy(store.rows)).toBe(false)
    expect(isProxy(store.rows[0])).toBe(false)
    expect(store.deviceOptions).toEqual(['a', 'b', 'c', 's1', 's2', 's10'])
    await store.ensureLoaded()
    expect(fake.callsOf('recordings.table')).toHaveLength(1)
  })

  it.each<SortKey>(['path', 'device', 'scene', 'group', 'state', 'duration', 'rate', 'channels'])(
    'sorts by %s both ways, empty values last',
    async (key) => {
      const store = useRecordingsStore()
      await store.load()
      if (store.sortKey !== key) store.setSort(key)
      expect(store.sortDir).toBe('asc')
      for (const dir of [1, -1]) {
        const keys = visibleRows(store).map((r) => keyOf(r, key))
        expect(keys).toHaveLength(N)
        const firstNull = keys.indexOf(null)
        const values = firstNull < 0 ? keys : keys.slice(0, firstNull)
        if (firstNull >= 0) expect(keys.slice(firstNull).every((k) => k === null)).toBe(true)
        for (let i = 1; i < values.length; i++) {
          const a = values[i - 1]!
          const b = values[i]!
          if (dir === 1 ? a > b : a < b) throw new Error(`${key} out of order at ${i}: ${a}, ${b}`)
        }
        store.setSort(key) // flips to descending
      }
      expect(store.sortDir).toBe('asc')
    },
  )

  it('sorts numbers in names naturally', async () => {
    rows = [
      recordingRow(1, { path: 'x/file-10.wav' }),
      recordingRow(2, { path: 'x/file-2.wav' }),
      recordingRow(3, { path: 'X/file-1.wav' }),
    ]
    const store = useRecordingsStore()
    await store.load()
    expect(visibleRows(store).map((r) => r.id)).toEqual([3, 2, 1])
    store.setSort('path')
    expect(visibleRows(store).map((r) => r.id)).toEqual([1, 2, 3])
  })

  it('filters by device, scene, status and searched words together', async () => {
    const store = useRecordingsStore()
    await store.load()
    store.filterDevice = 's10'
    expect(store.visibleCount).toBe(rows.filter((r) => r.device === 's10').length)
    store.filterDevice = null // unlabelled
    expect(store.visibleCount).toBe(rows.filter((r) => r.device === null).length)

    store.filterDevice = 'b'
    store.filterScene = 'park'
    store.filterState = 'silent'
    const expected = rows.filter(
      (r) => r.device === 'b' && r.scene === 'park' && rowState(r) === 'silent',
    )
    expect(store.visibleCount).toBe(expected.length)
    expect(store.visibleCount).toBeGreaterThan(0)
    expect(new Set(visibleRows(store).map((r) => r.id))).toEqual(new Set(expected.map((r) => r.id)))

    store.clearFilters()
    store.search = 'DIR3/ file-12'
    const words = ['dir3/', 'file-12']
    const found = rows.filter((r) => words.every((w) => r.path.toLowerCase().includes(w)))
    expect(store.visibleCount).toBe(found.length)
    expect(store.visibleCount).toBeGreaterThan(0)
    store.search = 'no such file'
    expect(store.visibleCount).toBe(0)
  })

  it('filters by group text, sample rate and duration range', async () => {
    const store = useRecordingsStore()
    await store.load()
    expect(store.rateOptions).toEqual([16000, 44100, 48000])
    store.filterGroup = 'G12'
    store.filterRate = 48000
    store.filterMinDuration = 10
    store.filterMaxDuration = 20
    const expected = rows.filter(
      (r) =>
        (r.group ?? '').includes('g12') &&
        r.sampleRate === 48000 &&
        r.durationSec !== null &&
        r.durationSec >= 10 &&
        r.durationSec <= 20,
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(new Set(visibleRows(store).map((r) => r.id))).toEqual(new Set(expected.map((r) => r.id)))
    store.clearFilters()
    expect(store.visibleCount).toBe(rows.length)
  })

  it('selects one, toggles, selects ranges in view order, and all filtered', async () => {
    const store = useRecordingsStore()
    await store.load()
    store.setSort('duration')
    const at = (p: number): number => store.rowAt(p).id

    store.select(at(10))
    expect([...store.selected]).toEqual([at(10)])
    store.select(at(20), 'range')
    expect(store.selectedCount).toBe(11)
    expect([...store.selected]).toEqual(Array.from({ length: 11 }, (_, k) => at(10 + k)))
    store.select(at(5), 'range') // from the same anchor, the other way
    expect([...store.selected].sort()).toEqual(
      Array.from({ length: 6 }, (_, k) => at(5 + k)).sort(),
    )
    store.select(at(50), 'toggle')
    store.select(at(5), 'toggle')
    expect(store.selectedCount).toBe(6)
    expect(store.isSelected(at(50))).toBe(true)
    expect(store.isSelected(at(5))).toBe(false)

    store.filterDevice = 'c'
    store.selectAllVisible()
    expect(store.selectedCount).toBe(rows.filter((r) => r.device === 'c').length)
    store.clearSelection()
    expect(store.selectedCount).toBe(0)
  })

  it('relabels the selection, reloads, and keeps the selection', async () => {
    const store = useRecordingsStore()
    await store.load()
    store.filterScene = 'bus'
    store.selectAllVisible()
    const ids = [...store.selected]
    const changed = await store.relabel({ device: 'b', group: null })
    expect(changed).toBe(ids.length)
    expect(fake.callsOf('recordings.relabel')).toEqual([
      { ids, patch: { device: 'b', group: null } },
    ])
    expect(fake.callsOf('recordings.table')).toHaveLength(2)
    expect(store.selectedCount).toBe(ids.length)
  })

  it('reloads on project changes, drops rows that went away, and resets for another project', async () => {
    const store = useRecordingsStore()
    const project = useProjectStore()
    await store.load()
    store.select(rows[0].id)
    store.select(rows[1].id, 'toggle')
    rows = rows.slice(1)
    revision = 'r2'
    project.apply(projectView({ recordingsRevision: revision })) // project.changed: same project
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
    expect(store.rows).toHaveLength(N - 1)
    expect([...store.selected]).toEqual([rows[0].id])

    project.apply(projectView({ path: '/another.scw' }))
    await nextTick()
    expect(store.loaded).toBe(false)
    expect(store.rows).toHaveLength(0)
    expect(store.selectedCount).toBe(0)
  })

  it('keeps the rows on a reference switch or a new estimate (same recordings revision)', async () => {
    const store = useRecordingsStore()
    const project = useProjectStore()
    await store.load()
    const table = store.table
    const base = projectView()
    // project.changed after project.setReference: another reference and estimate, same rows.
    project.apply({ ...base, settings: { ...base.settings, referenceDevice: 'b' } })
    project.apply({ ...base, settings: { ...base.settings, currentEstimateId: 7 } })
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
    expect(fake.callsOf('recordings.table')).toHaveLength(1)
    expect(store.table).toBe(table)
    // A scan, analysis or relabelling moves the revision: then the rows are fetched again.
    revision = 'r2'
    project.apply(projectView({ recordingsRevision: revision }))
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
    expect(fake.callsOf('recordings.table')).toHaveLength(2)
    expect(store.revision).toBe('r2')
  })

  it('fetches once more when the revision moves during a load, unless the load brought it', async () => {
    const store = useRecordingsStore()
    const project = useProjectStore()
    await store.load()
    const answer = fake.handlers['recordings.table']!
    const held: (() => void)[] = []
    fake.handlers['recordings.table'] = async (request) => {
      await new Promise<void>((r) => held.push(r))
      return answer(request)
    }
    const settle = async (): Promise<void> => {
      await nextTick()
      await new Promise((r) => setTimeout(r, 0))
    }
    const changed = async (to: string): Promise<void> => {
      project.apply(projectView({ recordingsRevision: to }))
      await settle()
    }

    // A reload is in flight when main announces r2; its answer carries r2: nothing more.
    const reload = store.load()
    await settle()
    revision = 'r2'
    await changed('r2')
    held.shift()!()
    await reload
    await settle()
    expect(fake.callsOf('recordings.table')).toHaveLength(2)
    expect(store.revision).toBe('r2')

    // Main announces r3 while a reload answers with r2: one more load fetches r3.
    const again = store.load()
    await settle()
    await changed('r3')
    held.shift()!()
    await settle()
    revision = 'r3'
    held.shift()!()
    await again
    await settle()
    expect(fake.callsOf('recordings.table')).toHaveLength(4)
    expect(store.revision).toBe('r3')
  })

  it('opens a recording in the detail view and loads its detail', async () => {
    const store = useRecordingsStore()
    const app = useAppStore()
    await store.load()
    fake.handlers['recordings.detail'] = ({ id }) => ({
      recording: store.byId(id)!,
      siblings: [],
      correctable: false,
      spectrumDb: null,
      frequencies: [],
    })
    const id = store.rowAt(3).id
    store.openDetail(id)
    expect(app.view).toBe('recording')
    expect(store.detailRow?.id).toBe(id)
    await store.loadDetail()
    expect(store.detail?.recording.id).toBe(id)
    expect(store.mediaUrl(id)).toBe(`fake-media://${id}`)
  })
})
