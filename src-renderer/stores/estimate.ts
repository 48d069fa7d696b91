// The correction estimate: the current one, the request that makes the next one (variant,
// reference, subset, regularisation), confidence bands and the FIR response of a device.
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { EstimateRequestInput, RequestOf } from '@shared/api/schemas'
import type { Regularization } from '@shared/dsp/regularize'
import type { BandsView, DownloadView, EstimateView, FirResponseView } from '@shared/api/views'
import { api } from '../api'
import { useProjectStore } from './project'

export type BandsOptions = Omit<RequestOf<'estimate.bands'>, 'request'>
export type FirResponseRequest = RequestOf<'estimate.firResponse'>
export type DownloadRequest = RequestOf<'estimate.download'>

function regularizationInput(r: Regularization): EstimateRequestInput['regularization'] {
  const { bandHz, ...rest } = r
  return bandHz ? { ...rest, bandHz: [bandHz[0], bandHz[1]] } : rest
}

export const useEstimateStore = defineStore('estimate', () => {
  const project = useProjectStore()
  const current = shallowRef<EstimateView | null>(null)
  /** The settings of the next `compute` (and of the bands); empty fields use the project's. */
  const request = ref<EstimateRequestInput>({})
  const bands = shallowRef<BandsView | null>(null)
  const firResponse = shallowRef<FirResponseView | null>(null)
  const computing = ref(false)

  /** The request as the project's settings say (what `compute()` with no edits would use). */
  function requestFromProject(): EstimateRequestInput {
    const s = project.settings
    if (!s) return {}
    return {
      variant: s.estimate.variant,
      ...(s.referenceDevice ? { reference: s.referenceDevice } : {}),
      maxPerDevice: s.estimate.maxPerDevice,
      seed: s.estimate.seed,
      regularization: regularizationInput(s.estimate.regularization),
    }
  }

  watch(
    () => project.path,
    () => {
      current.value = null
      bands.value = null
      firResponse.value = null
      request.value = requestFromProject()
    },
    { immediate: true },
  )

  async function loadCurrent(): Promise<void> {
    current.value = await api.call('estimate.current')
  }

  // Answers can arrive out of order (a slow bootstrap after a quick recompute): each kind of
  // request keeps only the answer to its latest call.
  const latest = { compute: 0, bands: 0, fir: 0 }

  /** Computes an estimate with `request`; it becomes the project's current one. */
  async function compute(): Promise<EstimateView> {
    const ticket = ++latest.compute
    computing.value = true
    try {
      const next = await api.call('estimate.compute', request.value)
      if (ticket !== latest.compute) return next
      if (next.id !== current.value?.id) {
        bands.value = null
        firResponse.value = null
      }
      current.value = next
      return next
    } finally {
      if (ticket === latest.compute) computing.value = false
    }
  }

  async function loadBands(options: BandsOptions = {}): Promise<void> {
    const ticket = ++latest.bands
    const next = await api.call('estimate.bands', { request: request.value, ...options })
    if (ticket === latest.bands) bands.value = next
  }

  async function loadFirResponse(req: FirResponseRequest): Promise<void> {
    const ticket = ++latest.fir
    const next = await api.call('estimate.firResponse', req)
    if (ticket === latest.fir) firResponse.value = next
  }

  /** A file for the user: coefficients as JSON/CSV, or a device's FIR as WAV/SoX. */
  async function download(req: DownloadRequest): Promise<DownloadView> {
    return api.call('estimate.download', req)
  }

  return {
    current,
    request,
    bands,
    firResponse,
    computing,
    requestFromProject,
    loadCurrent,
    compute,
    loadBands,
    loadFirResponse,
    download,
  }
})
