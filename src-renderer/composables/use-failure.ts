// Failures of calls to main: those main reports (an ApiError) are shown where they happened;
// anything else is a bug for the shell to show.
import type { Ref } from 'vue'
import { ApiError } from '../api'
import { useAppStore } from '../stores/app'

/** A handler that puts main's message into `message`, and reports anything else. */
export function useFailure(message: Ref<string | null>): (e: unknown) => void {
  const app = useAppStore()
  return (e) => {
    if (e instanceof ApiError) message.value = e.message
    else app.report(e)
  }
}
