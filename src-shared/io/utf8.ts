// UTF-8 without TextEncoder/TextDecoder, which src-shared's library (no DOM, no Node) lacks.

export function utf8Encode(s: string): Uint8Array {
  const out: number[] = []
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  }
  return Uint8Array.from(out)
}

/** Decodes UTF-8; a malformed sequence becomes U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0
    if (len === 0 || i + len > bytes.length) {
      s += '\ufffd'
      i++
      continue
    }
    let c = len === 1 ? b : b & (0xff >> (len + 1))
    for (let j = 1; j < len; j++) c = (c << 6) | (bytes[i + j] & 63)
    s += String.fromCodePoint(c)
    i += len
  }
  return s
}
