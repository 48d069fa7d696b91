// The correction estimate the project uses, its confidence bands and the FIR response of a device.
// Main owns the current estimate: the project's settings name it (`currentEstimateId`) and every
// change arrives with `project.changed`, so this store follows the project store and never keeps
// a reference of its own. Answers may land out of order (a slow fetch after a quick recompute):
// each kind keeps the answer to its newest request only, and bands and FIR responses are dropped
// when the estimate they were made for is no longer the one shown.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { RequestOf } from '@shared/api/schemas'
import type { Regularization } from '@shared/dsp/regularize'
import type { BandsView, DownloadView, EstimateView, FirResponseView } from '@shared/api/views'
import { api } from '../api'
import { useProjectStore } from './project'

/** How an estimate is made, towards the project's reference. */
export type ComputeRequest = RequestOf<'estimate.compute'>
export type BandsOptions = Omit<RequestOf<'estimate.bands'>, 'request'>
export type FirResponseRequest = RequestOf<'estimate.firResponse'>
export type DownloadRequest = RequestOf<'estimate.download'>

function regularizationInput(r: Regularization): ComputeRequest['regularization'] {
  const { bandHz, ...rest } = r
  return bandHz ? { ...rest, bandHz: [bandHz[0], bandHz[1]] } : rest
}

/** A request in a canonical form, so equal settings compare equal whatever their key order. */
export function requestKey(r: ComputeRequest): string {
  const g = r.regularization ?? {}
  return JSON.stringify([
    r.variant ?? null,
    r.maxPerDevice ?? null,
    r.seed ?? null,
    g.smoothingOctaves || null,
    g.maxBoostDb ?? null,
    g.maxCutDb ?? null,
    g.bandHz ?? null,
    r.frameGating ?? false,
  ])
}

export const useEstimateStore = defineStore('estimate', () => {
  const project = useProjectStore()
  const current = shallowRef<EstimateView | null>(null)
  const bands = shallowRef<BandsView | null>(null)
  const firResponse = shallowRef<FirResponseView | null>(null)
  /** A compute is on its way. */
  const computing = ref(false)
  /** The estimate main names is being fetched. */
  const fetching = ref(false)
  /** The curves shown are about to be replaced (a compute, a reference change or a fetch). */
  const recomputing = computed(
    () => computing.value || fetching.value || project.referencePending !== null,
  )

  /** The settings the current estimate was made with, as main keeps them in the project. */
  function requestFromProject(): ComputeRequest {
    const s = project.settings
    if (!s) return {}
    return {
      variant: s.estimate.variant,
      maxPerDevice: s.estimate.maxPerDevice,
      seed: s.estimate.seed,
      regularization: regularizationInput(s.estimate.regularization),
      frameGating: s.estimate.frameGating ?? false,
    }
  }

  // Every request answered with the current estimate takes a ticket; an answer older than the
  // one shown is dropped.
  let issued = 0
  let shownTicket = 0
  let fetches = 0
  /** Tickets of the newest bands and FIR requests. */
  const latest = { bands: 0, fir: 0 }

  function show(ticket: number, view: EstimateView | null): void {
    if (ticket < shownTicket) return
    shownTicket = ticket
    if (view?.id !== current.value?.id) {
      bands.value = null
      firResponse.value = null
    }
    current.value = view
  }

  /** Fetches the project's current estimate. */
  async function loadCurrent(): Promise<void> {
    const ticket = ++issued
    fetches++
    fetching.value = true
    try {
      show(ticket, await api.call('estimate.current'))
    } finally {
      fetching.value = --fetches > 0
    }
  }

  /** Fetches the estimate main names when it is not the one shown (and no compute brings it). */
  function follow(): void {
    const id = project.settings?.currentEstimateId ?? null
    if (id === (current.value?.id ?? null) || computing.value) return
    if (id === null) show(++issued, null)
    else void loadCurrent().catch(() => {})
  }

  watch(
    () => [project.path, project.settings?.currentEstimateId] as const,
    ([path], before) => {
      if (before && path !== before[0]) {
        // Another project: answers still on their way belong to the one before.
        shownTicket = ++issued
        current.value = null
        bands.value = null
        firResponse.value = null
      }
      follow()
    },
    { immediate: true },
  )

  let queued: ComputeRequest | null = null

  /**
   * Computes an estimate with `request`; main makes it the project's current one. One compute at
   * a time: a request made meanwhile waits, and only the latest waiting one is sent. A request
   * equal to the settings of the project's estimate is not sent unless `force` (new recordings).
   */
  async function compute(request: ComputeRequest, { force = false } = {}): Promise<void> {
    const unchanged = requestKey(request) === requestKey(requestFromProject())
    const made = (project.settings?.currentEstimateId ?? null) !== null
    if (!force && unchanged && made && !computing.value) return
    if (computing.value) {
      queued = request
      return
    }
    computing.value = true
    try {
      const ticket = ++issued
      show(ticket, await api.call('estimate.compute', request))
    } finally {
      computing.value = false
      const next = queued
      queued = null
      if (next) await compute(next)
      else follow()
    }
  }

  /** Bootstrap bands around the current estimate (its settings, the project's reference). */
  async function loadBands(options: BandsOptions = {}): Promise<void> {
    const forId = current.value?.id
    const ticket = ++latest.bands
    const next = await api.call('estimate.bands', { request: requestFromProject(), ...options })
    if (ticket === latest.bands && forId === current.value?.id) bands.value = next
  }

  /** The realised response of a device's FIR, designed from the current estimate. */
  async function loadFirResponse(req: FirResponseRequest): Promise<void> {
    const forId = current.value?.id
    const ticket = ++latest.fir
    const next = await api.call('estimate.firResponse', req)
    if (ticket === latest.fir && forId === current.value?.id) firResponse.value = next
  }
  /** A file for the user: coefficients as JSON/CSV, or a device's FIR as WAV/SoX. */
  async function download(req: DownloadRequest): Promise<DownloadView> {
    return api.call('estimate.download', req)
  }

  return {
    current,
    bands,
    firResponse,
    computing,
    fetching,
    recomputing,
    requestFromProject,
    loadCurrent,
    compute,
    loadBands,
    loadFirResponse,
    download,
  }
})
