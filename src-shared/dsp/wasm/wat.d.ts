/** A WebAssembly text module: compiled at build time (build/wat.mjs) to its binary's bytes. */
declare module '*.wat' {
  const bytes: Uint8Array<ArrayBuffer>
  export default bytes
}
