// The app's two privileged schemes. `scw-app://app/` serves the built renderer (a real origin
// whose responses carry the CSP header, which file:// pages cannot get: Electron's security
// checklist, "avoid file://"). `scw-media://recording/<id>` and `scw-media://corrected/<id>?
// method=fir|stft` serve audio by recording id, with the Range logic shared with browser mode.
import { protocol } from 'electron'
import { MEDIA_SCHEME } from '@shared/api/bridge'
import type { BackendApi } from '../backend/types'
import { parseMediaUrl, respondMedia } from '../http/media-route'
import { textReply, toWebResponse, type Reply } from '../http/reply'
import { isNavigation, staticReply } from '../http/static-files'
import { CONTENT_SECURITY_POLICY } from '../http/csp'

/** Scheme of the app's pages. */
export const APP_SCHEME = 'scw-app'
/** Origin of the app's pages; the IPC sender check accepts only frames showing it. */
export const APP_ORIGIN = `${APP_SCHEME}://app`

/** Declares both schemes; must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    {
      scheme: MEDIA_SCHEME,
      // corsEnabled: the page (scw-app://app) fetches audio cross-scheme (wavesurfer decodes it).
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        corsEnabled: true,
      },
    },
  ])
}

/** Handles both schemes on the default session; `pageOrigins` may read audio (CORS). */
export function handleSchemes(
  backend: BackendApi,
  rendererDir: string,
  pageOrigins: readonly string[],
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'app') return toWebResponse(textReply(404, 'not found'))
    const navigation = isNavigation(
      request.headers.get('sec-fetch-mode'),
      request.headers.get('accept'),
    )
    return toWebResponse(
      await staticReply(rendererDir, {
        method: request.method,
        pathname: url.pathname,
        navigation,
        csp: CONTENT_SECURITY_POLICY,
      }),
    )
  })
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const origin = request.headers.get('origin')
    const cors: Record<string, string> =
      origin && pageOrigins.includes(origin)
        ? {
            'Access-Control-Allow-Origin': origin,
            'Access-Control-Expose-Headers': 'Content-Range, Accept-Ranges',
            Vary: 'Origin',
          }
        : {}
    if (request.method === 'OPTIONS') {
      const preflight: Reply = {
        status: 204,
        headers: {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, HEAD',
          'Access-Control-Allow-Headers': 'Range',
        },
        body: null,
      }
      return toWebResponse(preflight)
    }
    const reply = await respondMedia(backend, parseMediaUrl(request.url), {
      method: request.method,
      range: request.headers.get('range'),
    })
    return toWebResponse({ ...reply, headers: { ...reply.headers, ...cors } })
  })
}
