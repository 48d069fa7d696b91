// Browser mode: the renderer and the contract over HTTP + WebSocket (DESIGN.md, Contract and
// transports). Routes, all on one origin http://HOST:PORT:
//
//   GET  /?token=T            sets the cookie `scw_token_<PORT>` (HttpOnly, SameSite=Strict) and
//                             redirects (303) to the same URL without the token
//   GET  /…                   the built renderer (out/renderer); page navigations to unknown
//                             extension-less paths get index.html
//   POST /api/<method>        body: the method's request as JSON (empty body: no request)
//                             200 { result } | 4xx/5xx { error: { code, message } } with
//                             400 invalid-request, 404 not-found (also unknown methods),
//                             409 no-project, 500 failed, 413 body over 64 MiB, 405 not POST
//   GET  /events              WebSocket; each text message is { event, payload } (contract Events)
//   GET|HEAD /media/recording/<id>                      a recording's audio, Range supported
//   GET|HEAD /media/corrected/<id>?method=fir|stft      its corrected preview (default fir)
//
// Every request must name this server in Host (else 403), and carry the token as the cookie or
// as `Authorization: Bearer T` (else 401). API calls and the WebSocket must also come from this
// origin when they send an Origin header (else 403). Unknown media is 404.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { appRoot } from '../fs/app-root'
import { contentSecurityPolicy } from '../http/csp'
import type { BackendApi } from '../backend/types'
import { apiReply, MAX_BODY_BYTES } from './api-route'
import {
  allowedHosts,
  isAuthorised,
  isLoopback,
  isSameOrigin,
  isWildcard,
  newToken,
  tokenCookie,
  tokensEqual,
  urlHost,
} from './auth'
import { eventsSocket } from './events-socket'
import { parseMediaTarget, respondMedia } from '../http/media-route'
import { sendReply, textReply, type Reply } from '../http/reply'
import { isNavigation, staticReply } from '../http/static-files'

export interface ServerOptions {
  backend: BackendApi
  /** Address to bind; 127.0.0.1 unless given. */
  host?: string
  /** Port to bind; 0 (the default) picks a free one. */
  port?: number
  /** Must be true to bind anything but loopback (the user passed --host). */
  allowNonLoopback?: boolean
  /** Folder of the built renderer; out/renderer of the app by default. */
  rendererDir?: string
  /** The secret; a fresh random one unless given (tests). */
  token?: string
  maxBodyBytes?: number
}

export interface RunningServer {
  /** The URL to open: it carries the token, valid until the server stops. */
  url: string
  host: string
  port: number
  token: string
  /** Stops accepting, drops open connections and sockets. The backend stays open. */
  close(): Promise<void>
}

/** Starts the browser mode server; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host) && !options.allowNonLoopback) {
    throw new Error(`refusing to bind ${host}: not a loopback address (pass --host explicitly)`)
  }
  const token = options.token ?? newToken()
  const rendererDir = options.rendererDir ?? join(appRoot(), 'out', 'renderer')
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  const events = eventsSocket(options.backend)
  let port = 0
  let hosts = new Set<string>()

  /** The checked Host header, or a refusal. */
  const gate = (req: IncomingMessage, acts: boolean): { host: string } | Reply => {
    const hostHeader = (req.headers.host ?? '').toLowerCase()
    if (!hosts.has(hostHeader)) return textReply(403, `Host ${hostHeader || '(none)'} refused`)
    if (acts && !isSameOrigin(req.headers.origin, hostHeader)) {
      return textReply(403, `Origin ${req.headers.origin} refused`)
    }
    if (!isAuthorised(req.headers, port, token)) {
      return textReply(401, 'open the URL that `scw serve` printed (it carries the token)', {
        'WWW-Authenticate': 'Bearer',
      })
    }
    return { host: hostHeader }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://server')
    const path = url.pathname
    const isApi = path.startsWith('/api/')
    const given = url.searchParams.get('token')
    if (given !== null && !isApi && hosts.has((req.headers.host ?? '').toLowerCase())) {
      // First visit: trade the token in the URL for the cookie, and drop it from the address bar.
      if (!tokensEqual(given, token)) return sendReply(res, textReply(401, 'wrong token'))
      url.searchParams.delete('token')
      return sendReply(res, {
        status: 303,
        headers: {
          'Set-Cookie': tokenCookie(port, token),
          // One leading slash: `//host` would be a redirect to another site.
          Location: `${path.replace(/^\/+/, '/')}${url.search}`,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        },
        body: null,
      })
    }
    const checked = gate(req, isApi)
    if ('status' in checked) {
      req.resume()
      return sendReply(res, checked)
    }
    if (isApi) {
      return sendReply(res, await apiReply(options.backend, path.slice(5), req, maxBody))
    }
    const media = /^\/media\/([^/]+)\/([^/]+)$/.exec(path)
    if (media || path.startsWith('/media/')) {
      const target = media
        ? parseMediaTarget(media[1], media[2], url.searchParams.get('method'))
        : null
      const range = req.headers.range
      return sendReply(
        res,
        await respondMedia(options.backend, target, { method: req.method ?? 'GET', range }),
      )
    }
    const csp = contentSecurityPolicy({ connect: [`ws://${checked.host}`] })
    const navigation = isNavigation(
      req.headers['sec-fetch-mode'] as string | undefined,
      req.headers.accept,
    )
    sendReply(
      res,
      await staticReply(rendererDir, {
        method: req.method ?? 'GET',
        pathname: path,
        navigation,
        csp,
      }),
    )
  }

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    if (new URL(req.url ?? '/', 'http://server').pathname !== '/events')
      return refuse(404, 'Not Found')
    const checked = gate(req, true)
    if ('status' in checked)
      return refuse(checked.status, checked.status === 401 ? 'Unauthorized' : 'Forbidden')
    events.accept(req, socket, head)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) res.destroy()
      else sendReply(res, textReply(500, e instanceof Error ? e.message : String(e)))
    })
  })
  server.on('upgrade', upgrade)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  hosts = allowedHosts(host, port)
  const shown = isWildcard(host) ? '127.0.0.1' : urlHost(host)
  return {
    url: `http://${shown}:${port}/?token=${token}`,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        events.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
