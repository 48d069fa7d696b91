// Little helpers for header fields; callers check lengths before reading.

/** Unsigned 16-bit little-endian field at byte `at` */
export function u16le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8)
}

/** Unsigned 32-bit little-endian field at byte `at` */
export function u32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
}

/** Unsigned 32-bit big-endian field at byte `at` */
export function u32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0
}

/** Unsigned 64-bit little-endian field as a number (exact below 2^53) */
export function u64le(b: Uint8Array, at: number): number {
  return u32le(b, at) + u32le(b, at + 4) * 2 ** 32
}

/** `length` bytes at `at` as Latin-1 text, for four-character codes */
export function ascii(b: Uint8Array, at: number, length: number): string {
  let s = ''
  for (let i = at; i < at + length && i < b.length; i++) s += String.fromCharCode(b[i])
  return s
}

/** True when the four bytes at `at` are printable ASCII, as RIFF chunk ids are */
export function isFourCC(b: Uint8Array, at: number): boolean {
  if (at + 4 > b.length) return false
  for (let i = at; i < at + 4; i++) if (b[i] < 0x20 || b[i] > 0x7e) return false
  return true
}

/** True when `b` starts with the bytes of `text` (as far as `b` goes, if `prefixOk`) */
export function startsWith(b: Uint8Array, text: string, at = 0, prefixOk = false): boolean {
  for (let i = 0; i < text.length; i++) {
    if (at + i >= b.length) return prefixOk
    if (b[at + i] !== text.charCodeAt(i)) return false
  }
  return true
}
