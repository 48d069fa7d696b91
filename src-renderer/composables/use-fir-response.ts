// A device's FIR designed from the current estimate: which device, how many taps (typed: loads
// once they rest; none: the policy's, what export applies), at which rate (none: the device's
// files' own), the paper's exact design or not, and the realised response main measures. Each new estimate
// gets its response anew; the device stays while the estimate has it, unless it has just become
// the reference (whose filter is the identity), else the first device besides the reference.
//
//   const fir = useFirResponse()   // v-model fir.settings on FirPanel
import { computed, ref, watch, type ComputedRef, type Ref } from 'vue'
import { parseOptionalTaps, parseSampleRate, type FirSettings } from '../forms/fir-form'
import { useEstimateStore } from '../stores/estimate'
import { TYPING_DELAY_MS, useDebounced } from './use-debounced'
import { useAppStore } from '../stores/app'

export interface FirResponseState {
  settings: Ref<FirSettings>
  taps: ComputedRef<ReturnType<typeof parseOptionalTaps>>
  rate: ComputedRef<ReturnType<typeof parseSampleRate>>
  /** The devices of the current estimate, sorted. */
  devices: ComputedRef<string[]>
  loading: Ref<boolean>
  /** Invalid settings, or why main could not design the filter. */
  error: ComputedRef<string | null>
}

export function useFirResponse(): FirResponseState {
  const estimate = useEstimateStore()
  const settings = ref<FirSettings>({ device: '', taps: '', sampleRate: '', paperExact: false })
  const taps = computed(() => parseOptionalTaps(settings.value.taps))
  const rate = computed(() => parseSampleRate(settings.value.sampleRate))
  const failure = ref<string | null>(null)
  const failed = useAppStore().failureInto(failure)
  const loading = ref(false)
  const devices = computed(() => Object.keys(estimate.current?.devices ?? {}).sort())
  const error = computed(() => {
    if ('error' in taps.value) return taps.value.error
    if ('error' in rate.value) return rate.value.error
    return failure.value
  })

  const settled = useDebounced(settings, TYPING_DELAY_MS, {
    now: (next, prev) =>
      next.device !== prev.device ||
      next.sampleRate !== prev.sampleRate ||
      next.paperExact !== prev.paperExact,
  })

  async function load(): Promise<void> {
    const { device } = settled.value
    const t = parseOptionalTaps(settled.value.taps)
    const r = parseSampleRate(settled.value.sampleRate)
    if (!estimate.current?.devices[device] || 'error' in t || 'error' in r) return
    loading.value = true
    try {
      const paperExact = settled.value.paperExact ? { paperExact: true } : {}
      await estimate.loadFirResponse({ device, ...t, ...r, ...paperExact })
      failure.value = null
    } catch (e) {
      failed(e)
    } finally {
      loading.value = false
    }
  }

  watch(
    () => estimate.current,
    (e, before) => {
      if (!e) return
      const device = settings.value.device
      const becameReference = before?.reference !== e.reference && device === e.reference
      if (e.devices[device] && !becameReference) return
      const next = devices.value.find((d) => d !== e.reference) ?? devices.value[0]
      if (next) settings.value = { ...settings.value, device: next }
    },
    { immediate: true },
  )
  watch([settled, () => estimate.current?.id], () => void load(), { immediate: true })

  return { settings, taps, rate, devices, loading, error }
}
