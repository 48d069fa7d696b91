// How the renderer reaches main, per transport. In Electron the preload exposes `window.scw`
// (the ScwBridge below); in browser mode there is no `window.scw` and the renderer uses the HTTP
// routes documented in src-main/server/server.ts. Media URLs for both are built here so that
// main parses exactly what the renderer builds.
import type { ContractError, Events, Request, Response } from './contract'
import type { EventName, MethodName } from './methods'

/**
 * What a method call settles to, in both transports: never a rejection for a contract failure.
 * contextBridge copies only the message of a thrown Error (custom fields such as `code` are
 * lost), so the error travels as data and `src-renderer/api` turns it into a thrown error there.
 */
export type CallResult<M extends MethodName> = { result: Response<M> } | { error: ContractError }

/** One function per contract method, keyed by the method's full name (`'project.open'`). */
export type BridgeMethods = {
  readonly [M in MethodName]: (request: Request<M>) => Promise<CallResult<M>>
}

/**
 * `window.scw` in Electron. Methods are flat, keyed by their contract name, so a generic
 * `call(method, request)` is `window.scw.methods[method](request)`; they sit under `methods` so
 * that no method name can collide with `on` or `transport`.
 */
export interface ScwBridge {
  readonly transport: 'electron'
  readonly methods: BridgeMethods
  /** Subscribes to a backend event; returns the unsubscribe. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

/** The privileged scheme that serves audio in Electron. */
export const MEDIA_SCHEME = 'scw-media'

/** Which audio: the recording as indexed, or its preview corrected with the current estimate. */
export type MediaCorrection = { method: 'fir' | 'stft' } | undefined

/** `scw-media://recording/<id>` or `scw-media://corrected/<id>?method=fir|stft` (Electron). */
export function electronMediaUrl(recordingId: number, corrected?: MediaCorrection): string {
  return `${MEDIA_SCHEME}://${mediaPath(recordingId, corrected)}`
}

/** `/media/recording/<id>` or `/media/corrected/<id>?method=fir|stft` (browser mode, same origin). */
export function browserMediaUrl(recordingId: number, corrected?: MediaCorrection): string {
  return `/media/${mediaPath(recordingId, corrected)}`
}

function mediaPath(recordingId: number, corrected: MediaCorrection): string {
  return corrected
    ? `corrected/${recordingId}?method=${corrected.method}`
    : `recording/${recordingId}`
}
