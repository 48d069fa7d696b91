// The built renderer (out/renderer) as static files, for the browser mode server and the Electron
// app scheme alike: no directory listing, nothing outside the root, and the SPA fallback to
// index.html only for page navigations (a missing script stays a 404).
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { BASE_HEADERS, textReply, withoutBody, type Reply } from './reply'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
}

/** Content-Type of a file by its extension. */
export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The regular file under `root` that URL path `pathname` (still percent-encoded) names, or null
 * for anything else: outside the root after decoding and normalising, a folder, a NUL byte.
 */
export async function resolveStatic(root: string, pathname: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  if (relative.split(/[/\\]/).includes('..')) return null
  const candidate = join(root, relative === '' || relative === '.' ? 'index.html' : relative)
  try {
    // Symbolic links could point out of the root: compare real paths.
    const [realRoot, real] = await Promise.all([realpath(root), realpath(candidate)])
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

/** What a static request needs to know beyond the path. */
export interface StaticRequest {
  method: string
  pathname: string
  /** True for a top-level page load (Sec-Fetch-Mode: navigate, or Accept: text/html). */
  navigation: boolean
  /** The page's Content-Security-Policy. */
  csp: string
}

/** Answers GET or HEAD of a file of the built renderer. */
export async function staticReply(root: string, request: StaticRequest): Promise<Reply> {
  const method = request.method.toUpperCase()
  if (method !== 'GET' && method !== 'HEAD') {
    return textReply(405, 'GET or HEAD only', { Allow: 'GET, HEAD' })
  }
  let file = await resolveStatic(root, request.pathname)
  if (!file && request.navigation && extname(request.pathname) === '') {
    file = await resolveStatic(root, '/index.html')
  }
  if (!file) {
    const r = textReply(404, 'not found')
    return method === 'HEAD' ? withoutBody(r) : r
  }
  const { size } = await stat(file)
  const path = file
  return {
    status: 200,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': contentTypeOf(file),
      'Content-Length': String(size),
      'Content-Security-Policy': request.csp,
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      // The app is rebuilt in place: revalidate rather than serve a stale bundle.
      'Cache-Control': 'no-cache',
    },
    body: method === 'HEAD' || size === 0 ? null : () => createReadStream(path),
  }
}

/** True when the request is a page navigation by its Fetch metadata or Accept header. */
export function isNavigation(
  secFetchMode: string | null | undefined,
  accept: string | null | undefined,
): boolean {
  if (secFetchMode) return secFetchMode === 'navigate'
  return (accept ?? '').includes('text/html')
}
