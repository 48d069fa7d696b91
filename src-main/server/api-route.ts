// `POST /api/<method>`: a JSON request body in, `{ result }` or `{ error }` out, with the HTTP
// status telling the error's kind (400 invalid-request, 404 not-found, 409 no-project, 500 failed).
import type { IncomingMessage } from 'node:http'
import type { ContractError } from '@shared/api/contract'
import type { BackendApi } from '../backend/types'
import { callBackend, isMethodName } from '../http/call-result'
import { jsonReply, type Reply } from '../http/reply'

/** Largest request body accepted (label tables travel as CSV text inside the JSON). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024

const STATUS: Record<ContractError['code'], number> = {
  'invalid-request': 400,
  'not-found': 404,
  'no-project': 409,
  failed: 500,
}

/** HTTP status of a contract error. */
export function statusOf(code: ContractError['code']): number {
  return STATUS[code]
}

const fail = (status: number, code: ContractError['code'], message: string, h = {}): Reply =>
  jsonReply(status, { error: { code, message } }, h)

/** Answers one API request; `name` is the (still encoded) path after `/api/`. */
export async function apiReply(
  backend: BackendApi,
  name: string,
  req: IncomingMessage,
  maxBodyBytes = MAX_BODY_BYTES,
): Promise<Reply> {
  if (req.method !== 'POST') {
    req.resume()
    return fail(405, 'invalid-request', 'the API takes POST requests', { Allow: 'POST' })
  }
  if (!isMethodName(name)) {
    req.resume()
    return fail(404, 'not-found', `unknown method ${name.slice(0, 100)}`)
  }
  const body = await readBody(req, maxBodyBytes)
  if (body === null) {
    // The rest of the upload is not read: close the connection after answering.
    return fail(413, 'invalid-request', `request bodies are limited to ${maxBodyBytes} bytes`, {
      Connection: 'close',
    })
  }
  let payload: unknown
  try {
    payload = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'))
  } catch (e) {
    return fail(400, 'invalid-request', `${name}: the body is not JSON (${(e as Error).message})`)
  }
  const answer = await callBackend(backend, name, payload)
  return jsonReply('error' in answer ? statusOf(answer.error.code) : 200, answer)
}

/** The whole body, or null once it exceeds `limit` bytes (the rest is left unread). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      // Not destroyed here: the socket must stay open long enough to carry the 413.
      req.off('data', onData)
      req.pause()
      resolve(null)
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
  })
}
