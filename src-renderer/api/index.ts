// The renderer's only way to main. Stores import `api`; main.ts installs the transport (Electron's
// bridge or browser mode's HTTP + WebSocket), tests install a fake one.
import type { Events, MethodName, Request, Response } from '@shared/api/contract'
import { createBrowserTransport } from './browser'
import { createElectronTransport, electronBridge } from './electron'
import { toApiError } from './errors'
import type { ConnectionState, RendererTransport } from './transport'

export { ApiError, type ApiErrorCode } from './errors'
export type { ConnectionState, RendererTransport } from './transport'

let transport: RendererTransport | null = null
const successListeners = new Set<(method: MethodName) => void>()

/** Uses `t` for every later call; closes the one before. */
export function installTransport(t: RendererTransport): void {
  transport?.close?.()
  transport = t
}

/** The transport of this window: the preload's bridge in Electron, else browser mode. */
export function detectTransport(): RendererTransport {
  const bridge = electronBridge()
  return bridge ? createElectronTransport(bridge) : createBrowserTransport()
}

function current(): RendererTransport {
  if (!transport) throw new Error('no transport installed; call installTransport first')
  return transport
}

/** The request may be left out where every field is optional (it is then `{}`). */
type CallArgs<M extends MethodName> =
  Record<never, never> extends Request<M> ? [request?: Request<M>] : [request: Request<M>]

export const api = {
  /** Calls a contract method; every failure is thrown as an ApiError. */
  async call<M extends MethodName>(method: M, ...[request]: CallArgs<M>): Promise<Response<M>> {
    let response: Response<M>
    try {
      response = await current().call(method, (request ?? {}) as Request<M>)
    } catch (e) {
      throw toApiError(e, method)
    }
    for (const listener of successListeners) listener(method)
    return response
  },

  /** Subscribes to successful calls (an error a method reported is then out of date). */
  onSuccess(listener: (method: MethodName) => void): () => void {
    successListeners.add(listener)
    return () => successListeners.delete(listener)
  },

  /** Subscribes to an event of main; returns the unsubscribe. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    return current().on(event, listener)
  },

  /** URL of a recording's audio: the original, or corrected with the current estimate. */
  mediaUrl(recordingId: number, corrected?: { method: 'fir' | 'stft' }): string {
    return current().mediaUrl(recordingId, corrected)
  },

  /** Subscribes to the state of the event channel; called at once with the current state. */
  onConnection(listener: (state: ConnectionState) => void): () => void {
    const t = current()
    if (t.onConnection) return t.onConnection(listener)
    listener('open')
    return () => {}
  },
}
