// A BackendApi for transport tests: validates with the contract's schemas like the real one,
// answers a few methods, emits events on demand and serves media from memory.
import { EventEmitter } from 'node:events'
import type { Events, MethodName, Response } from '@shared/api/contract'
import { REQUESTS } from '@shared/api/schemas'
import {
  BackendError,
  type BackendApi,
  type MediaBody,
  type MediaRequest,
} from '../../../src-main/backend/types'

export class FakeBackend implements BackendApi {
  readonly calls: { method: MethodName; payload: unknown }[] = []
  readonly media_ = new Map<string, MediaBody>()
  private readonly events = new EventEmitter()

  async handle<M extends MethodName>(method: M, payload: unknown): Promise<Response<M>> {
    this.calls.push({ method, payload })
    const parsed = REQUESTS[method].safeParse(payload ?? {})
    if (!parsed.success) throw new BackendError('invalid-request', `${method}: bad request`)
    if (method === 'app.info') {
      return {
        name: 'scw',
        version: '0',
        transport: 'browser',
        nativeDialogs: false,
        recent: [],
        demoDir: '/demo',
      } as unknown as Response<M>
    }
    if (method === 'project.current') throw new BackendError('no-project', 'open a project first')
    if (method === 'recordings.detail') throw new BackendError('not-found', 'no recording 99')
    if (method === 'jobs.list') throw new Error('disk on fire')
    return null as Response<M>
  }

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.events.on(event, listener)
    return () => this.events.off(event, listener)
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    this.events.emit(event, payload)
  }

  listeners(event: keyof Events): number {
    return this.events.listenerCount(event)
  }

  async media(request: MediaRequest): Promise<MediaBody | null> {
    if (request.kind === 'corrected' && request.recordingId === 7) {
      throw new BackendError('not-found', 'no correction for device x')
    }
    return this.media_.get(`${request.kind}/${request.recordingId}/${request.method ?? ''}`) ?? null
  }
}
