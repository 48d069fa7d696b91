// A small WebAssembly assembler: enough to write SIMD kernels as readable opcode lists in
// TypeScript, with no build step and no binary blob (the WebAssembly spec's binary format).

/** Value types. */
export const I32 = 0x7f
export const F32 = 0x7d
export const F64 = 0x7c
export const V128 = 0x7b
export type ValType = typeof I32 | typeof F32 | typeof F64 | typeof V128

/** Unsigned LEB128. */
export function leb(n: number): number[] {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n >>>= 7
    if (n !== 0) b |= 0x80
    out.push(b)
  } while (n !== 0)
  return out
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): number[] {
  const out: number[] = []
  for (;;) {
    const b = n & 0x7f
    n >>= 7
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b]
    out.push(b | 0x80)
  }
}

const bytesOf = (a: Float32Array | Float64Array): number[] =>
  Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))

// Plain instructions.
export const get = (i: number): number[] => [0x20, ...leb(i)]
export const set = (i: number): number[] => [0x21, ...leb(i)]
export const tee = (i: number): number[] => [0x22, ...leb(i)]
export const i32 = (n: number): number[] => [0x41, ...sleb(n)]
export const f32 = (x: number): number[] => [0x43, ...bytesOf(new Float32Array([x]))]
export const f64 = (x: number): number[] => [0x44, ...bytesOf(new Float64Array([x]))]
export const I32_ADD = [0x6a]
export const I32_SUB = [0x6b]
export const I32_EQZ = [0x45]
export const F64_STORE = (offset = 0): number[] => [0x39, 3, ...leb(offset)]
export const F32_STORE = (offset = 0): number[] => [0x38, 2, ...leb(offset)]
export const I32_STORE = (offset = 0): number[] => [0x36, 2, ...leb(offset)]

/** SIMD instruction `op` (0xfd prefix). */
export const simd = (op: number): number[] => [0xfd, ...leb(op)]
export const V_LOAD = (offset = 0): number[] => [...simd(0x00), 0, ...leb(offset)]
export const V_STORE = (offset = 0): number[] => [...simd(0x0b), 0, ...leb(offset)]
/** i8x16.shuffle taking 32-bit lanes `lanes` (0-3 from the first operand, 4-7 from the second). */
export const SHUFFLE_32 = (lanes: readonly number[]): number[] => [
  ...simd(0x0d),
  ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]),
]
export const F32X4_SPLAT = simd(0x13)
export const F64X2_SPLAT = simd(0x14)
export const F32X4_EXTRACT = (lane: number): number[] => [...simd(0x1f), lane]
export const F64X2_EXTRACT = (lane: number): number[] => [...simd(0x21), lane]
export const I32X4_EXTRACT = (lane: number): number[] => [...simd(0x1b), lane]
export const F32X4_GE = simd(0x46)
export const F32X4_ABS = simd(0xe0)
export const F32X4_SQRT = simd(0xe3)
export const F32X4_ADD = simd(0xe4)
export const F32X4_SUB = simd(0xe5)
export const F32X4_MUL = simd(0xe6)
/** Pseudo-maximum (b < a ? a : b): one machine instruction, unlike f32x4.max's NaN rules. */
export const F32X4_PMAX = simd(0xeb)
export const F64X2_ADD = simd(0xf0)
export const F64X2_MUL = simd(0xf2)
export const F64X2_PROMOTE_LOW = simd(0x5f)
export const I32X4_SUB = simd(0xb1)

/**
 * `block { loop { if (local counter == 0) break; body; counter -= 1; continue } }`: runs `body`
 * `counter` times.
 */
export function countedLoop(counter: number, body: number[]): number[] {
  return [
    ...[0x02, 0x40, 0x03, 0x40],
    ...get(counter),
    ...I32_EQZ,
    ...[0x0d, 1], // br_if 1: leave the block
    ...body,
    ...get(counter),
    ...i32(1),
    ...I32_SUB,
    ...set(counter),
    ...[0x0c, 0], // br 0: next iteration
    ...[0x0b, 0x0b],
  ]
}

/** `local += by` for an i32 local (pointer steps). */
export const advance = (local: number, by: number): number[] => [
  ...get(local),
  ...i32(by),
  ...I32_ADD,
  ...set(local),
]

export interface FunctionDef {
  name: string
  params: ValType[]
  results: ValType[]
  /** Locals after the parameters, by type. */
  locals: ValType[]
  body: number[]
}

/** A module with one exported memory `memory` of `pages` × 64 KiB and the given exported functions. */
export function assemble(pages: number, functions: readonly FunctionDef[]): Uint8Array {
  const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body]
  const vec = (items: number[][]): number[] => [...leb(items.length), ...items.flat()]
  const name = (s: string): number[] => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))]
  const types = functions.map((f) => [
    0x60,
    ...leb(f.params.length),
    ...f.params,
    ...leb(f.results.length),
    ...f.results,
  ])
  const code = functions.map((f) => {
    const groups = f.locals.map((t) => [1, t])
    const body = [...vec(groups), ...f.body, 0x0b]
    return [...leb(body.length), ...body]
  })
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => leb(i)))),
    ...section(5, [1, 0, ...leb(pages)]),
    ...section(
      7,
      vec([[...name('memory'), 2, 0], ...functions.map((f, i) => [...name(f.name), 0, ...leb(i)])]),
    ),
    ...section(10, vec(code)),
  ])
}

// src-shared has neither DOM nor Node types: the few WebAssembly members used are typed here.
interface WasmGlobal {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> }
}

/** Exported memory of an instance. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}

/** Compiles and instantiates module bytes synchronously; throws if WebAssembly (SIMD) is missing. */
export function instantiate(bytes: Uint8Array): Record<string, unknown> {
  const wasm = (globalThis as { WebAssembly?: WasmGlobal }).WebAssembly
  if (!wasm) throw new Error('WebAssembly is not available in this JavaScript engine')
  try {
    return new wasm.Instance(new wasm.Module(bytes)).exports
  } catch (e) {
    throw new Error(
      `WebAssembly SIMD kernels failed to load (SIMD unsupported?): ${(e as Error).message}`,
      { cause: e },
    )
  }
}
