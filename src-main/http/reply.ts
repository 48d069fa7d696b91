// A transport-neutral HTTP answer: the server writes it to a ServerResponse, the Electron
// protocol handlers turn it into a fetch Response. Modules that decide what to answer (media,
// static files) produce Replies and stay testable without either.
import type { ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

/** Status, headers and (unless HEAD or nothing to send) a way to open the body. */
export interface Reply {
  status: number
  headers: Record<string, string>
  body: (() => Readable) | null
}

/** Headers every answer carries: no sniffing, no referrer (URLs may carry the token). */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
}

/** A short plain-text answer (errors). */
export function textReply(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  const bytes = Buffer.from(`${message}\n`)
  return {
    status,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(bytes.length),
      ...headers,
    },
    body: () => Readable.from([bytes]),
  }
}

/** A JSON answer (the API). */
export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Reply {
  const bytes = Buffer.from(JSON.stringify(value))
  return {
    status,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(bytes.length),
      ...headers,
    },
    body: () => Readable.from([bytes]),
  }
}

/** The same answer without its body (HEAD). */
export function withoutBody(reply: Reply): Reply {
  return { ...reply, body: null }
}

/** Writes `reply` to a node:http response; a body stream that fails ends the response. */
export function sendReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, reply.headers)
  if (!reply.body) {
    res.end()
    return
  }
  const body = reply.body()
  body.on('error', () => res.destroy())
  res.on('close', () => body.destroy())
  body.pipe(res)
}

/** `reply` as a fetch Response (Electron's protocol.handle). */
export function toWebResponse(reply: Reply): Response {
  const body = reply.body ? (Readable.toWeb(reply.body()) as ReadableStream<Uint8Array>) : null
  return new Response(body, { status: reply.status, headers: reply.headers })
}
