// Debouncing for inputs that trigger work in main (previews, searches, recomputes).
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'

export interface DebounceOptions<T> {
  /** Changes to take at once (a choice in a list), while typed text waits to rest. */
  now?: (next: T, prev: T) => boolean
}

/** A ref that takes the value of `source` once it has stayed unchanged for `delayMs`. */
export function useDebounced<T>(
  source: MaybeRefOrGetter<T>,
  delayMs: number,
  options: DebounceOptions<T> = {},
): Ref<T> {
  const value = ref(toValue(source)) as Ref<T>
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => toValue(source),
    (next, prev) => {
      clearTimeout(timer)
      if (options.now?.(next, prev)) value.value = next
      else timer = setTimeout(() => (value.value = next), delayMs)
    },
  )
  onScopeDispose(() => clearTimeout(timer))
  return value
}

/** How long typed numbers must rest before they ask main for work. */
export const TYPING_DELAY_MS = 450
