// Mono PCM16 ⇄ float32 with the WebAssembly SIMD kernels of pcm16-simd.wat: 3-5× faster than the
// best plain-JS loop measured (JS stores into Int16Array and scaled loads cost about 0.5-1 ns per
// sample). Where SIMD is unavailable, pcm16Simd() is null and callers use their JS loops, which
// give the same results (encode rounds half to even in both, as f32x4.nearest does).

import { instantiate, type WasmMemory } from '@shared/dsp/wasm/instantiate'
import pcm16Wasm from './pcm16-simd.wat'

/** Samples per kernel call: the scratch memory holds one chunk of floats and one of int16 */
export const SIMD_CHUNK = 65_536

const FLOATS_AT = 0 // byte offset of the float32 scratch
const INTS_AT = SIMD_CHUNK * 4 // byte offset of the int16 scratch
const PAGES = (SIMD_CHUNK * 6) / 65_536

/** Kernels over `n` samples (n ≤ SIMD_CHUNK) */
export interface Pcm16Simd {
  /** out[at + i] = s[i] / 32768 for the n little-endian int16 samples in `bytes` */
  decode(bytes: Uint8Array, n: number, out: Float32Array, at: number): void
  /**
   * Writes round-half-even(x · 32768) of src[from .. from + n) as little-endian int16 into
   * `bytes`; returns false, leaving `bytes` unspecified, when any sample needs clamping or is
   * not finite, so that the caller's exact path can count or report them.
   */
  encode(src: Float32Array, from: number, n: number, bytes: Uint8Array): boolean
}

let cached: Pcm16Simd | null | undefined

/** The kernels, or null where WebAssembly SIMD is not available */
export function pcm16Simd(): Pcm16Simd | null {
  if (cached === undefined) cached = instantiateKernels()
  return cached
}

function instantiateKernels(): Pcm16Simd | null {
  let exports: Record<string, unknown>
  try {
    exports = instantiate(pcm16Wasm)
  } catch {
    return null // no SIMD support (the module fails to compile): the JS loops take over
  }
  const memory = exports.memory as WasmMemory
  memory.grow(PAGES - memory.buffer.byteLength / 65_536)
  const decodeGroups = exports.decode as (src: number, dst: number, groups: number) => void
  const encodeGroups = exports.encode as (src: number, dst: number, groups: number) => number
  const bytes = new Uint8Array(memory.buffer)
  const floats = new Float32Array(memory.buffer, FLOATS_AT, SIMD_CHUNK)
  return {
    decode(src, n, out, at) {
      bytes.set(src.subarray(0, 2 * n), INTS_AT)
      decodeGroups(INTS_AT, FLOATS_AT, (n + 7) >> 3)
      out.set(floats.subarray(0, n), at)
    },
    encode(src, from, n, dst) {
      floats.set(src.subarray(from, from + n))
      floats.fill(0, n, (n + 7) & ~7) // the last group's spare lanes must not look out of range
      if (encodeGroups(FLOATS_AT, INTS_AT, (n + 7) >> 3) !== 0) return false
      dst.set(bytes.subarray(INTS_AT, INTS_AT + 2 * n))
      return true
    },
  }
}
