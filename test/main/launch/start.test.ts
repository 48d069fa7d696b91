// `npm start` where Electron's binary cannot be had (as here): it must say so and fall back to
// browser mode with a working, token-protected URL. The download is pointed at a closed port and
// an empty cache so the test never fetches Electron, even on a machine with network.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../../..')
const installed = existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt'))
const dir = mkdtempSync(join(tmpdir(), 'scw-start-'))
let child: ChildProcess | undefined

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL')
  }
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(installed)('npm start without an Electron binary', () => {
  it('falls back to browser mode with a clear message and a URL that wants the token', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SCW_DEMO_DIR: join(dir, 'demo'),
      SCW_STATE_DIR: join(dir, 'state'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(dir, 'electron-cache'),
    }
    delete env.SCW_BROWSER
    delete env.ELECTRON_OVERRIDE_DIST_PATH
    const proc = spawn(process.execPath, [join(ROOT, 'src-main', 'launch', 'start.mjs')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    let out = ''
    let err = ''
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out)
        if (m) resolve(m[0])
      })
      proc.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}\n${err}`)))
    })
    expect(out).toMatch(/Electron's binary could not be downloaded \(.+\)\. Starting browser mode/)
    expect(out).toContain('Ctrl-C to stop')

    const base = url.slice(0, url.indexOf('/?token='))
    expect((await fetch(`${base}/`)).status).toBe(401)
    expect((await fetch(`${base}/api/app.info`, { method: 'POST' })).status).toBe(401)
    const withToken = await fetch(url, { redirect: 'manual' })
    expect(withToken.status).toBe(303)

    const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
    proc.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(err).toContain('stopped')
  }, 120_000)
})
