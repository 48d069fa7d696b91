// The open project as main describes it (ProjectView), kept current by `project.changed`. It is
// the one place the renderer reads the reference device from: a project setting that main keeps
// the current estimate in step with.
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
  /** Moves when sources, recordings or summaries change (what the recordings table shows). */
  const recordingsRevision = computed(() => project.value?.recordingsRevision ?? null)
  /** The reference asked for and not yet confirmed by main (the latest choice), or null. */
  const referencePending = ref<string | null>(null)

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

  let referenceCall: Promise<void> | null = null

  /**
   * Makes `device` the reference; main recomputes the current estimate towards it and announces
   * both with one `project.changed`. One call at a time: a choice made meanwhile is sent after
   * it (only the latest one), and a choice equal to the reference is not sent at all.
   */
  async function setReference(device: string): Promise<void> {
    if (!referenceCall && device === referenceDevice.value) return
    referencePending.value = device
    referenceCall ??= sendReferences().finally(() => {
      referencePending.value = null
      referenceCall = null
    })
    return referenceCall
  }

  async function sendReferences(): Promise<void> {
    let sent: string | null = null
    while (referencePending.value !== null && referencePending.value !== sent) {
      sent = referencePending.value
      const forPath = path.value
      try {
        const view = await api.call('project.setReference', { device: sent })
        // The answer repeats the event, which has usually arrived first.
        const s = view.settings
        const known = project.value?.settings
        const news =
          s.referenceDevice !== known?.referenceDevice ||
          s.currentEstimateId !== known?.currentEstimateId
        if (path.value === forPath && news) apply(view)
      } catch (e) {
        // A failed choice that a newer one has replaced is of no interest any more.
        if (referencePending.value === sent) throw e
      }
    }
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
    recordingsRevision,
    referencePending,
    apply,
    loadCurrent,
    open,
    create,
    openDemo,
    updateSettings,
    setReference,
  }
})
