// How well the current correction works (evaluate.run), held out and as export realises it:
// per-device RMS distance of the mean spectrum from the reference's over a band, before and
// after, and a device classifier's accuracy and confusion before and after. Cleared when another
// project opens.
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { EvaluationView } from '@shared/api/views'
import { api } from '../api'
import { useProjectStore } from './project'

/** The band the paper's comparisons use by default, Hz. */
export const DEFAULT_BAND_HZ: [number, number] = [100, 10_000]

/** The correction scored: as export would apply it with these choices (none: the policy's). */
export interface EvaluationChoice {
  method?: 'fir' | 'stft'
  taps?: number
  paperExact?: boolean
}

export const useEvaluationStore = defineStore('evaluation', () => {
  const project = useProjectStore()
  const result = shallowRef<EvaluationView | null>(null)
  /** The band of the next run (and of `result` once it arrives), Hz. */
  const bandHz = ref<[number, number]>([...DEFAULT_BAND_HZ])
  const running = ref(false)
  let seq = 0

  watch(
    () => project.path,
    () => {
      seq++
      result.value = null
      running.value = false
      bandHz.value = [...DEFAULT_BAND_HZ]
    },
  )

  /** Evaluates the current estimate over `nextHz` (default: the band); the latest call wins. */
  async function run(
    nextHz: [number, number] = bandHz.value,
    choice: EvaluationChoice = {},
  ): Promise<EvaluationView | null> {
    const mine = ++seq
    bandHz.value = [nextHz[0], nextHz[1]]
    running.value = true
    try {
      const view = await api.call('evaluate.run', { bandHz: [nextHz[0], nextHz[1]], ...choice })
      if (mine !== seq) return null
      result.value = view
      return view
    } finally {
      if (mine === seq) running.value = false
    }
  }

  return { result, bandHz, running, run }
})
