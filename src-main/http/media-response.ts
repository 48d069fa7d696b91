// HTTP Range semantics (RFC 9110 §14) for audio, shared by the Electron protocol and the browser
// mode server: status, headers and a body stream from a MediaBody, nothing transport-specific.
//
// Decisions: one range per response. A header asking for several ranges is ignored and the whole
// body is sent with 200 (RFC 9110 lets a server ignore Range; media elements never ask for more
// than one). A header that does not parse, or uses another unit, is ignored the same way. A
// syntactically valid range that lies wholly past the end is 416 with `Content-Range: bytes */N`.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type { MediaBody } from '../backend/types'
import { openCheckedFile } from '../backend/types'
import { BASE_HEADERS, textReply, type Reply } from './reply'

/** Inclusive byte positions, as in Content-Range. */
export interface ByteRange {
  start: number
  end: number
}

/** What a Range header asks of a body of known size. */
export type RangeRequest =
  { kind: 'whole' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' }

const SPEC = /^(\d*)-(\d*)$/

/** Parses `Range` against a body of `size` bytes (see the decisions at the top of the file). */
export function parseRange(header: string | null | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'whole' }
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header)
  if (!m || m[1].includes(',')) return { kind: 'whole' }
  const spec = SPEC.exec(m[1].trim())
  if (!spec || (spec[1] === '' && spec[2] === '')) return { kind: 'whole' }
  const [, first, last] = spec
  if (first === '') {
    // Suffix range: the last N bytes (all of them when N >= size).
    const n = Number(last)
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', range: { start: Math.max(0, size - n), end: size - 1 } }
  }
  const start = Number(first)
  // A reversed range is invalid syntax (ignored); a valid one starting past the end is 416.
  if (last !== '' && Number(last) < start) return { kind: 'whole' }
  if (start >= size) return { kind: 'unsatisfiable' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return { kind: 'partial', range: { start, end } }
}

/** The response to GET or HEAD of `body` with the request's Range header. */
export function mediaResponse(
  body: MediaBody,
  request: { method: string; range?: string | null },
): Reply {
  const method = request.method.toUpperCase()
  if (method !== 'GET' && method !== 'HEAD') {
    return textReply(405, 'GET or HEAD only', { Allow: 'GET, HEAD' })
  }
  // no-store (in BASE_HEADERS): corrected previews change with the estimate under the same URL.
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    'Content-Type': body.contentType,
    'Accept-Ranges': 'bytes',
  }
  const wanted = parseRange(request.range, body.size)
  if (wanted.kind === 'unsatisfiable') {
    return {
      status: 416,
      headers: { ...headers, 'Content-Range': `bytes */${body.size}`, 'Content-Length': '0' },
      body: null,
    }
  }
  const range =
    wanted.kind === 'partial' ? wanted.range : { start: 0, end: Math.max(0, body.size - 1) }
  const length = body.size === 0 ? 0 : range.end - range.start + 1
  headers['Content-Length'] = String(length)
  if (wanted.kind === 'partial') {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${body.size}`
  }
  const send = method === 'GET' && length > 0
  return {
    status: wanted.kind === 'partial' ? 206 : 200,
    headers,
    body: send ? () => openBody(body, range) : null,
  }
}

function openBody(body: MediaBody, range: ByteRange): Readable {
  if (body.bytes) {
    const b = body.bytes
    return Readable.from([
      Buffer.from(b.buffer, b.byteOffset + range.start, range.end - range.start + 1),
    ])
  }
  if (!body.file) throw new Error('MediaBody has neither bytes nor a file')
  try {
    // Opened here, when the body is sent: still the file that was checked, no link swapped in.
    const fd = openCheckedFile(body.file)
    return createReadStream('', { fd, start: range.start, end: range.end })
  } catch (e) {
    const failed = new Readable({ read: () => undefined })
    failed.destroy(e as Error)
    return failed
  }
}
