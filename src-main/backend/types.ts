// What the transports (Electron IPC in src-main/ipc, browser mode in src-main/server) need of
// the backend: validated method calls, events, and audio by recording id.
import type { Events, MethodName, Response } from '@shared/api/contract'

/** A failure reported to the renderer; `code` is stable, `message` is for people. */
export class BackendError extends Error {
  constructor(
    readonly code: 'invalid-request' | 'no-project' | 'not-found' | 'failed',
    message: string,
  ) {
    super(message)
    this.name = 'BackendError'
  }
}

/** Audio for the renderer: a file on disk or bytes in memory, never chosen by path. */
export interface MediaBody {
  /** Absolute path of the indexed file (originals), or undefined when `bytes` is given. */
  path?: string
  /** The bytes (corrected previews, rendered on demand). */
  bytes?: Uint8Array
  size: number
  contentType: string
}

export interface MediaRequest {
  kind: 'recording' | 'corrected'
  recordingId: number
  method?: 'fir' | 'stft'
}

export interface BackendApi {
  /** Validates `payload` against the contract and runs the method. Throws BackendError. */
  handle<M extends MethodName>(method: M, payload: unknown): Promise<Response<M>>
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void
  /** The audio of an indexed recording, or its corrected preview; null when not indexed. */
  media(request: MediaRequest): Promise<MediaBody | null>
}
