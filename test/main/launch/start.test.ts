// `npm start` where Electron's window cannot open (no display): it must say so before trying
// any download, and fall back to browser mode with a working, token-protected URL. The download
// is pointed at a closed port and an empty cache as well, so that a launcher that did try would
// fail here too and never fetch Electron, even on a machine with network.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'scw-start-'))
let child: ChildProcess | undefined

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL')
  }
  rmSync(dir, { recursive: true, force: true })
})

// Only Linux has DISPLAY/WAYLAND_DISPLAY to check.
describe.skipIf(process.platform !== 'linux')('npm start without a display', () => {
  it('falls back to browser mode with the reason and a URL that wants the token', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SCW_DEMO_DIR: join(dir, 'demo'),
      SCW_STATE_DIR: join(dir, 'state'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(dir, 'electron-cache'),
    }
    delete env.SCW_BROWSER
    delete env.SCW_RETRY_ELECTRON
    delete env.ELECTRON_OVERRIDE_DIST_PATH
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY
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
    expect(out).toContain(
      "[scw] Electron's window cannot open: no display (neither DISPLAY nor WAYLAND_DISPLAY " +
        'is set).\n[scw] Starting browser mode instead: open the URL below in your web browser.\n',
    )
    expect(out).not.toContain('Downloading')
    expect(out).toContain('Ctrl-C to stop')
    // A missing display is checked on every start, never remembered as a failure.
    expect(existsSync(join(dir, 'state', 'electron-failure.json'))).toBe(false)

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
