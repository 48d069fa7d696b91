// WebAssembly text (.wat) to module bytes at build time, with wabt (the WebAssembly Binary
// Toolkit's JavaScript build). `import bytes from './x.wat'` then yields the module's bytes as a
// Uint8Array, so no binary file is kept in the tree and wabt never runs in the app. One compiler
// serves the three ways the sources are run: the electron-vite build and vitest (`watPlugin`), and
// tsx for `npm run bench` (the Node module hook `load`, registered by wat-register.mjs).
import { Buffer } from 'node:buffer'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import wabtInit from 'wabt'

/** @type {ReturnType<typeof wabtInit> | undefined} */
let wabt

/**
 * Compiles the .wat file at `path` (SIMD enabled, validated, with a name section so that
 * debuggers and profilers show the functions' and locals' names); errors name file, line and
 * column.
 * @param {string} path
 * @returns {Promise<Uint8Array>}
 */
export async function compileWat(path) {
  wabt ??= wabtInit()
  const module = (await wabt).parseWat(path, readFileSync(path, 'utf8'), { simd: true })
  try {
    module.resolveNames()
    module.validate()
    return module.toBinary({ write_debug_names: true }).buffer
  } finally {
    module.destroy()
  }
}

/**
 * The JavaScript module standing for a compiled .wat file: its bytes in base64, decoded with
 * `atob`, which Node, browsers and workers all have.
 * @param {Uint8Array} bytes
 */
function bytesModule(bytes) {
  const base64 = Buffer.from(bytes).toString('base64')
  return `export default Uint8Array.from(atob('${base64}'), (c) => c.charCodeAt(0))\n`
}

/**
 * Vite (and vitest) plugin: loads `*.wat` imports as their compiled bytes.
 * @returns {import('vite').Plugin}
 */
export function watPlugin() {
  return {
    name: 'scw-wat',
    enforce: 'pre',
    async load(id) {
      const path = id.split('?')[0]
      return path.endsWith('.wat') ? bytesModule(await compileWat(path)) : null
    },
  }
}

/**
 * Node module hook: loads `*.wat` imports as their compiled bytes.
 * @param {string} url
 * @param {{ format?: string | null }} context
 * @param {(url: string, context: { format?: string | null }) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.split('?')[0].endsWith('.wat')) return nextLoad(url, context)
  const source = bytesModule(await compileWat(fileURLToPath(url)))
  return { format: 'module', source, shortCircuit: true }
}
