// Types for the Emscripten builds of PFFFT shipped by @echogarden/pffft-wasm; `fft.ts` narrows the
// module object to the functions it uses (see `pffft-module.ts`).
declare module '@echogarden/pffft-wasm/simd' {
  const factory: (options?: { wasmBinary?: Uint8Array }) => Promise<object>
  export default factory
}
declare module '@echogarden/pffft-wasm' {
  const factory: (options?: { wasmBinary?: Uint8Array }) => Promise<object>
  export default factory
}
