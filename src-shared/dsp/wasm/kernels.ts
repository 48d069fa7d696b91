// WebAssembly SIMD kernels for the per-frame hot loops of analysis and correction. Each works
// on float32 data in the kernel module's own memory, 4 lanes at a time; pointers are byte
// offsets, counts are groups of 4 samples (or of 4 complex bins for spectra).
import {
  advance,
  assemble,
  countedLoop,
  f32,
  F32,
  F32X4_ABS,
  F32X4_ADD,
  F32X4_GE,
  F32X4_PMAX,
  F32X4_MUL,
  F32X4_SPLAT,
  F32X4_SQRT,
  F32X4_SUB,
  f64,
  F64X2_ADD,
  F64X2_MUL,
  F64X2_PROMOTE_LOW,
  F64X2_SPLAT,
  get,
  I32,
  I32X4_SUB,
  instantiate,
  set,
  SHUFFLE_32,
  simd,
  tee,
  V128,
  V_LOAD,
  V_STORE,
  type FunctionDef,
  type WasmMemory,
} from './assembler'

/** Added to every power before it is multiplied into the log product (|S|² + 1e-20). */
export const POWER_FLOOR = 1e-20
/**
 * Every floored power is multiplied by this before entering the product, centring its range
 * [1e-20, 3e11] (nFft up to 2^20) so that 16 frames multiply without leaving float64.
 */
export const POWER_SCALE = 1e5
/** Samples counted as clipped: |x| >= 1 − 2^−15. */
export const CLIP_LEVEL = 1 - 2 ** -15

const F32X4_GT = simd(0x44)
const F32X4_DIV = simd(0xe7)
const BITSELECT = simd(0x52)
const HIGH_HALF = SHUFFLE_32([2, 3, 2, 3])

/** window(src, win, dst, offset: f32, n4): dst = (src − offset) · win. */
const windowFn: FunctionDef = {
  name: 'window',
  params: [I32, I32, I32, F32, I32],
  results: [],
  locals: [V128],
  body: [
    ...get(3),
    ...F32X4_SPLAT,
    ...set(5),
    ...countedLoop(4, [
      ...get(2),
      ...get(0),
      ...V_LOAD(),
      ...get(5),
      ...F32X4_SUB,
      ...get(1),
      ...V_LOAD(),
      ...F32X4_MUL,
      ...V_STORE(),
      ...advance(0, 16),
      ...advance(1, 16),
      ...advance(2, 16),
    ]),
  ],
}

/** `ptr[offset] = ptr[offset] op value` on a v128 at the byte offset in i32 local `ptr`. */
const updateF64 = (ptr: number, offset: number, value: number[], op: number[]): number[] => [
  ...get(ptr),
  ...get(ptr),
  ...V_LOAD(offset),
  ...value,
  ...op,
  ...V_STORE(offset),
]
/** The f64x2 on the stack times POWER_SCALE (local 8) plus POWER_FLOOR·POWER_SCALE (local 6). */
const scaled = [...get(8), ...F64X2_MUL, ...get(6), ...F64X2_ADD]

/**
 * accumulate(spec, sumMag, prod, groups): spec holds groups of [4 re][4 im] (PFFFT's z-domain
 * layout). Per lane: p = re² + im²; sumMag += √p; prod *= (p + POWER_FLOOR)·POWER_SCALE
 * (float64 accumulators).
 */
const accumulateFn: FunctionDef = {
  name: 'accumulate',
  params: [I32, I32, I32, I32],
  // 4 p, 5 m, 6 floor·scale, 7 scratch, 8 scale
  locals: [V128, V128, V128, V128, V128],
  results: [],
  body: [
    ...f64(POWER_FLOOR * POWER_SCALE),
    ...F64X2_SPLAT,
    ...set(6),
    ...f64(POWER_SCALE),
    ...F64X2_SPLAT,
    ...set(8),
    ...countedLoop(3, [
      ...get(0),
      ...V_LOAD(0),
      ...tee(7),
      ...get(7),
      ...F32X4_MUL,
      ...get(0),
      ...V_LOAD(16),
      ...tee(7),
      ...get(7),
      ...F32X4_MUL,
      ...F32X4_ADD,
      ...tee(4),
      ...F32X4_SQRT,
      ...set(5),
      // sumMag[0..1] += promote(m[0..1]); sumMag[2..3] += promote(m[2..3])
      ...updateF64(1, 0, [...get(5), ...F64X2_PROMOTE_LOW], F64X2_ADD),
      ...updateF64(1, 16, [...get(5), ...get(5), ...HIGH_HALF, ...F64X2_PROMOTE_LOW], F64X2_ADD),
      // prod[0..1] *= promote(p[0..1])·scale + floor·scale; likewise [2..3]
      ...updateF64(2, 0, [...get(4), ...F64X2_PROMOTE_LOW, ...scaled], F64X2_MUL),
      ...updateF64(
        2,
        16,
        [...get(4), ...get(4), ...HIGH_HALF, ...F64X2_PROMOTE_LOW, ...scaled],
        F64X2_MUL,
      ),
      ...advance(0, 32),
      ...advance(1, 32),
      ...advance(2, 32),
    ]),
  ],
}

