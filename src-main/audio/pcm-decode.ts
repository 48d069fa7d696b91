import type { SampleFormat } from './types'
import { pcm16Simd, SIMD_CHUNK } from './pcm16-simd'

/** Bytes per sample of each WAV sample format */
export const BYTES_PER_SAMPLE: Record<SampleFormat, number> = {
  pcm8: 1,
  pcm16: 2,
  pcm24: 3,
  pcm32: 4,
  float32: 4,
  float64: 8,
}

/** True on little-endian hosts, where typed-array views read WAV samples directly */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

const S8 = 1 / 128
const S16 = 1 / 32768
const S24 = 1 / 8388608
const S32 = 1 / 2147483648

/**
 * Decodes `frames` interleaved little-endian frames from the start of `bytes` into planar `out`
 * from index `outAt`: PCM s → s / 2^(bits-1), 8-bit unsigned u → (u - 128) / 128, floats as is.
 * Returns -1, or the index (counted from the first decoded frame) of a frame holding a NaN or
 * infinite sample (float64 values beyond float32's range count as infinite), where it stopped.
 */
export function decodeInterleaved(
  bytes: Uint8Array,
  format: SampleFormat,
  frames: number,
  out: Float32Array[],
  outAt: number,
): number {
  const channels = out.length
  const n = frames * channels
  if (format === 'pcm8') return decodePcm8(bytes, n, out, outAt)
  if (format === 'pcm24') return decodePcm24(bytes, n, out, outAt)
  if (!LITTLE_ENDIAN) return decodeWithDataView(bytes, format, n, out, outAt)
  if (format === 'pcm16' && channels === 1 && decodeMonoPcm16Simd(bytes, n, out[0], outAt))
    return -1
  const size = BYTES_PER_SAMPLE[format]
  // Typed-array views need an aligned start; a misaligned block is copied once (into a new
  // Uint8Array: Buffer#slice would return a view at the same misaligned offset)
  const a = bytes.byteOffset % size === 0 ? bytes : new Uint8Array(bytes.subarray(0, n * size))
  const { buffer, byteOffset } = a
  if (format === 'pcm16') return spread(new Int16Array(buffer, byteOffset, n), n, S16, out, outAt)
  if (format === 'pcm32') return spread(new Int32Array(buffer, byteOffset, n), n, S32, out, outAt)
  if (format === 'float32')
    return spreadFloat(new Float32Array(buffer, byteOffset, n), n, out, outAt)
  return spreadFloat(new Float64Array(buffer, byteOffset, n), n, out, outAt)
}

function decodeMonoPcm16Simd(bytes: Uint8Array, n: number, out: Float32Array, at: number): boolean {
  const kernels = pcm16Simd()
  if (kernels === null) return false
  for (let i = 0; i < n; i += SIMD_CHUNK) {
    const count = Math.min(SIMD_CHUNK, n - i)
    kernels.decode(bytes.subarray(2 * i, 2 * (i + count)), count, out, at + i)
  }
  return true
}

// Integer samples: a scaled copy (mono PCM16 normally takes the SIMD path instead)
function spread(
  src: Int16Array | Int32Array,
  n: number,
  scale: number,
  out: Float32Array[],
  outAt: number,
): number {
  const channels = out.length
  if (channels === 1) {
    const o = out[0]
    for (let i = 0; i < n; i++) o[outAt + i] = src[i] * scale
    return -1
  }
  for (let c = 0; c < channels; c++) {
    const o = out[c]
    for (let i = c, k = outAt; i < n; i += channels, k++) o[k] = src[i] * scale
  }
  return -1
}

function spreadFloat(
  src: Float32Array | Float64Array,
  n: number,
  out: Float32Array[],
  outAt: number,
): number {
  const channels = out.length
  const frames = n / channels
  let bad = frames // later channels only need checking before the first bad frame found
  for (let c = 0; c < channels; c++) {
    const o = out[c]
    for (let f = 0, i = c; f < bad; f++, i += channels) {
      const v = Math.fround(src[i])
      // v - v is 0 for every finite v and NaN for NaN and ±Infinity
      if (v - v !== 0) bad = f
      else o[outAt + f] = v
    }
  }
  return bad === frames ? -1 : bad
}

function decodePcm8(b: Uint8Array, n: number, out: Float32Array[], outAt: number): number {
  const channels = out.length
  for (let c = 0; c < channels; c++) {
    const o = out[c]
    for (let i = c, k = outAt; i < n; i += channels, k++) o[k] = (b[i] - 128) * S8
  }
  return -1
}

function decodePcm24(b: Uint8Array, n: number, out: Float32Array[], outAt: number): number {
  const channels = out.length
  const stride = 3 * channels
  for (let c = 0; c < channels; c++) {
    const o = out[c]
    for (let p = 3 * c, k = outAt; p < 3 * n; p += stride, k++) {
      // Shift the 24-bit value into the top of an int32 and back to extend its sign
      o[k] = (((b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) << 8) >> 8) * S24
    }
  }
  return -1
}

// Big-endian hosts only: typed-array views would read the bytes in the wrong order.
function decodeWithDataView(
  b: Uint8Array,
  format: SampleFormat,
  n: number,
  out: Float32Array[],
  outAt: number,
): number {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const channels = out.length
  const size = BYTES_PER_SAMPLE[format]
  for (let i = 0; i < n; i++) {
    const p = i * size
    let v: number
    if (format === 'pcm16') v = dv.getInt16(p, true) * S16
    else if (format === 'pcm32') v = dv.getInt32(p, true) * S32
    else if (format === 'float32') v = dv.getFloat32(p, true)
    else v = Math.fround(dv.getFloat64(p, true))
    if (v - v !== 0) return Math.floor(i / channels)
    out[i % channels][outAt + Math.floor(i / channels)] = v
  }
  return -1
}
