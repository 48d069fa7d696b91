// Debouncing for inputs that trigger work in main (previews, searches).
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'

/** A ref that takes the value of `source` once it has stayed unchanged for `delayMs`. */
export function useDebounced<T>(source: MaybeRefOrGetter<T>, delayMs: number): Ref<T> {
  const value = ref(toValue(source)) as Ref<T>
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => toValue(source),
    (next) => {
      clearTimeout(timer)
      timer = setTimeout(() => (value.value = next), delayMs)
    },
  )
  onScopeDispose(() => clearTimeout(timer))
  return value
}