/** gains(spec, g, groups): multiplies re and im of each z-domain lane by its real gain. */
const gainsFn: FunctionDef = {
  name: 'gains',
  params: [I32, I32, I32],
  results: [],
  locals: [V128],
  body: countedLoop(2, [
    ...get(1),
    ...V_LOAD(),
    ...set(3),
    ...get(0),
    ...get(0),
    ...V_LOAD(0),
    ...get(3),
    ...F32X4_MUL,
    ...V_STORE(0),
    ...get(0),
    ...get(0),
    ...V_LOAD(16),
    ...get(3),
    ...F32X4_MUL,
    ...V_STORE(16),
    ...advance(0, 32),
    ...advance(1, 16),
  ]),
}

/** ola(src, ws, w2, acc, wss, n4): acc += src · ws; wss += w2 (weighted overlap-add). */
const olaFn: FunctionDef = {
  name: 'ola',
  params: [I32, I32, I32, I32, I32, I32],
  results: [],
  locals: [],
  body: countedLoop(5, [
    ...get(3),
    ...get(3),
    ...V_LOAD(),
    ...get(0),
    ...V_LOAD(),
    ...get(1),
    ...V_LOAD(),
    ...F32X4_MUL,
    ...F32X4_ADD,
    ...V_STORE(),
    ...get(4),
    ...get(4),
    ...V_LOAD(),
    ...get(2),
    ...V_LOAD(),
    ...F32X4_ADD,
    ...V_STORE(),
    ...advance(0, 16),
    ...advance(1, 16),
    ...advance(2, 16),
    ...advance(3, 16),
    ...advance(4, 16),
  ]),
}

/** normalize(acc, wss, dst, n4): dst = wss > 1e-30 ? acc / wss : acc. */
const normalizeFn: FunctionDef = {
  name: 'normalize',
  params: [I32, I32, I32, I32],
  results: [],
  // 4 tiny, 5 acc
  locals: [V128, V128],
  body: [
    ...f32(1e-30),
    ...F32X4_SPLAT,
    ...set(4),
    ...countedLoop(3, [
      ...get(2),
      ...get(0),
      ...V_LOAD(),
      ...tee(5),
      ...get(1),
      ...V_LOAD(),
      ...F32X4_DIV,
      ...get(5),
      ...get(1),
      ...V_LOAD(),
      ...get(4),
      ...F32X4_GT,
      ...BITSELECT,
      ...V_STORE(),
      ...advance(0, 16),
      ...advance(1, 16),
      ...advance(2, 16),
    ]),
  ],
}

/**
 * stats(src, n4, out): writes to out (64 bytes) Σx as f64x2, Σx² as f64x2, max|x| as f32x4 and the
 * count of |x| >= CLIP_LEVEL as i32x4, each still per lane.
 */
