// The folder browser's state: the folder listed, loading, and why a folder could not be listed
// (main refuses folders outside home and the folders the user named). Only the newest answer is
// kept.
//
//   const browser = useFolderBrowser()
//   await browser.go('/data')
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { FolderListing } from '@shared/api/views'
import { useAppStore } from '../stores/app'

export interface FolderBrowserState {
  listing: ShallowRef<FolderListing | null>
  loading: Ref<boolean>
  error: Ref<string | null>
  /** Lists `path` (none: the home folder); on a refusal the listing before stays. */
  go: (path?: string) => Promise<void>
}

export function useFolderBrowser(): FolderBrowserState {
  const app = useAppStore()
  const listing = shallowRef<FolderListing | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const failed = app.failureInto(error)
  let seq = 0

  async function go(path?: string): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const next = await app.listFolder(path)
      if (mine !== seq) return
      listing.value = next
      error.value = null
    } catch (e) {
      if (mine === seq) failed(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  return { listing, loading, error, go }
}
