// A test double of the contract's Transport: answers from per-method handlers, records every
// call, and emits events on demand.
import type {
  ContractError,
  Events,
  MethodName,
  Request,
  Response,
  Transport,
} from '@shared/api/contract'
import { encodeRecordingColumns, type RecordingColumns } from '@shared/api/recording-columns'
import type {
  AppInfo,
  EstimateView,
  FirResponseView,
  ProjectView,
  RecordingRow,
} from '@shared/api/views'
import { DEFAULT_SETTINGS, type ProjectSettings } from '@shared/model/project'

type Handler<M extends MethodName> = (request: Request<M>) => Response<M> | Promise<Response<M>>
export type Handlers = { [M in MethodName]?: Handler<M> }

export class FakeTransport implements Transport {
  readonly calls: { method: MethodName; request: unknown }[] = []
  private readonly listeners = new Map<string, Set<(payload: never) => void>>()

  constructor(public handlers: Handlers = {}) {}

  async call<M extends MethodName>(method: M, request: Request<M>): Promise<Response<M>> {
    this.calls.push({ method, request })
    const handler = this.handlers[method] as Handler<M> | undefined
    if (!handler) throw { code: 'failed', message: `no fake for ${method}` } satisfies ContractError
    return handler(request)
  }

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => void set.delete(listener)
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: Events[E]) => void)(payload)
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0
  }

  mediaUrl(recordingId: number, corrected?: { method: 'fir' | 'stft' }): string {
    return `fake-media://${recordingId}${corrected ? `?method=${corrected.method}` : ''}`
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request)
  }
}

export function appInfo(patch: Partial<AppInfo> = {}): AppInfo {
  return {
    name: 'Spectrum Correction Workbench',
    version: '0.0.0',
    transport: 'browser',
    nativeDialogs: false,
    recent: [],
    demoDir: '/tmp/demo',
    ...patch,
  }
}

export function projectView(patch: Partial<ProjectView> = {}): ProjectView {
  return {
    path: '/data/p.scw',
    name: 'p',
    settings: { ...DEFAULT_SETTINGS, referenceDevice: 'a' },
    sources: [],
    counts: {
      recordings: 0,
      devices: 0,
      analysed: 0,
      silent: 0,
      failed: 0,
      pending: 0,
      unreadable: 0,
      missing: 0,
      seconds: 0,
    },
    devices: [],
    recordingsRevision: 'r1',
    ...patch,
  }
}

/** What `recordings.table` answers for `rows` at `revision` (projectView()'s by default). */
export function recordingsTable(
  rows: readonly RecordingRow[],
  revision = projectView().recordingsRevision,
): RecordingColumns {
  return encodeRecordingColumns(rows, revision)
}

/** A project view whose settings differ from projectView()'s in `settings`. */
export function projectWith(
  settings: Partial<ProjectSettings>,
  patch: Partial<ProjectView> = {},
): ProjectView {
  return projectView({ settings: { ...projectView().settings, ...settings }, ...patch })
}

export function recordingRow(id: number, patch: Partial<RecordingRow> = {}): RecordingRow {
  return {
    id,
    sourceId: 1,
    path: `file-${id}.wav`,
    device: 'a',
    scene: 'park',
    group: null,
    status: 'ok',
    analysis: 'done',
    error: null,
    durationSec: 10,
    sampleRate: 44100,
    channels: 1,
    format: 'wav',
    manualLabels: false,
    clippedSamples: 0,
    warnings: [],
    ...patch,
  }
}

/** An estimate at the default settings with no devices, for tests that need only some fields. */
export function estimateStub(patch: Partial<EstimateView> = {}): EstimateView {
  return {
    id: 1,
    createdAt: '',
    variant: 'unaligned',
    reference: 'a',
    sampleRate: 44100,
    nFft: 2048,
    hopLength: 512,
    maxPerDevice: null,
    seed: 0,
    frequencies: [],
    devices: {},
    missing: [],
    warnings: [],
    frameGating: false,
    validBands: {},
    gating: [],
    ...patch,
  }
}

/**
 * A FIR response as main sends it: the policy's filter for the device's files at `sampleRate`,
 * with its error against the target over the band and the predicted distances.
 */
export function firResponseStub(
  device: string,
  patch: Partial<Omit<FirResponseView, 'correction'>> & {
    correction?: Partial<FirResponseView['correction']>
  } = {},
): FirResponseView {
  const { correction, ...rest } = patch
  const taps = rest.taps ?? 1025
  const sampleRate = rest.sampleRate ?? 44100
  return {
    device,
    taps,
    sampleRate,
    deviceRates: [sampleRate],
    policy: 'fir',
    frequencies: [0],
    targetDb: [0],
    coefficientsDb: [0],
    realisedDb: [0],
    ...rest,
    correction: {
      sampleRate,
      files: 1,
      kind: 'fir',
      taps,
      design: 'relative-ls',
      bandHz: [20, sampleRate / 2],
      errorRmsDb: 0,
      errorMaxDb: 0,
      errorMaxAtHz: null,
      beforeDb: 1,
      afterDb: 0.1,
      reasons: [],
      overrides: [],
      ...correction,
    },
  }
}
