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

  const stats = computed(() => overview.value?.devices ?? [])
  const names = computed(() => stats.value.map((d) => d.device))

  async function load(): Promise<void> {
    loading.value = true
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
  watch(
    () => project.revision,
    () => {
      if (overview.value && project.isOpen) void load().catch(app.report)
    },
  )

  return { overview, loading, stats, names, load }
})
