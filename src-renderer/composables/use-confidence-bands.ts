// Bootstrap confidence bands around the current estimate, on request: shown or not, how many
// resamples (typed: loads once it rests) and the level. They load again with every new estimate.
//
//   const bands = useConfidenceBands()   // bands.shown: BandsView | null, for the plot
import type { BandsView } from '@shared/api/views'
import { computed, ref, watch, type ComputedRef, type Ref } from 'vue'
import { useEstimateStore } from '../stores/estimate'
import { TYPING_DELAY_MS, useDebounced } from './use-debounced'
import { useAppStore } from '../stores/app'

export const BAND_LEVELS = ['0.9', '0.95', '0.99'] as const

export interface ConfidenceBandsState {
  show: Ref<boolean>
  /** As typed: a number, or '' when empty. */
  iterations: Ref<number | string>
  level: Ref<string>
  loading: Ref<boolean>
  error: Ref<string | null>
  /** The bands to draw: null while hidden or not loaded. */
  shown: ComputedRef<BandsView | null>
}

export function useConfidenceBands(): ConfidenceBandsState {
  const estimate = useEstimateStore()
  const show = ref(false)
  const iterations = ref<number | string>(100)
  const level = ref<string>('0.95')
  const loading = ref(false)
  const error = ref<string | null>(null)
  const failed = useAppStore().failureInto(error)
  const settledIterations = useDebounced(iterations, TYPING_DELAY_MS)

  async function load(): Promise<void> {
    const n = Number(settledIterations.value)
    if (!Number.isInteger(n) || n < 2 || n > 2000) {
      error.value = `Resamples: ${settledIterations.value} is not a whole number from 2 to 2000`
      return
    }
    loading.value = true
    error.value = null
    try {
      await estimate.loadBands({ iterations: n, level: Number(level.value) })
    } catch (e) {
      failed(e)
    } finally {
      loading.value = false
    }
  }

  watch([show, settledIterations, level, () => estimate.current?.id], () => {
    if (show.value && estimate.current) void load()
    // Hidden bands have nothing to complain about.
    else if (!show.value) error.value = null
  })

  const shown = computed(() => (show.value ? estimate.bands : null))

  return { show, iterations, level, loading, error, shown }
}
