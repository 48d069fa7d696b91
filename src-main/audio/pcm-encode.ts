import { AudioError } from './errors'
import { LITTLE_ENDIAN } from './pcm-decode'
import { pcm16Simd, SIMD_CHUNK } from './pcm16-simd'

/** Sample formats that the WAV writer produces */
export type WavOutputFormat = 'pcm16' | 'pcm24' | 'pcm32' | 'float32'

/** Bytes per sample of each output format */
export const OUTPUT_BYTES: Record<WavOutputFormat, number> = {
  pcm16: 2,
  pcm24: 3,
  pcm32: 4,
  float32: 4,
}

/**
 * Interleaves planar `channels` (all of `frames` samples) into `out` as little-endian samples;
 * integers are round(x · 2^(bits-1)) (halves to even) clamped to range. `out.byteOffset` must be
 * a multiple of 4. Returns the count of clamped samples; NaN or ±Infinity throws AudioError
 * 'non-finite' naming `path` and the frame, counted from `frameBase`.
 */
export function encodeInterleaved(
  channels: Float32Array[],
  frames: number,
  format: WavOutputFormat,
  out: Uint8Array,
  path: string,
  frameBase: number,
): number {
  let clipped = 0
  const count = channels.length
  for (let c = 0; c < count; c++) {
    const bad = encodeChannel(channels[c], frames, format, out, c, count)
    if (bad < 0) {
      const frame = -bad - 1
      const where =
        count > 1 ? `channel ${c}, frame ${frameBase + frame}` : `frame ${frameBase + frame}`
      throw new AudioError(
        path,
        'non-finite',
        `cannot write a NaN or infinite sample (${where}); the processing upstream failed`,
      )
    }
    clipped += bad
  }
  return clipped
}

// Each encoder returns the clipped count, or -(frame + 1) at the first non-finite sample.

function encodeChannel(
  src: Float32Array,
  frames: number,
  format: WavOutputFormat,
  out: Uint8Array,
  c: number,
  stride: number,
): number {
  if (format === 'pcm16' && stride === 1 && LITTLE_ENDIAN) return encodeMonoPcm16(src, frames, out)
  if (format === 'pcm24') return encodePcm24(src, frames, out, c, stride)
  if (!LITTLE_ENDIAN) return encodeWithDataView(src, frames, format, out, c, stride)
  const { buffer, byteOffset } = out
  const n = frames * stride
  if (format === 'pcm16')
    return encodeInt(src, frames, new Int16Array(buffer, byteOffset, n), c, stride, 15)
  if (format === 'pcm32')
    return encodeInt(src, frames, new Int32Array(buffer, byteOffset, n), c, stride, 31)
  return encodeFloat(src, frames, new Float32Array(buffer, byteOffset, n), c, stride)
}

// SIMD per chunk; a chunk that clips or holds a non-finite sample is redone exactly in JS
function encodeMonoPcm16(src: Float32Array, frames: number, out: Uint8Array): number {
  const kernels = pcm16Simd()
  const all = new Int16Array(out.buffer, out.byteOffset, frames)
  if (kernels === null) return encodeInt(src, frames, all, 0, 1, 15)
  let clipped = 0
  for (let i = 0; i < frames; i += SIMD_CHUNK) {
    const n = Math.min(SIMD_CHUNK, frames - i)
    if (kernels.encode(src, i, n, out.subarray(2 * i, 2 * (i + n)))) continue
    const part = encodeInt(src.subarray(i, i + n), n, all.subarray(i, i + n), 0, 1, 15)
    if (part < 0) return part - i
    clipped += part
  }
  return clipped
}

// Rounds half to even like f32x4.nearest: adding and removing 1.5 · 2^52 drops the fraction
const ROUND = 6755399441055744

function encodeInt(
  src: Float32Array,
  frames: number,
  dst: Int16Array | Int32Array,
  c: number,
  stride: number,
  bits: number,
): number {
  const scale = 2 ** bits
  const hi = scale - 1
  const lo = -scale
  let clipped = 0
  for (let f = 0, i = c; f < frames; f++, i += stride) {
    let v = src[f] * scale + ROUND - ROUND
    if (v > hi) {
      if (v === Infinity) return -f - 1
      v = hi
      clipped++
    } else if (v < lo) {
      if (v === -Infinity) return -f - 1
      v = lo
      clipped++
    } else if (v !== v) {
      return -f - 1 // NaN
    }
    dst[i] = v
  }
  return clipped
}

function encodePcm24(
  src: Float32Array,
  frames: number,
  out: Uint8Array,
  c: number,
  stride: number,
): number {
  let clipped = 0
  for (let f = 0, p = 3 * c; f < frames; f++, p += 3 * stride) {
    let v = src[f] * 8388608 + ROUND - ROUND
    if (v > 8388607) {
      if (v === Infinity) return -f - 1
      v = 8388607
      clipped++
    } else if (v < -8388608) {
      if (v === -Infinity) return -f - 1
      v = -8388608
      clipped++
    } else if (v !== v) {
      return -f - 1
    }
    out[p] = v & 0xff
    out[p + 1] = (v >> 8) & 0xff
    out[p + 2] = (v >> 16) & 0xff
  }
  return clipped
}

function encodeFloat(
  src: Float32Array,
  frames: number,
  dst: Float32Array,
  c: number,
  stride: number,
): number {
  for (let f = 0, i = c; f < frames; f++, i += stride) {
    const x = src[f]
    if (x - x !== 0) return -f - 1 // NaN or ±Infinity: float output has no range to clip to
    dst[i] = x
  }
  return 0
}

// Big-endian hosts only: typed-array views would write the bytes in the wrong order.
function encodeWithDataView(
  src: Float32Array,
  frames: number,
  format: WavOutputFormat,
  out: Uint8Array,
  c: number,
  stride: number,
): number {
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength)
  const size = OUTPUT_BYTES[format]
  const bits = format === 'pcm16' ? 15 : 31
  let clipped = 0
  for (let f = 0; f < frames; f++) {
    const x = src[f]
    if (x - x !== 0) return -f - 1
    const p = (f * stride + c) * size
    if (format === 'float32') {
      dv.setFloat32(p, x, true)
      continue
    }
    const v = x * 2 ** bits + ROUND - ROUND
    const clamped = Math.min(2 ** bits - 1, Math.max(-(2 ** bits), v))
    if (clamped !== v) clipped++
    if (format === 'pcm16') dv.setInt16(p, clamped, true)
    else dv.setInt32(p, clamped, true)
  }
  return clipped
}
