// Per-device overview of the project: counts, mean spectra and alignment coverage (DevicesView).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { DevicesView } from '@shared/api/views'
import { api } from '../api'
import { useAppStore } from './app'
import { useProjectStore } from './project'

export const useDevicesStore = defineStore('devices', () => {
  const app = useAppStore()
  const project = useProjectStore()
  const overview = shallowRef<DevicesView | null>(null)
  const loading = ref(false)
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

  watch(
    () => project.path,
    () => (overview.value = null),
  )
  // A new estimate or reference leaves the overview as it is.
  watch(
    () => project.revision,
    () => {
      const stale = project.recordingsRevision !== loadedRevision
      if (overview.value && project.isOpen && stale) void load().catch(app.report)
    },
  )

  return { overview, loading, stats, names, load }
})
