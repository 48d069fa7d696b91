import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { watPlugin } from './build/wat.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))
const alias = { '@shared': join(root, 'src-shared') }

/**
 * electron-vite's `?modulePath` for tests: the worker entry that src-main/jobs/pool.ts names is
 * bundled once per run (into .tmp/test-workers) and the import gives its path, as in the app.
 */
function workerEntries(): Plugin {
  const built = new Map<string, Promise<string>>()
  const bundle = async (entry: string): Promise<string> => {
    const outDir = join(root, '.tmp', 'test-workers')
    const name = basename(entry).replace(/\.ts$/, '')
    await build({
      configFile: false,
      logLevel: 'warn',
      plugins: [watPlugin()],
      resolve: { alias },
      build: {
        ssr: entry,
        outDir,
        emptyOutDir: false,
        rollupOptions: { output: { format: 'es', entryFileNames: `${name}.js` } },
      },
    })
    return join(outDir, `${name}.js`)
  }
  return {
    name: 'scw-worker-entries',
    enforce: 'pre',
    async load(id) {
      const [file, query] = id.split('?')
      if (query !== 'modulePath') return null
      let path = built.get(file)
      if (!path) built.set(file, (path = bundle(file)))
      return `export default ${JSON.stringify(await path)}`
    },
  }
}

export default defineConfig({
  // watPlugin: WebAssembly kernels written as .wat, compiled to bytes (as in the build)
  plugins: [vue(), watPlugin(), workerEntries()],
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
