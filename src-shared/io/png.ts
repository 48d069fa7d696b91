// A PNG encoder for palette images (colour type 3, 8 bits per pixel): one byte per pixel indexes a
// table of up to 256 colours, so a dB matrix mapped through a colour map is stored exactly. Pure
// TypeScript: the zlib stream is made of stored (uncompressed) blocks unless the caller hands in
// a zlib compressor (Node's `zlib.deflateSync`), which makes the file smaller, never different.
import { concatBytes } from './bytes'
import { crc32 } from './crc32'

/** Compresses bytes into a zlib stream (RFC 1950). */
export type ZlibCompress = (data: Uint8Array) => Uint8Array

/** Adler-32 of `bytes` (the zlib stream's checksum). */
export function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  for (let i = 0; i < bytes.length;) {
    // 5552 bytes keep the sums inside 32 bits before the modulo (zlib's NMAX).
    const end = Math.min(bytes.length, i + 5552)
    for (; i < end; i++) {
      a += bytes[i]
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}

/** A zlib stream of stored deflate blocks (no compression; valid for every inflater). */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535))
  const out = new Uint8Array(2 + data.length + blocks * 5 + 4)
  const view = new DataView(out.buffer)
  out[0] = 0x78 // deflate, 32 KiB window
  out[1] = 0x01 // no preset dictionary, fastest; (0x78 << 8 | 0x01) % 31 === 0
  let o = 2
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535
    const len = Math.min(65535, data.length - start)
    out[o] = b === blocks - 1 ? 1 : 0 // BFINAL, BTYPE 00 (stored)
    view.setUint16(o + 1, len, true)
    view.setUint16(o + 3, ~len & 0xffff, true)
    out.set(data.subarray(start, start + len), o + 5)
    o += 5 + len
  }
  view.setUint32(o, adler32(data))
  return out
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

export interface IndexedImage {
  width: number
  height: number
  /** Row-major palette indices, top row first: width × height bytes. */
  pixels: Uint8Array
  /** The colours as [r, g, b] triples, 0…255; at most 256. */
  palette: readonly (readonly [number, number, number])[]
}

/** A palette PNG of the image. */
export function encodeIndexedPng(
  image: IndexedImage,
  compress: ZlibCompress = zlibStored,
): Uint8Array {
  const { width, height, pixels, palette } = image
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`image ${width}×${height}: width and height must be positive integers`)
  }
  if (pixels.length !== width * height) {
    throw new Error(`image ${width}×${height} needs ${width * height} pixels, got ${pixels.length}`)
  }
  if (palette.length < 1 || palette.length > 256) {
    throw new Error(`palette of ${palette.length} colours: a PNG palette holds 1 to 256`)
  }
  for (let i = 0; i < pixels.length; i++) {
    if (pixels[i] >= palette.length) {
      throw new Error(
        `pixel ${i} indexes colour ${pixels[i]} of a ${palette.length}-colour palette`,
      )
    }
  }
  const header = new Uint8Array(13)
  const hv = new DataView(header.buffer)
  hv.setUint32(0, width)
  hv.setUint32(4, height)
  header.set([8, 3, 0, 0, 0], 8) // 8 bits, palette, deflate, adaptive filters, no interlace
  const plte = new Uint8Array(palette.length * 3)
  palette.forEach((c, i) => plte.set(c, i * 3))
  // Filter type 0 on every row: the recommended one for palette images.
  const raw = new Uint8Array(height * (width + 1))
  for (let y = 0; y < height; y++)
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1)
  return concatBytes([
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', compress(raw)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

/** Base64 of bytes, without Node's Buffer or the DOM's btoa. */
export function base64(bytes: Uint8Array): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let s = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    s += abc[n >> 18] + abc[(n >> 12) & 63] + abc[(n >> 6) & 63] + abc[n & 63]
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8)
    s +=
      abc[n >> 18] + abc[(n >> 12) & 63] + (i + 1 < bytes.length ? abc[(n >> 6) & 63] : '=') + '='
  }
  return s
}
