import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { watPlugin } from './build/wat.mjs'
import { executableEntries } from './src-main/launch/executable-bin'

const root = fileURLToPath(new URL('.', import.meta.url))
const alias = { '@shared': resolve(root, 'src-shared') }

// Renderer only. wavesurfer.js's spectrogram plugin probes for Node's worker_threads (inside a
// try/catch, and uses it only when `process` is Node's, which a renderer's never is; it then
// makes a Blob worker). An empty module is therefore exact, and vite no longer warns that it
// externalised a Node built-in for the browser.
const NO_WORKER_THREADS = '\0scw:no-worker-threads'
const noWorkerThreads: Plugin = {
  name: 'scw:no-worker-threads',
  enforce: 'pre',
  resolveId: (id) =>
    id === 'worker_threads' || id === 'node:worker_threads' ? NO_WORKER_THREADS : null,
  load: (id) => (id === NO_WORKER_THREADS ? 'export const Worker = undefined\n' : null),
}

// One main bundle holds the Node entry points: the Electron app and the `scw` command line. The
// worker threads' entries are bundled where src-main/jobs/pool.ts names them (`?modulePath`).
// Only `index` imports electron; the others run under plain Node too.
export default defineConfig({
  main: {
    resolve: { alias },
    // WebAssembly kernels written as .wat are compiled to bytes at build time; `npx scw` runs
    // out/main/cli.js, which each build writes afresh without its execute bit.
    plugins: [watPlugin(), executableEntries(['cli'])],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'src-main/index.ts'),
          cli: resolve(root, 'src-main/cli/main.ts'),
        },
        output: {
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    resolve: { alias },
    plugins: [vue(), noWorkerThreads],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
})
