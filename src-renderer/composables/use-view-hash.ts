// The current view mirrored in location.hash ('#/sources', '#/recording/42'), so a reload keeps
// it and the browser's back button works.
import { onScopeDispose, watch } from 'vue'
import { useAppStore } from '../stores/app'
import { useRecordingsStore } from '../stores/recordings'
import { isViewId, type ViewId } from '../view-ids'

/** The view and recording id a hash names, or null for anything else. */
export function parseViewHash(hash: string): { view: ViewId; id: number | null } | null {
  const [name, arg] = hash.replace(/^#\/?/, '').split('/')
  if (!isViewId(name)) return null
  const id = arg !== undefined && /^\d+$/.test(arg) ? Number(arg) : null
  return { view: name, id }
}

export function viewHash(view: ViewId, id: number | null): string {
  return view === 'recording' && id !== null ? `#/recording/${id}` : `#/${view}`
}

export function useViewHash(): void {
  const app = useAppStore()
  const recordings = useRecordingsStore()

  const fromHash = (): void => {
    const parsed = parseViewHash(window.location.hash)
    if (!parsed) return
    if (parsed.view === 'recording') {
      if (parsed.id === null) return
      recordings.openDetail(parsed.id)
    } else app.go(parsed.view)
  }
  fromHash()
  window.addEventListener('hashchange', fromHash)
  onScopeDispose(() => window.removeEventListener('hashchange', fromHash))

  watch(
    () => viewHash(app.view, recordings.detailId),
    (hash) => {
      if (window.location.hash !== hash) window.location.hash = hash
    },
    { immediate: true },
  )
}
