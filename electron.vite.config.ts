import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { watPlugin } from './build/wat.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))
const alias = { '@shared': resolve(root, 'src-shared') }

// One main bundle holds every Node entry point: the Electron app, the `scw` command line and
// the worker threads. Only `index` imports electron; the others run under plain Node too.
export default defineConfig({
  main: {
    resolve: { alias },
    // WebAssembly kernels written as .wat, compiled to bytes at build time
    plugins: [watPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'src-main/index.ts'),
          cli: resolve(root, 'src-main/cli/main.ts'),
          'workers/analyze': resolve(root, 'src-main/workers/analyze.ts'),
          'workers/export': resolve(root, 'src-main/workers/export.ts'),
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
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
})
