import type { Plugin } from 'vite'

/** Compiles the .wat file at `path` to WebAssembly module bytes. */
export function compileWat(path: string): Promise<Uint8Array>

/** Vite (and vitest) plugin: `import bytes from './x.wat'` yields the compiled module's bytes. */
export function watPlugin(): Plugin
