// The shell's state: what main told us about itself, the event channel, the theme, the current
// view, and the errors waiting to be read.
import { defineStore } from 'pinia'
import { computed, ref, type Ref } from 'vue'
import type { MethodName } from '@shared/api/contract'
import type { AppInfo, FolderListing } from '@shared/api/views'
import type { RequestOf } from '@shared/api/schemas'
import { api, ApiError, type ApiErrorCode, type ConnectionState } from '../api'
import type { ViewId } from '../view-ids'

export type Theme = 'light' | 'dark'

export interface ShownError {
  id: number
  message: string
  code: ApiErrorCode | 'bug'
  /** The method whose call failed: a later success of it takes the error away. */
  method: MethodName | null
}

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const connection = ref<ConnectionState>('connecting')
  /** The user's explicit choice; null follows the system. */
  const themeChoice = ref<Theme | null>(null)
  const systemTheme = ref<Theme>('light')
  const view = ref<ViewId>('projects')
  const errors = ref<ShownError[]>([])
  let nextErrorId = 1

  const transport = computed(() => info.value?.transport ?? null)
  const nativeDialogs = computed(() => info.value?.nativeDialogs ?? false)
  const theme = computed<Theme>(() => themeChoice.value ?? systemTheme.value)

  let following = false
  /** Follows the event channel's state (once) and loads the app info. */
  async function init(): Promise<void> {
    if (!following) {
      api.onConnection((state) => (connection.value = state))
      // An error stays only until the call that failed succeeds.
      api.onSuccess((method) => {
        if (errors.value.some((e) => e.method === method))
          errors.value = errors.value.filter((e) => e.method !== method)
      })
      following = true
    }
    info.value = await api.call('app.info')
  }

  /** Reloads the app info (e.g. the recent list after opening a project). */
  async function refreshInfo(): Promise<void> {
    info.value = await api.call('app.info')
  }

  function go(next: ViewId): void {
    view.value = next
  }

  function toggleTheme(): void {
    themeChoice.value = theme.value === 'dark' ? 'light' : 'dark'
  }

  /** Shows `e` to the user; ApiErrors by their message, anything else as a bug. */
  /**
   * A failure handler for one place in the UI: a failure main reports (an ApiError) is shown
   * there, in `message`; anything else is a bug for the shell's error list.
   */
  function failureInto(message: Ref<string | null>): (e: unknown) => void {
    return (e) => {
      if (e instanceof ApiError) message.value = e.message
      else report(e)
    }
  }

  function report(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e)
    const code: ShownError['code'] = e instanceof ApiError ? e.code : 'bug'
    const method = e instanceof ApiError ? e.method : null
    if (errors.value.some((x) => x.message === message)) return
    errors.value = [...errors.value, { id: nextErrorId++, message, code, method }].slice(-5)
  }

  function dismiss(id: number): void {
    errors.value = errors.value.filter((e) => e.id !== id)
  }

  /** A path from the native dialog (Electron), or null when cancelled or unavailable. */
  async function pickPath(
    kind: RequestOf<'system.pickPath'>['kind'],
    title?: string,
  ): Promise<string | null> {
    if (!nativeDialogs.value) return null
    return api.call('system.pickPath', { kind, title })
  }

  /** A folder's subfolders and audio counts (browser mode's folder browser); none: home. */
  async function listFolder(path?: string): Promise<FolderListing> {
    return api.call('system.listFolder', path ? { path } : {})
  }

  async function reveal(path: string): Promise<boolean> {
    return nativeDialogs.value ? api.call('system.reveal', { path }) : false
  }

  return {
    failureInto,
    info,
    connection,
    themeChoice,
    systemTheme,
    view,
    errors,
    transport,
    nativeDialogs,
    theme,
    init,
    refreshInfo,
    go,
    toggleTheme,
    report,
    dismiss,
    pickPath,
    listFolder,
    reveal,
  }
})
