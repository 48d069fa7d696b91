// Which renderer frames may call main: the main frame of one of the app's own windows, showing
// a page of the app's own origin. A frame that navigated elsewhere, an iframe, or any other
// webContents is refused, so injected or foreign content cannot reach the backend.

/** The parts of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string
  readonly parent: FrameLike | null
}

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number }
  readonly senderFrame: FrameLike | null
}

/** What counts as the app: its windows' webContents ids, and its page origin(s). */
export interface TrustPolicy {
  isAppWebContents(id: number): boolean
  isAppUrl(url: string): boolean
}

/** True when the event comes from the main frame of an app window showing an app page. */
export function isTrustedSender(event: InvokeEventLike, policy: TrustPolicy): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  return policy.isAppWebContents(event.sender.id) && policy.isAppUrl(frame.url)
}

/**
 * An isAppUrl for pages served from `origins` (`scw-app://app`, or the dev server's
 * `http://localhost:5173`): the URL's scheme and host must be one of them exactly. (URL.origin
 * would not do: it is "null" for custom schemes.)
 */
export function originPolicy(origins: readonly string[]): (url: string) => boolean {
  return (url) => {
    try {
      const u = new URL(url)
      return origins.includes(`${u.protocol}//${u.host}`)
    } catch {
      return false
    }
  }
}
