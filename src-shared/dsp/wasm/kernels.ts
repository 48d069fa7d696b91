// The WebAssembly SIMD kernels of kernels.wat (the per-frame hot loops of analysis and
// correction), instantiated once per thread, with typed views on their memory and an allocator.
// Pointers are byte offsets into that memory; counts are groups of 4 samples (or of 4 complex
// bins for spectra in PFFFT's z-domain layout).
import { instantiate, type WasmMemory } from './instantiate'
import kernelsWasm from './kernels.wat'

/** Added to every power before it is multiplied into the log product (|S|² + 1e-20). */
export const POWER_FLOOR = 1e-20
/**
 * Every floored power is multiplied by this before entering the product, centring its range
 * [1e-20, 3e11] (nFft up to 2^20) so that 16 frames multiply without leaving float64.
 */
export const POWER_SCALE = 1e5
/** Samples counted as clipped: |x| >= 1 − 2^−15. */
export const CLIP_LEVEL = 1 - 2 ** -15

type Fn = (...args: number[]) => void

/** The instantiated kernels with typed views on their memory and a small allocator. */
export class Kernels {
  /** dst = (src − offset) · win */
  readonly window: (src: number, win: number, dst: number, offset: number, n4: number) => void
  /** sumMag += |S|; prod *= (|S|² + POWER_FLOOR) · POWER_SCALE (float64, per z-domain bin) */
  readonly accumulate: (spec: number, sumMag: number, prod: number, groups: number) => void
  /** Multiplies each z-domain bin by its real gain. */
  readonly gains: (spec: number, gains: number, groups: number) => void
  /** acc += frame · window; windowSum += windowSquared */
  readonly ola: (
    frame: number,
    window: number,
    windowSquared: number,
    acc: number,
    windowSum: number,
    n4: number,
  ) => void
  /** dst = windowSum > 1e-30 ? acc / windowSum : acc */
  readonly normalize: (acc: number, windowSum: number, dst: number, n4: number) => void
  /** out (64 bytes) = per lane Σx, Σx² (f64x2 each), max|x| (f32x4), clipped count (i32x4) */
  readonly stats: (src: number, n4: number, out: number) => void
  /** dst = src − offset */
  readonly shift: (src: number, dst: number, offset: number, n4: number) => void
  /** out (32 bytes) = per lane Σx (two f64x2) */
  readonly sum: (src: number, n4: number, out: number) => void
  /** out (16 bytes) = per lane max|x| (f32x4) */
  readonly peak: (src: number, n4: number, out: number) => void
  private readonly memory: WasmMemory
  private top = 64
  private readonly free = new Map<number, number[]>()
  f32!: Float32Array
  f64!: Float64Array
  i32!: Int32Array

  constructor() {
    const exports = instantiate(kernelsWasm)
    this.memory = exports.memory as WasmMemory
    this.window = exports.window as Fn
    this.accumulate = exports.accumulate as Fn
    this.gains = exports.gains as Fn
    this.ola = exports.ola as Fn
    this.normalize = exports.normalize as Fn
    this.stats = exports.stats as Fn
    this.shift = exports.shift as Fn
    this.sum = exports.sum as Fn
    this.peak = exports.peak as Fn
    this.views()
  }

  private views(): void {
    const b = this.memory.buffer
    this.f32 = new Float32Array(b)
    this.f64 = new Float64Array(b)
    this.i32 = new Int32Array(b)
  }

  /** A 16-byte aligned region of `bytes` bytes (zeroed unless asked not to); its byte offset. */
  alloc(bytes: number, zero = true): number {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16)
    const reused = this.free.get(size)?.pop()
    const ptr = reused ?? this.top
    if (reused === undefined) {
      this.top += size
      const need = Math.ceil(this.top / 65536) - this.memory.buffer.byteLength / 65536
      if (need > 0) {
        this.memory.grow(need)
        this.views()
      }
    }
    if (zero) new Uint8Array(this.memory.buffer, ptr, size).fill(0)
    return ptr
  }

  /** Returns a region from `alloc` for reuse. */
  release(ptr: number, bytes: number): void {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16)
    const list = this.free.get(size)
    if (list) list.push(ptr)
    else this.free.set(size, [ptr])
  }
}

let shared: Kernels | undefined

/** The kernels of this thread (compiled on first use). */
export function kernels(): Kernels {
  return (shared ??= new Kernels())
}
