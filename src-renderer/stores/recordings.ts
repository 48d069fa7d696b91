// Every recording of the project as one table: filters, sort, search, a multi-selection, bulk
// relabelling, and the recording opened in the detail view. The rows stay out of Vue's deep
// reactivity (see recording-table.ts); only the small state around them is reactive. They arrive
// as columns (`recordings.table`) and are fetched again only when the project's recordings
// revision moves past the loaded one: a new estimate or reference leaves them alone.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { decodeRecordingColumns, pathOrderOf } from '@shared/api/recording-columns'
import type { RequestOf } from '@shared/api/schemas'
import type { RecordingDetail, RecordingRow } from '@shared/api/views'
import { api } from '../api'
import { useAppStore } from './app'
import { useProjectStore } from './project'
import {
  createRecordingTable,
  filterOrder,
  idsBetween,
  positionOf,
  sortedOrder,
  type Filters,
  type LabelFilter,
  type RowState,
  type SortDir,
  type SortKey,
} from '../recording-table'

export type RelabelPatch = RequestOf<'recordings.relabel'>['patch']
/** How a click changes the selection: only this row, toggle it, or the range from the anchor. */
export type SelectMode = 'only' | 'toggle' | 'range'

export const useRecordingsStore = defineStore('recordings', () => {
  const app = useAppStore()
  const project = useProjectStore()

  const table = shallowRef(createRecordingTable([]))
  /** The recordings revision of the rows in `table` (ProjectView.recordingsRevision). */
  const revision = ref<string | null>(null)
  const loaded = ref(false)
  const loading = ref(false)
  const filterDevice = ref<LabelFilter>(undefined)
  const filterScene = ref<LabelFilter>(undefined)
  const filterGroup = ref('')
  const filterRate = ref<number | undefined>(undefined)
  const filterMinDuration = ref<number | undefined>(undefined)
  const filterMaxDuration = ref<number | undefined>(undefined)
  const filterState = ref<RowState | undefined>(undefined)
  const search = ref('')
  const sortKey = ref<SortKey>('path')
  const sortDir = ref<SortDir>('asc')
  /** Selected recording ids; replaced whole on every change. */
  const selected = shallowRef<ReadonlySet<number>>(new Set())
  /** Where a shift-click range starts. */
  const anchorId = ref<number | null>(null)
  /** The recording shown in the detail view. */
  const detailId = ref<number | null>(null)
  const detail = shallowRef<RecordingDetail | null>(null)

  const rows = computed(() => table.value.rows)
  const deviceOptions = computed(() => table.value.devices)
  const sceneOptions = computed(() => table.value.scenes)
  const rateOptions = computed(() => table.value.sampleRates)
  const filters = computed<Filters>(() => ({
    device: filterDevice.value,
    scene: filterScene.value,
    group: filterGroup.value,
    sampleRate: filterRate.value,
    minDurationSec: filterMinDuration.value,
    maxDurationSec: filterMaxDuration.value,
    state: filterState.value,
    search: search.value,
  }))
  const sorted = computed(() => sortedOrder(table.value, sortKey.value, sortDir.value))
  /** Row indices (into `rows`) of the filtered, sorted table. */
  const visible = computed(() => filterOrder(table.value, sorted.value, filters.value))
  const visibleCount = computed(() => visible.value.length)
  const selectedCount = computed(() => selected.value.size)
  const detailRow = computed(() => byId(detailId.value))

  /** The row at `position` of the visible table. */
  function rowAt(position: number): RecordingRow {
    return table.value.rows[visible.value[position]]
  }

  function byId(id: number | null): RecordingRow | null {
    const index = id === null ? undefined : table.value.indexById.get(id)
    return index === undefined ? null : table.value.rows[index]
  }

  function isSelected(id: number): boolean {
    return selected.value.has(id)
  }

  let again = false
  let inFlight: Promise<void> | null = null
  /**
   * Fetches every row from main. A call during a load waits for it and makes one more load
   * afterwards, unless the load in flight brought the revision the project now names.
   */
  function load(): Promise<void> {
    if (inFlight) {
      again = true
      return inFlight
    }
    loading.value = true
    inFlight = (async () => {
      do {
        again = false
        const columns = await api.call('recordings.table')
        table.value = createRecordingTable(decodeRecordingColumns(columns), pathOrderOf(columns))
        revision.value = columns.revision
        const ids = table.value.indexById
        if ([...selected.value].some((id) => !ids.has(id))) {
          selected.value = new Set([...selected.value].filter((id) => ids.has(id)))
        }
        loaded.value = true
      } while (again && revision.value !== project.recordingsRevision)
    })().finally(() => {
      loading.value = false
      inFlight = null
    })
    return inFlight
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load()
  }

  /**
   * Starts loading before the view asks (a page opened on the Recordings view asks for the table
   * beside the project instead of after it). A failure is not reported here: the view's own
   * ensureLoaded() then loads again and reports it.
   */
  function prefetch(): void {
    load().catch(() => undefined)
  }

  function reset(): void {
    table.value = createRecordingTable([])
    revision.value = null
    loaded.value = false
    selected.value = new Set()
    anchorId.value = null
    detailId.value = null
    detail.value = null
  }

  // Another project: drop everything (but not on the first load, which may follow a reload on
  // '#/recording/<id>'). The same project changed: reload what was loaded if its recordings did.
  watch(
    () => project.path,
    (_now, before) => {
      if (before !== null) reset()
    },
  )
  watch(
    () => project.revision,
    () => {
      const stale = project.recordingsRevision !== revision.value
      if (loaded.value && project.isOpen && stale) void load().catch(app.report)
    },
  )

  function setSort(key: SortKey): void {
    if (sortKey.value === key) sortDir.value = sortDir.value === 'asc' ? 'desc' : 'asc'
    else {
      sortKey.value = key
      sortDir.value = 'asc'
    }
  }

  function clearFilters(): void {
    filterDevice.value = undefined
    filterScene.value = undefined
    filterGroup.value = ''
    filterRate.value = undefined
    filterMinDuration.value = undefined
    filterMaxDuration.value = undefined
    filterState.value = undefined
    search.value = ''
  }

  function select(id: number, mode: SelectMode = 'only'): void {
    if (mode === 'range' && anchorId.value !== null) {
      const from = positionOf(table.value, visible.value, anchorId.value)
      const to = positionOf(table.value, visible.value, id)
      if (from >= 0 && to >= 0) {
        selected.value = new Set(idsBetween(table.value, visible.value, from, to))
        return
      }
    }
    if (mode === 'toggle') {
      const next = new Set(selected.value)
      if (!next.delete(id)) next.add(id)
      selected.value = next
    } else {
      selected.value = new Set([id])
    }
    anchorId.value = id
  }

  /** Selects every row that passes the filters. */
  function selectAllVisible(): void {
    const { rows: all } = table.value
    const ids = new Set<number>()
    for (const i of visible.value) ids.add(all[i].id)
    selected.value = ids
  }

  function clearSelection(): void {
    selected.value = new Set()
    anchorId.value = null
  }

  /** Sets labels on every selected recording; returns how many changed. */
  async function relabel(patch: RelabelPatch): Promise<number> {
    const ids = [...selected.value]
    if (ids.length === 0) return 0
    const { changed } = await api.call('recordings.relabel', { ids, patch })
    await load()
    return changed
  }

  /** Shows recording `id` in the detail view. */
  function openDetail(id: number): void {
    if (detailId.value !== id) detail.value = null
    detailId.value = id
    app.go('recording')
  }

  async function loadDetail(): Promise<void> {
    const id = detailId.value
    if (id === null) return
    const answer = await api.call('recordings.detail', { id })
    if (detailId.value === id) detail.value = answer
  }

  function mediaUrl(id: number, corrected?: { method: 'fir' | 'stft' }): string {
    return api.mediaUrl(id, corrected)
  }

  return {
    table,
    revision,
    loaded,
    loading,
    filterDevice,
    filterScene,
    filterGroup,
    filterRate,
    filterMinDuration,
    filterMaxDuration,
    filterState,
    search,
    sortKey,
    sortDir,
    selected,
    anchorId,
    detailId,
    detail,
    rows,
    deviceOptions,
    sceneOptions,
    rateOptions,
    filters,
    visible,
    visibleCount,
    selectedCount,
    detailRow,
    rowAt,
    byId,
    isSelected,
    load,
    ensureLoaded,
    prefetch,
    setSort,
    clearFilters,
    select,
    selectAllVisible,
    clearSelection,
    relabel,
    openDetail,
    loadDetail,
    mediaUrl,
  }
})
