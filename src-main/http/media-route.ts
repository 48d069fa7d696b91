// Audio by recording id, for both transports: `<kind>/<id>[?method=fir|stft]` (the path after
// `scw-media://` in Electron, after `/media/` in browser mode) → a Reply. Anything
// malformed or not indexed (or no longer the file indexed) is 404, a preview that may not be
// made is 400; the path never names a file.
import { MEDIA_SCHEME } from '@shared/api/bridge'
import { BackendError, type BackendApi, type MediaRequest } from '../backend/types'
import { mediaResponse } from './media-response'
import { textReply, withoutBody, type Reply } from './reply'

const ID = /^[1-9][0-9]{0,14}$/

/**
 * The MediaRequest named by `kind`, `id` and the `method` query parameter, or null when
 * malformed. Originals take no method; corrected previews default to the FIR.
 */
export function parseMediaTarget(
  kind: string,
  id: string,
  method: string | null,
): MediaRequest | null {
  if (!ID.test(id)) return null
  const recordingId = Number(id)
  if (kind === 'recording') return method === null ? { kind, recordingId } : null
  if (kind !== 'corrected') return null
  if (method === null || method === 'fir' || method === 'stft') {
    return { kind, recordingId, method: method ?? 'fir' }
  }
  return null
}

/** The MediaRequest of an Electron audio URL (`scw-media://recording/5`), or null. */
export function parseMediaUrl(url: string): MediaRequest | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== `${MEDIA_SCHEME}:`) return null
  const id = /^\/([^/]+)$/.exec(u.pathname)
  return id ? parseMediaTarget(u.host, id[1], u.searchParams.get('method')) : null
}

/** Asks the backend for the audio and answers GET or HEAD with Range support. */
export async function respondMedia(
  backend: BackendApi,
  target: MediaRequest | null,
  request: { method: string; range?: string | null },
): Promise<Reply> {
  const verb = request.method.toUpperCase()
  // Checked before asking the backend: a corrected preview is rendered on demand.
  if (verb !== 'GET' && verb !== 'HEAD') {
    return textReply(405, 'GET or HEAD only', { Allow: 'GET, HEAD' })
  }
  const head = verb === 'HEAD'
  const fail = (status: number, message: string): Reply => {
    const r = textReply(status, message)
    return head ? withoutBody(r) : r
  }
  if (!target) return fail(404, 'not found')
  try {
    const body = await backend.media(target)
    if (!body) return fail(404, `recording ${target.recordingId} is not indexed`)
    return mediaResponse(body, request)
  } catch (e) {
    // What the user asked for is wrong (too long to preview): 400; not there (any more): 404.
    if (e instanceof BackendError && e.code === 'invalid-request') return fail(400, e.message)
    if (e instanceof BackendError && e.code !== 'failed') return fail(404, e.message)
    return fail(500, e instanceof Error ? e.message : String(e))
  }
}
