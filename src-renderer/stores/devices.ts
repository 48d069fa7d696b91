// Per-device overview of the project: counts, mean spectra and alignment coverage (DevicesView),
// and the label audit (its Audit panel).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { DevicesView } from '@shared/api/views'
import type { LabelAuditReport } from '@shared/model/label-audit'
import { api } from '../api'
import { useAppStore } from './app'
import { useProjectStore } from './project'

export const useDevicesStore = defineStore('devices', () => {
  const app = useAppStore()
  const project = useProjectStore()
  const overview = shallowRef<DevicesView | null>(null)
  const loading = ref(false)
  const audit = shallowRef<LabelAuditReport | null>(null)
  const auditing = ref(false)
  /** The recordings revision the overview was asked for at: it derives from the recordings only. */
  let loadedRevision: string | null = null

  const stats = computed(() => overview.value?.devices ?? [])
  const names = computed(() => stats.value.map((d) => d.device))

  async function load(): Promise<void> {
    loading.value = true
    loadedRevision = project.recordingsRevision
    try {
      overview.value = await api.call('devices.overview')
    } finally {
      loading.value = false
    }
  }

  /** Audits the labels of what is analysed (main does not analyse pending recordings for it). */
  async function runAudit(): Promise<void> {
    auditing.value = true
    try {
      audit.value = await api.call('devices.audit')
    } finally {
      auditing.value = false
    }
  }

  /** Files recording `id` under `device` (a manual label), then audits again. */
  async function relabel(id: number, device: string): Promise<void> {
    await api.call('recordings.relabel', { ids: [id], patch: { device } })
    await runAudit()
  }

  watch(
    () => project.path,
    () => {
      overview.value = null
      audit.value = null
    },
  )
  // A new estimate or reference leaves the overview as it is.
  watch(
    () => project.revision,
    () => {
      const stale = project.recordingsRevision !== loadedRevision
      if (overview.value && project.isOpen && stale) void load().catch(app.report)
    },
  )

  return { overview, loading, stats, names, load, audit, auditing, runAudit, relabel }
})
