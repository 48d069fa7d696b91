// The Correction view's estimate settings: the form, and the recomputes it asks for. Choices
// (variant, subset) recompute at once, typed numbers once they rest; the store sends one compute
// at a time and skips settings that are already in effect. The reference is not part of the form:
// it is the project's, changed with `project.setReference`.
//
//   const { form, parsed, error, recompute, limitBoost } = useEstimateForm()
import { computed, onMounted, ref, watch, type ComputedRef, type Ref } from 'vue'
import {
  changedFields,
  formOf,
  NUMBER_FIELDS,
  parseForm,
  type EstimateForm,
  type ParsedForm,
} from '../forms/estimate-form'
import { useEstimateStore } from '../stores/estimate'
import { useProjectStore } from '../stores/project'
import { TYPING_DELAY_MS, useDebounced } from './use-debounced'
import { useAppStore } from '../stores/app'

export interface EstimateFormState {
  form: Ref<EstimateForm>
  parsed: ComputedRef<ParsedForm>
  /** Why the last compute failed, as main said. */
  error: Ref<string | null>
  /** Computes with the form as it is; `force` even when its settings are in effect. */
  recompute: (force?: boolean) => Promise<void>
  /** The FIR panel's remedy: a boost limit, applied at once. */
  limitBoost: (maxBoostDb: number) => void
}

export function useEstimateForm(): EstimateFormState {
  const project = useProjectStore()
  const estimate = useEstimateStore()
  const form = ref<EstimateForm>(formOf(estimate.requestFromProject()))
  const parsed = computed(() => parseForm(form.value))
  const error = ref<string | null>(null)
  const failed = useAppStore().failureInto(error)

  const settled = useDebounced(form, TYPING_DELAY_MS, {
    now: (next, prev) => changedFields(prev, next).some((f) => !NUMBER_FIELDS.includes(f)),
  })

  async function recompute(force = false, which: EstimateForm = form.value): Promise<void> {
    const request = parseForm(which).request
    if (!request || !project.referenceDevice) return
    try {
      await estimate.compute(request, { force })
      error.value = null
    } catch (e) {
      failed(e)
    }
  }

  watch(settled, (next) => void recompute(false, next))

  function limitBoost(maxBoostDb: number): void {
    form.value = { ...form.value, maxBoostDb: String(maxBoostDb) }
    void recompute()
  }

  /** A project with a reference and analysed recordings but no estimate yet gets one. */
  function computeIfMissing(): void {
    const s = project.settings
    const analysed = (project.counts?.analysed ?? 0) > 0
    if (s?.referenceDevice && s.currentEstimateId === null && analysed) void recompute(true)
  }

  // Another project (or the first, loaded after the view) brings its own settings.
  watch(
    () => project.path,
    () => {
      form.value = formOf(estimate.requestFromProject())
      computeIfMissing()
    },
  )
  onMounted(computeIfMissing)

  return { form, parsed, error, recompute, limitBoost }
}
