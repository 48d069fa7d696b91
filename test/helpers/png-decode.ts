// A PNG reader for the tests (8-bit RGBA, RGB and palette images, not interlaced), so that the
// figures' PNGs are checked by decoding them, not by trusting the encoder.
import { inflateSync } from 'node:zlib'

export interface DecodedPng {
  width: number
  height: number
  /** RGBA, 4 bytes per pixel, row-major. */
  rgba: Uint8Array
  /** Palette indices when the image is a palette image. */
  indices?: Uint8Array
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  const b = Buffer.from(bytes)
  if (b.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG')
  let pos = 8
  let width = 0
  let height = 0
  let colorType = 0
  let palette: Buffer | null = null
  const idat: Buffer[] = []
  while (pos < b.length) {
    const len = b.readUInt32BE(pos)
    const type = b.toString('latin1', pos + 4, pos + 8)
    const data = b.subarray(pos + 8, pos + 8 + len)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      if (data[8] !== 8 || data[12] !== 0)
        throw new Error('only 8-bit, non-interlaced PNGs are read')
      colorType = data[9]
    } else if (type === 'PLTE') palette = Buffer.from(data)
    else if (type === 'IDAT') idat.push(data)
    pos += 12 + len
  }
  const channels = { 2: 3, 3: 1, 6: 4 }[colorType as 2 | 3 | 6]
  if (!channels) throw new Error(`colour type ${colorType} is not read`)
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const out = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0
      const up = y > 0 ? out[(y - 1) * stride + x] : 0
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0
      let pred = 0
      if (filter === 1) pred = a
      else if (filter === 2) pred = up
      else if (filter === 3) pred = (a + up) >> 1
      else if (filter === 4) {
        const p = a + up - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - up)
        const pc = Math.abs(p - c)
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? up : c
      }
      out[y * stride + x] = (line[x] + pred) & 255
    }
  }
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    if (colorType === 3) {
      const p = out[i] * 3
      rgba.set([palette![p], palette![p + 1], palette![p + 2], 255], i * 4)
    } else {
      rgba.set(out.subarray(i * channels, i * channels + 3), i * 4)
      rgba[i * 4 + 3] = channels === 4 ? out[i * channels + 3] : 255
    }
  }
  return { width, height, rgba, indices: colorType === 3 ? out : undefined }
}
