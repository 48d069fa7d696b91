// Guards for every webContents the app ever creates and for the session they share: the page
// never navigates, opens windows or webviews, and every permission request is refused.
import { shell, type Session, type WebContents } from 'electron'
import { contentSecurityPolicy } from '../http/csp'

/** Refuses navigation, pop-ups and webviews; https links open in the user's browser. */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/**
 * Refuses every permission (camera, notifications, …). With a dev server, its responses get the
 * CSP header too, widened by its HMR socket (the app scheme sets the header itself).
 */
export function guardSession(ses: Session, devServerOrigin?: string): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  if (!devServerOrigin) return
  const ws = devServerOrigin.replace(/^http/, 'ws')
  const csp = contentSecurityPolicy({ media: ['scw-media:'], connect: ['scw-media:', ws] })
  ses.webRequest.onHeadersReceived({ urls: [`${devServerOrigin}/*`] }, (details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    })
  })
}
