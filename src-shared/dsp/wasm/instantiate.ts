// src-shared has neither DOM nor Node types: the few WebAssembly members used are typed here.
interface WasmGlobal {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> }
}

/** Exported memory of an instance. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer
  /** Grows by `pages` × 64 KiB; returns the previous size in pages. */
  grow(pages: number): number
}

/**
 * Compiles and instantiates module bytes (from a `.wat` import) synchronously; throws if
 * WebAssembly or its SIMD instructions are missing.
 */
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
