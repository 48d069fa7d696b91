// The open project as main describes it (ProjectView), kept current by `project.changed`.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { RequestOf } from '@shared/api/schemas'
import type { ProjectView } from '@shared/api/views'
import { api } from '../api'

export type SettingsPatch = RequestOf<'project.updateSettings'>

export const useProjectStore = defineStore('project', () => {
  /** Replaced whole on every change, never edited in place. */
  const project = shallowRef<ProjectView | null>(null)
  /** Bumped on every change, so other stores can refresh what they derived from the project. */
  const revision = ref(0)
  const busy = ref(false)

  const isOpen = computed(() => project.value !== null)
  const path = computed(() => project.value?.path ?? null)
  const name = computed(() => project.value?.name ?? null)
  const settings = computed(() => project.value?.settings ?? null)
  const sources = computed(() => project.value?.sources ?? [])
  const counts = computed(() => project.value?.counts ?? null)
  const devices = computed(() => project.value?.devices ?? [])
  const referenceDevice = computed(() => project.value?.settings.referenceDevice ?? null)

  /** Takes a fresh ProjectView from main (a call's answer or `project.changed`). */
  function apply(view: ProjectView | null): void {
    project.value = view
    revision.value++
  }

  async function busyWhile<T>(work: () => Promise<T>): Promise<T> {
    busy.value = true
    try {
      return await work()
    } finally {
      busy.value = false
    }
  }

  async function loadCurrent(): Promise<void> {
    apply(await api.call('project.current'))
  }

  async function open(projectPath: string): Promise<void> {
    apply(await busyWhile(() => api.call('project.open', { path: projectPath })))
  }

  async function create(projectPath: string): Promise<void> {
    apply(await busyWhile(() => api.call('project.create', { path: projectPath })))
  }

  async function openDemo(): Promise<void> {
    apply(await busyWhile(() => api.call('project.openDemo')))
  }

  async function updateSettings(patch: SettingsPatch): Promise<void> {
    apply(await api.call('project.updateSettings', patch))
  }

  async function setReferenceDevice(device: string): Promise<void> {
    await updateSettings({ referenceDevice: device })
  }

  return {
    project,
    revision,
    busy,
    isOpen,
    path,
    name,
    settings,
    sources,
    counts,
    devices,
    referenceDevice,
    apply,
    loadCurrent,
    open,
    create,
    openDemo,
    updateSettings,
    setReferenceDevice,
  }
})
