// Electron: the preload's `window.scw` (src-shared/api/bridge.ts). Methods settle to
// `{ result } | { error }` because contextBridge drops an Error's fields; errors are rethrown here.
import type { ScwBridge } from '@shared/api/bridge'
import { electronMediaUrl } from '@shared/api/bridge'
import type { MethodName, Request, Response } from '@shared/api/contract'
import { ApiError, isContractError } from './errors'
import type { RendererTransport } from './transport'

/** The preload's bridge, when this page runs in the Electron window. */
export function electronBridge(): ScwBridge | null {
  const bridge = (window as { scw?: ScwBridge }).scw
  return bridge?.transport === 'electron' ? bridge : null
}

export function createElectronTransport(bridge: ScwBridge): RendererTransport {
  return {
    async call<M extends MethodName>(method: M, request: Request<M>): Promise<Response<M>> {
      const fn = bridge.methods[method] as (r: Request<M>) => Promise<unknown>
      if (!fn) throw new ApiError('transport', `the bridge has no method ${method}`, method)
      const settled = (await fn(request)) as { result?: unknown; error?: unknown } | null
      if (settled && isContractError(settled.error)) {
        throw new ApiError(settled.error.code, settled.error.message, method)
      }
      if (!settled || !('result' in settled)) {
        throw new ApiError('transport', `${method}: malformed answer from main`, method)
      }
      return settled.result as Response<M>
    },
    on: (event, listener) => bridge.on(event, listener),
    mediaUrl: electronMediaUrl,
  }
}
