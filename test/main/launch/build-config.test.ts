// The build's own settings in electron.vite.config.ts: the `scw` bin comes out executable, and
// the renderer build bundles wavesurfer's spectrogram plugin without externalising a Node
// module. Each builds a small input with the config's plugins, so it fails when they are
// missing from the config, not only when the plugin code is wrong.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, createLogger, type InlineConfig, type PluginOption } from 'vite'
import { afterAll, describe, expect, it, vi } from 'vitest'
import config from '../../../electron.vite.config'
import { CLI } from '../../helpers/cli'

const ROOT = join(import.meta.dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'scw-build-config-'))
const layers = config as { main?: InlineConfig; renderer?: InlineConfig }

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Builds `input` with `plugins`; resolves with the warnings it logged. */
async function buildWith(
  plugins: PluginOption[],
  input: Record<string, string>,
  outDir: string,
): Promise<string[]> {
  const warnings: string[] = []
  // As `npm run build` runs it: vite only warns about externalised modules in production, and
  // vitest sets NODE_ENV=test.
  vi.stubEnv('NODE_ENV', 'production')
  const logger = createLogger('warn', { allowClearScreen: false })
  logger.warn = (msg) => void warnings.push(msg)
  logger.warnOnce = (msg) => void warnings.push(msg)
  await build({
    configFile: false,
    root: dir,
    logLevel: 'warn',
    customLogger: logger,
    plugins,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input,
        output: { entryFileNames: '[name].js' },
        onLog: (level, log) => void (level === 'warn' && warnings.push(log.message)),
      },
    },
  }).finally(() => vi.unstubAllEnvs())
  return warnings
}

describe('the main build', () => {
  it('leaves the cli entry executable, and only that entry', async () => {
    writeFileSync(join(dir, 'cli.js'), "console.log('cli')\n")
    writeFileSync(join(dir, 'other.js'), "console.log('other')\n")
    const out = join(dir, 'main-out')
    const input = { cli: join(dir, 'cli.js'), other: join(dir, 'other.js') }
    await buildWith(layers.main?.plugins ?? [], input, out)
    expect(statSync(join(out, 'cli.js')).mode & 0o111).toBe(0o111)
    expect(statSync(join(out, 'other.js')).mode & 0o111).toBe(0)
  })

  it('made out/main/cli.js a runnable bin', () => {
    // test/global-setup.ts rebuilds out/ when it is older than the sources.
    expect(statSync(CLI).mode & 0o100).toBe(0o100)
    expect(execFileSync(CLI, ['--help'], { encoding: 'utf8' })).toMatch(/^usage: scw/m)
  })
})

describe('the renderer build', () => {
  const spectrogram = join(ROOT, 'node_modules/wavesurfer.js/dist/plugins/spectrogram.esm.js')
  const entry = join(dir, 'renderer.js')
  writeFileSync(entry, `import S from '${spectrogram}'\nconsole.log(S)\n`)
  const externalised = (w: string[]) => w.filter((m) => /worker_threads/.test(m))

  it('bundles the spectrogram plugin without externalising worker_threads', async () => {
    const plugins = layers.renderer?.plugins ?? []
    const out = join(dir, 'renderer-out')
    expect(externalised(await buildWith(plugins, { renderer: entry }, out))).toEqual([])
    const js = readdirSync(out).filter((f) => f.endsWith('.js'))
    const code = js.map((f) => readFileSync(join(out, f), 'utf8')).join('\n')
    expect(code).not.toContain('__vite-browser-external')
  })

  it('would warn without the config’s shim (the check above can fail)', async () => {
    const plugins = (layers.renderer?.plugins ?? []).filter(
      (p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'scw:no-worker-threads'),
    )
    const out = join(dir, 'renderer-bare')
    expect(externalised(await buildWith(plugins, { renderer: entry }, out))).not.toEqual([])
  })
})
