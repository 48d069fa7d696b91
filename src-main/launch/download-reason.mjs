// Names the real reason a download of Electron failed, in a few words, instead of undici's
// `TypeError: fetch failed` (whose cause holds the system error) or sumchecker's long sentences.

const NO_ROUTE = {
  ENOTFOUND: 'its name does not resolve',
  EAI_AGAIN: 'its name does not resolve',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  ENETUNREACH: 'no route to it',
  EHOSTUNREACH: 'no route to it',
}

/**
 * The error and its causes, outermost first.
 * @param {unknown} error
 * @returns {Array<Error & { code?: string }>}
 */
function chain(error) {
  const out = []
  for (let e = error; e instanceof Error && out.length < 8; e = e.cause) out.push(e)
  return out
}

/** @param {string} url */
function hostOf(url) {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** @param {Error} e */
const fileOf = (e) => ('filename' in e ? String(e.filename) : 'the archive')

/**
 * @param {unknown} error what downloadArtifact (or the extraction) threw
 * @param {string} [url] the last URL requested, if any
 * @param {string} [checksums] where the expected checksum came from
 * @returns {string} e.g. "no network: github.com unreachable (its name does not resolve)"
 */
export function downloadReason(error, url, checksums) {
  const errors = chain(error)
  const host = url ? hostOf(url) : 'the download server'
  for (const e of errors) {
    const code = e.code ?? ''
    if (code in NO_ROUTE) return `no network: ${host} unreachable (${NO_ROUTE[code]})`
    if (/^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_|ERR_SSL_)/.test(code)) {
      return `TLS failure with ${host}: ${code} (a proxy that intercepts HTTPS?)`
    }
    if (code === 'ENOSPC') return 'no space left on the disk'
    if (code === 'EACCES' || code === 'EPERM') return `no permission: ${e.message}`
    const kind = e.constructor.name
    if (kind === 'ChecksumMismatchError') {
      return `checksum mismatch: ${fileOf(e)} does not match ${checksums}`
    }
    if (kind === 'NoChecksumFoundError') return `no checksum for ${fileOf(e)} in ${checksums}`
    if (e.name === 'HTTPError' && 'response' in e) {
      const r = /** @type {{ status: number, statusText: string, url: string }} */ (e.response)
      return `${r.url || url} answered HTTP ${r.status} ${r.statusText}`.trim()
    }
    if (e.name === 'StallError') return e.message
  }
  // The innermost message is the most specific one ("fetch failed" wraps the real cause).
  const last = errors.at(-1)
  return last ? last.message : String(error)
}

/** A download that stopped sending data. */
export class StallError extends Error {
  /** @param {string} url @param {number} ms */
  constructor(url, ms) {
    const wait = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
    super(`download stalled: no data from ${hostOf(url)} for ${wait}`)
    this.name = 'StallError'
  }
}
