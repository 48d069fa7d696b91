// Who may talk to the browser mode server: a request must name this server in Host (no DNS
// rebinding), come from its own origin when it can act (API, socket), and carry the token, as the
// cookie set on the first visit or as a Bearer header (scripts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { hostname, networkInterfaces } from 'node:os'

/** A fresh secret for one server run: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Compares in constant time (hashing first, so unequal lengths take the same time too). */
export function tokensEqual(given: string, token: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(token).digest()
  return timingSafeEqual(a, b)
}

/** The cookie's name, per port: cookies ignore ports, and two servers must not overwrite each other. */
export function cookieName(port: number): string {
  return `scw_token_${port}`
}

/** The value of cookie `name` in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** The Set-Cookie value that keeps the token: not readable by scripts, never sent cross-site. */
export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`
}

/** True when the request carries the token as cookie or `Authorization: Bearer`. */
export function isAuthorised(
  headers: { cookie?: string; authorization?: string },
  port: number,
  token: string,
): boolean {
  const cookie = readCookie(headers.cookie, cookieName(port))
  if (cookie !== undefined && tokensEqual(cookie, token)) return true
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')
  return bearer !== null && tokensEqual(bearer[1], token)
}

/** True for a loopback address or name (the only hosts bound without an explicit --host). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/** True for an address that listens on every interface. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]'
}

/** `host` as it appears in a URL or Host header (IPv6 in brackets). */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/**
 * The Host header values that name this server: the bound host, localhost and 127.0.0.1, and for
 * a wildcard bind every local address and the machine's name. All lower case, with the port.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host, 'localhost', '127.0.0.1'])
  if (isWildcard(host)) {
    names.add(hostname())
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.add(a.address)
    }
  }
  return new Set([...names].map((n) => `${urlHost(n)}:${port}`.toLowerCase()))
}

/**
 * True when `origin` is this server as reached through `host` (a Host value already allowed).
 * A missing Origin passes: browsers always send one on POST and WebSocket requests, so only
 * scripts omit it, and they need the token anyway.
 */
export function isSameOrigin(origin: string | undefined, host: string): boolean {
  return origin === undefined || origin.toLowerCase() === `http://${host.toLowerCase()}`
}
