// Browser mode (`scw serve`): methods are `POST /api/<method>` with a JSON body answered by
// `{ result } | { error: { code, message } }`; events arrive on the WebSocket `/events` as
// `{ event, payload }`; audio is served under `/media/`. Same origin, so the session cookie
// travels by itself.
import type { Events, MethodName, Request, Response } from '@shared/api/contract'
import { browserMediaUrl } from '@shared/api/bridge'
import { EVENTS } from '@shared/api/methods'
import { ApiError, isContractError } from './errors'
import { createEventHub, type ConnectionState, type RendererTransport } from './transport'

export interface BrowserTransportOptions {
  /** Prefix of method and media URLs; '' for the page's own origin. */
  baseUrl?: string
  /** URL of the event socket; default: ws(s)://<page host>/events. */
  eventsUrl?: string
  fetch?: typeof fetch
  WebSocket?: typeof WebSocket
  /** Reconnect delays: the first, doubled after each failure up to the last. */
  backoffMs?: { initial: number; max: number }
}

function defaultEventsUrl(): string {
  const { protocol, host } = window.location
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/events`
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export function createBrowserTransport(options: BrowserTransportOptions = {}): RendererTransport {
  const base = options.baseUrl ?? ''
  const fetchFn = options.fetch ?? ((input, init) => window.fetch(input, init))
  const Socket = options.WebSocket ?? window.WebSocket
  const eventsUrl = options.eventsUrl ?? defaultEventsUrl()
  const backoff = options.backoffMs ?? { initial: 500, max: 10_000 }

  const hub = createEventHub()
  const connectionListeners = new Set<(state: ConnectionState) => void>()
  let state: ConnectionState = 'connecting'
  let socket: WebSocket | null = null
  let delay = backoff.initial
  let timer: ReturnType<typeof setTimeout> | null = null
  let closed = false

  const setState = (next: ConnectionState): void => {
    if (next === state) return
    state = next
    for (const listener of [...connectionListeners]) listener(next)
  }

  const onMessage = (message: MessageEvent): void => {
    let data: unknown
    try {
      data = JSON.parse(String(message.data))
    } catch {
      console.warn('ignored a malformed event', message.data)
      return
    }
    const { event, payload } = (data ?? {}) as { event?: unknown; payload?: unknown }
    if (EVENTS.includes(event as keyof Events)) {
      hub.emit(event as keyof Events, payload as Events[keyof Events])
    }
  }

  const connect = (): void => {
    timer = null
    if (closed) return
    const ws = new Socket(eventsUrl)
    socket = ws
    ws.onopen = () => {
      delay = backoff.initial
      setState('open')
    }
    ws.onmessage = onMessage
    // Errors are always followed by close; reconnecting happens there.
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      if (closed) return
      setState('lost')
      timer = setTimeout(connect, delay)
      delay = Math.min(delay * 2, backoff.max)
    }
  }
  connect()

  return {
    async call<M extends MethodName>(method: M, request: Request<M>): Promise<Response<M>> {
      let res: globalThis.Response
      try {
        res = await fetchFn(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request ?? {}),
          credentials: 'same-origin',
        })
      } catch (e) {
        throw new ApiError('transport', `Cannot reach the workbench: ${reasonOf(e)}`, method)
      }
      let body: unknown
      try {
        body = await res.json()
      } catch {
        throw new ApiError(
          'transport',
          `${method}: HTTP ${res.status} without a JSON answer`,
          method,
        )
      }
      const { result, error } = (body ?? {}) as { result?: unknown; error?: unknown }
      if (error !== undefined) {
        if (isContractError(error)) throw new ApiError(error.code, error.message, method)
        throw new ApiError('transport', `${method}: HTTP ${res.status}, unreadable error`, method)
      }
      if (!res.ok || typeof body !== 'object' || body === null || !('result' in body)) {
        throw new ApiError('transport', `${method}: HTTP ${res.status}, no result`, method)
      }
      return result as Response<M>
    },

    on: hub.on,

    mediaUrl: (recordingId, corrected) => base + browserMediaUrl(recordingId, corrected),

    onConnection(listener) {
      connectionListeners.add(listener)
      listener(state)
      return () => void connectionListeners.delete(listener)
    },

    close() {
      closed = true
      if (timer) clearTimeout(timer)
      const ws = socket
      socket = null
      ws?.close()
      hub.clear()
      connectionListeners.clear()
    },
  }
}