const statsFn: FunctionDef = {
  name: 'stats',
  params: [I32, I32, I32],
  results: [],
  // 3 x, 4 sum, 5 sumSq, 6 peak, 7 clipped, 8 clipLevel, 9 a
  locals: [V128, V128, V128, V128, V128, V128, V128],
  body: [
    ...f32(CLIP_LEVEL),
    ...F32X4_SPLAT,
    ...set(8),
    ...countedLoop(1, [
      ...get(0),
      ...V_LOAD(),
      ...set(3),
      ...get(3),
      ...F32X4_ABS,
      ...tee(9),
      ...get(6),
      ...F32X4_PMAX,
      ...set(6),
      ...get(7),
      ...get(9),
      ...get(8),
      ...F32X4_GE,
      ...I32X4_SUB,
      ...set(7),
      ...get(4),
      ...get(3),
      ...F64X2_PROMOTE_LOW,
      ...F64X2_ADD,
      ...get(3),
      ...get(3),
      ...HIGH_HALF,
      ...F64X2_PROMOTE_LOW,
      ...F64X2_ADD,
      ...set(4),
      ...get(3),
      ...get(3),
      ...F32X4_MUL,
      ...tee(9),
      ...F64X2_PROMOTE_LOW,
      ...get(5),
      ...F64X2_ADD,
      ...get(9),
      ...get(9),
      ...HIGH_HALF,
      ...F64X2_PROMOTE_LOW,
      ...F64X2_ADD,
      ...set(5),
      ...advance(0, 16),
    ]),
    ...get(2),
    ...get(4),
    ...V_STORE(0),
    ...get(2),
    ...get(5),
    ...V_STORE(16),
    ...get(2),
    ...get(6),
    ...V_STORE(32),
    ...get(2),
    ...get(7),
    ...V_STORE(48),
  ],
}

/** shift(src, dst, offset: f32, n4): dst = src − offset. */
const shiftFn: FunctionDef = {
  name: 'shift',
  params: [I32, I32, F32, I32],
  results: [],
  locals: [V128],
  body: [
    ...get(2),
    ...F32X4_SPLAT,
    ...set(4),
    ...countedLoop(3, [
      ...get(1),
      ...get(0),
      ...V_LOAD(),
      ...get(4),
      ...F32X4_SUB,
      ...V_STORE(),
      ...advance(0, 16),
      ...advance(1, 16),
    ]),
  ],
}

/** sum(src, n4, out): writes Σx per lane pair as two f64x2 (32 bytes) to out. */
const sumFn: FunctionDef = {
  name: 'sum',
  params: [I32, I32, I32],
  results: [],
  // 3 x, 4 low, 5 high
  locals: [V128, V128, V128],
  body: [
    ...countedLoop(1, [
      ...get(0),
      ...V_LOAD(),
      ...tee(3),
      ...F64X2_PROMOTE_LOW,
      ...get(4),
      ...F64X2_ADD,
      ...set(4),
      ...get(3),
      ...get(3),
      ...HIGH_HALF,
      ...F64X2_PROMOTE_LOW,
      ...get(5),
      ...F64X2_ADD,
      ...set(5),
      ...advance(0, 16),
    ]),
    ...get(2),
    ...get(4),
    ...V_STORE(0),
    ...get(2),
    ...get(5),
    ...V_STORE(16),
  ],
}

/** peak(src, n4, out): writes max|x| per lane (f32x4) to out. */
const peakFn: FunctionDef = {
  name: 'peak',
  params: [I32, I32, I32],
  results: [],
  locals: [V128],
  body: [
    ...countedLoop(1, [
      ...get(0),
      ...V_LOAD(),
      ...F32X4_ABS,
      ...get(3),
      ...F32X4_PMAX,
      ...set(3),
      ...advance(0, 16),
    ]),
    ...get(2),
    ...get(3),
    ...V_STORE(0),
  ],
}

type Fn = (...args: number[]) => void

/** The instantiated kernels with typed views on their memory and a small allocator. */
export class Kernels {
  readonly window: (src: number, win: number, dst: number, offset: number, n4: number) => void
  readonly accumulate: (spec: number, sumMag: number, prod: number, groups: number) => void
  readonly gains: (spec: number, g: number, groups: number) => void
  readonly ola: (src: number, ws: number, w2: number, acc: number, wss: number, n4: number) => void
  readonly normalize: (acc: number, wss: number, dst: number, n4: number) => void
  readonly stats: (src: number, n4: number, out: number) => void
  readonly shift: (src: number, dst: number, offset: number, n4: number) => void
  readonly sum: (src: number, n4: number, out: number) => void
  readonly peak: (src: number, n4: number, out: number) => void
  private readonly memory: WasmMemory
  private top = 64
  private readonly free = new Map<number, number[]>()
  f32!: Float32Array
  f64!: Float64Array
  i32!: Int32Array

  constructor() {
    const exports = instantiate(
      assemble(1, [
        windowFn,
        accumulateFn,
        gainsFn,
        olaFn,
        normalizeFn,
        statsFn,
        shiftFn,
        sumFn,
        peakFn,
      ]),
    )
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
