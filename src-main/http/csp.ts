// The Content-Security-Policy of every renderer page, in both transports: scripts and styles from
// the app only, media and fetches from the app's own origin (plus the audio scheme in Electron,
// the event socket in browser mode), nothing from the network. Both transports import it.

/** Extra sources per directive; everything else is fixed. */
export interface CspSources {
  /** Added to media-src (Electron: the audio scheme). */
  media?: string[]
  /** Added to connect-src (Electron: the audio scheme; browser mode: ws://host:port). */
  connect?: string[]
}

/** The policy with the given extra sources. */
export function contentSecurityPolicy(extra: CspSources = {}): string {
  return [
    "default-src 'self'",
    // Add 'wasm-unsafe-eval' here if the renderer ever compiles WebAssembly (it does not yet).
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["media-src 'self' blob:", ...(extra.media ?? [])].join(' '),
    ["connect-src 'self'", ...(extra.connect ?? [])].join(' '),
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The policy of the Electron window: audio comes from the `scw-media:` scheme. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({
  media: ['scw-media:'],
  connect: ['scw-media:'],
})
