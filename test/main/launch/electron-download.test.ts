// The one part of `npm start` that cannot run against GitHub here: getting Electron's binary.
// A local HTTP server plays the mirror (ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, as @electron/get
// reads them) and serves a fake release made in this test: a zip with an `electron` shell
// script and a `version` file, and a SHASUMS256.txt. Everything lands in scratch folders (the
// download cache through electron_config_cache); node_modules/electron is only read.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { zip } from './fixture-zip'

const ROOT = join(import.meta.dirname, '../../..')
const PKG = join(ROOT, 'node_modules', 'electron')
const VERSION = (JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { version: string })
  .version
const ZIP_NAME = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`
const MARK = 'fake electron for the launcher test'

type Out = { say(m: string): void; write(t: string): void; tty: boolean }
type Prepared =
  { ok: true; path: string; version: string } | { ok: false; reason: string; message: string }
interface Setup {
  prepareElectron(o: {
    pkgDir: string
    installDir?: string
    stateDir: string
    env: NodeJS.ProcessEnv
    platform: string
    uid: number | undefined
    retry: boolean
    out: Out
    stallMs?: number
  }): Promise<Prepared>
}
const setupUrl = pathToFileURL(join(ROOT, 'src-main/launch/electron-setup.mjs')).href
const { prepareElectron } = (await import(setupUrl)) as Setup

const archive = zip([
  { name: 'electron', data: Buffer.from(`#!/bin/sh\necho "${MARK} $*"\n`), mode: 0o755 },
  { name: 'version', data: Buffer.from(VERSION), mode: 0o644 },
  // Big enough for several progress steps (the real one is about 100 MB).
  { name: 'resources/payload.bin', data: randomBytes(1 << 20), mode: 0o644 },
])
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const shasums = (hash: string) => `${hash} *${ZIP_NAME}\n${'0'.repeat(64)} *other.zip\n`

/** What the mirror answers per path, and what it was asked. */
interface Mirror {
  url: string
  routes: Map<string, { status: number; body: Buffer | string } | 'stall'>
  requests: string[]
}
let server: Server
const mirror: Mirror = { url: '', routes: new Map(), requests: [] }
const dir = mkdtempSync(join(tmpdir(), 'scw-electron-get-'))
const base = `/mirror/custom-${VERSION}`

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? ''
    mirror.requests.push(path)
    const route = mirror.routes.get(path)
    if (route === 'stall') {
      res.writeHead(200, { 'content-length': String(archive.length) })
      res.write(archive.subarray(0, 1000)) // and then nothing more
      return
    }
    if (!route) return void res.writeHead(404).end()
    const body = Buffer.from(route.body)
    res.writeHead(route.status, { 'content-length': String(body.length) })
    // In slices, as a network delivers it, so that progress has steps to show.
    let at = 0
    const next = () => {
      if (at >= body.length) return void res.end()
      const slice = body.subarray(at, (at += 64 * 1024))
      if (res.write(slice)) setImmediate(next)
      else res.once('drain', next)
    }
    next()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  mirror.url = `http://127.0.0.1:${address.port}/mirror/`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

afterEach(() => {
  vi.unstubAllEnvs()
})

let n = 0
/** Fresh scratch folders and a mirror that serves the fake release with matching checksums. */
function fresh(opts: { mirror?: string; remoteChecksums?: boolean } = {}) {
  const case_ = join(dir, String(++n))
  const cache = join(case_, 'cache')
  mirror.routes = new Map([
    [`${base}/${ZIP_NAME}`, { status: 200, body: archive }],
    [`${base}/SHASUMS256.txt`, { status: 200, body: shasums(sha256(archive)) }],
  ])
  mirror.requests = []
  // @electron/get reads these itself, from process.env; npm's copies of them would win.
  for (const k of Object.keys(process.env)) {
    if (/^npm_(package_)?config_electron_/i.test(k)) vi.stubEnv(k, undefined)
  }
  vi.stubEnv('ELECTRON_MIRROR', opts.mirror ?? mirror.url)
  vi.stubEnv('ELECTRON_CUSTOM_DIR', 'custom-{{ version }}')
  vi.stubEnv('ELECTRON_CUSTOM_FILENAME', undefined)
  vi.stubEnv('ELECTRON_CUSTOM_VERSION', undefined)
  vi.stubEnv('electron_config_cache', cache)
  vi.stubEnv('electron_use_remote_checksums', opts.remoteChecksums === false ? undefined : '1')
  vi.stubEnv('force_no_cache', undefined)
  const lines: string[] = []
  const out: Out = { say: (m) => lines.push(m), write: (t) => lines.push(t), tty: false }
  const options = {
    pkgDir: PKG,
    installDir: join(case_, 'electron'),
    stateDir: join(case_, 'state'),
    env: { DISPLAY: ':0' } as NodeJS.ProcessEnv,
    platform: process.platform,
    uid: 1000,
    retry: false,
    out,
  }
  return { options, lines, cache, memo: join(options.stateDir, 'electron-failure.json') }
}

/** Every file under `dir`. */
function files(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => join(root, f))
}

const zipRequests = () => mirror.requests.filter((r) => r.endsWith(`/${ZIP_NAME}`)).length

describe.skipIf(process.platform !== 'linux')('Electron from a mirror', () => {
  it('downloads, checks SHASUMS256.txt, extracts, caches and shows its progress', async () => {
    const { options, lines, cache } = fresh()
    const got = await prepareElectron(options)
    if (!got.ok) throw new Error(got.message)
    expect(got.version).toBe(VERSION)
    expect(got.path).toBe(join(options.installDir, 'dist', 'electron'))
    expect(statSync(got.path).mode & 0o111).toBe(0o111)
    expect(execFileSync(got.path, ['--flag'], { encoding: 'utf8' })).toBe(`${MARK} --flag\n`)
    expect(readFileSync(join(options.installDir, 'path.txt'), 'utf8')).toBe('electron')
    expect(mirror.requests).toEqual([`${base}/${ZIP_NAME}`, `${base}/SHASUMS256.txt`])

    const zipUrl = `${mirror.url}custom-${VERSION}/${ZIP_NAME}`
    expect(lines).toContain(
      `Downloading Electron ${VERSION} for ${process.platform}-${process.arch}: ${zipUrl}`,
    )
    expect(lines).toContain(`Size: ${(archive.length / 1e6).toFixed(1)} MB`)
    const steps = lines.filter((l) => l.includes(' %  '))
    expect(steps.length).toBeGreaterThanOrEqual(3)
    expect(steps.at(-1)).toMatch(/^ {2}100 % {2}1\.\d MB of 1\.\d MB$/)
    expect(lines).toContain('SHA-256 checked against SHASUMS256.txt from the mirror')
    expect(lines.at(-1)).toBe(`Electron ${VERSION} is ready: ${got.path}`)
    // The zip stays in the download cache, where a later install finds it.
    expect(files(cache).filter((f) => f.endsWith(`/${ZIP_NAME}`))).toHaveLength(1)

    // Installed: the next start asks nothing of the network.
    const again = await prepareElectron(options)
    expect(again).toEqual(got)
    expect(mirror.requests).toHaveLength(2)

    // Installed files gone, archive cached: no second download of the zip.
    rmSync(options.installDir, { recursive: true })
    lines.length = 0
    const fromCache = await prepareElectron(options)
    expect(fromCache.ok).toBe(true)
    expect(zipRequests()).toBe(1)
    expect(lines.some((l) => l.startsWith('Using ') && l.endsWith('from the download cache'))).toBe(
      true,
    )
  })

  it('refuses a tampered archive (SHASUMS256.txt), extracts nothing and remembers why', async () => {
    const { options, memo } = fresh()
    mirror.routes.set(`${base}/SHASUMS256.txt`, { status: 200, body: shasums(sha256(zip([]))) })
    const got = await prepareElectron(options)
    expect(got).toMatchObject({
      ok: false,
      reason: `checksum mismatch: ${ZIP_NAME} does not match SHASUMS256.txt from the mirror`,
    })
    expect(existsSync(join(options.installDir, 'path.txt'))).toBe(false)
    expect(existsSync(join(options.installDir, 'dist'))).toBe(false)
    const record = JSON.parse(readFileSync(memo, 'utf8')) as Record<string, string>
    expect(record).toMatchObject({ version: VERSION, step: `downloading Electron ${VERSION}` })
    expect(record.reason).toMatch(/^checksum mismatch/)
  })

  it('checks against the checksums shipped in the electron package by default', async () => {
    const { options } = fresh({ remoteChecksums: false })
    const got = await prepareElectron(options)
    expect(got).toMatchObject({
      ok: false,
      reason: `checksum mismatch: ${ZIP_NAME} does not match the checksums.json of electron`,
    })
    // The package's own checksums need no SHASUMS256.txt.
    expect(mirror.requests).toEqual([`${base}/${ZIP_NAME}`])
  })

  it('mirror down: names it, remembers it, does not retry, and retries when asked', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as { port: number }).port
    await new Promise((resolve) => closed.close(resolve))
    const { options, memo, lines } = fresh({ mirror: `http://127.0.0.1:${port}/mirror/` })

    const before = Date.now()
    const down = await prepareElectron(options)
    expect(down).toMatchObject({
      ok: false,
      reason: `no network: 127.0.0.1:${port} unreachable (connection refused)`,
    })
    if (down.ok) return
    expect(down.message).toContain(`Remembered in ${memo}`)
    expect(down.message).toContain('npm start -- --retry-electron')
    expect(down.message).toContain('SCW_RETRY_ELECTRON=1')
    expect(down.message).not.toMatch(/fetch failed/)
    const record = JSON.parse(readFileSync(memo, 'utf8')) as Record<string, string>
    expect(record.reason).toBe(down.reason)
    expect(Date.parse(record.time)).toBeGreaterThanOrEqual(before - 1000)

    // The mirror is back, but the next start does not even ask it.
    vi.stubEnv('ELECTRON_MIRROR', mirror.url)
    const next = await prepareElectron(options)
    expect(next).toMatchObject({ ok: false, reason: down.reason })
    if (next.ok) return
    expect(next.message).toMatch(
      /^Downloading Electron .* failed on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    )
    expect(next.message).toContain('Not trying again')
    expect(mirror.requests).toEqual([])
    expect(lines.filter((l) => l.startsWith('Downloading'))).toHaveLength(1)

    // --retry-electron: it tries, succeeds and forgets the failure.
    const retried = await prepareElectron({ ...options, retry: true })
    expect(retried.ok).toBe(true)
    expect(zipRequests()).toBe(1)
    expect(existsSync(memo)).toBe(false)
  })

  it('names a file missing from the mirror by its URL and status', async () => {
    const { options } = fresh()
    mirror.routes.delete(`${base}/${ZIP_NAME}`)
    const got = await prepareElectron(options)
    expect(got).toMatchObject({
      ok: false,
      reason: `${mirror.url}custom-${VERSION}/${ZIP_NAME} answered HTTP 404 Not Found`,
    })
  })

  it('abandons a download that stops sending data', async () => {
    const { options } = fresh()
    mirror.routes.set(`${base}/${ZIP_NAME}`, 'stall')
    const got = await prepareElectron({ ...options, stallMs: 300 })
    expect(got).toMatchObject({
      ok: false,
      reason: `download stalled: no data from ${new URL(mirror.url).host} for 300 ms`,
    })
    server.closeAllConnections()
  })

  it('checks the display and root before asking the network, and remembers neither', async () => {
    const { options, memo } = fresh()
    const noDisplay = await prepareElectron({ ...options, env: {} })
    expect(noDisplay).toMatchObject({
      ok: false,
      reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    })
    const wayland = await prepareElectron({
      ...options,
      env: { WAYLAND_DISPLAY: 'wayland-0' },
      uid: 0,
    })
    expect(wayland).toMatchObject({ ok: false, reason: expect.stringMatching(/^running as root/) })
    if (!wayland.ok) expect(wayland.message).toContain('keeps the sandbox on')
    expect(mirror.requests).toEqual([])
    expect(existsSync(memo)).toBe(false)
  })

  it('does not hold another Electron version’s failure against this one', async () => {
    const { options, memo } = fresh()
    mkdirSync(options.stateDir, { recursive: true })
    const old = {
      version: '1.0.0',
      step: 'downloading Electron 1.0.0',
      reason: 'x',
      time: '2020-01-01T00:00:00.000Z',
    }
    writeFileSync(memo, JSON.stringify(old))
    expect((await prepareElectron(options)).ok).toBe(true)
    expect(existsSync(memo)).toBe(false)
  })

  it('says it ignores a failure record it cannot read, and downloads', async () => {
    const { options, memo, lines } = fresh()
    mkdirSync(options.stateDir, { recursive: true })
    writeFileSync(memo, '{"version": ')
    expect((await prepareElectron(options)).ok).toBe(true)
    expect(lines[0]).toBe(`Ignoring ${memo}: it is not a failure record this launcher wrote.`)
    expect(existsSync(memo)).toBe(false)
  })

  it('uses ELECTRON_OVERRIDE_DIST_PATH as it is, and says when it holds no Electron', async () => {
    const { options } = fresh()
    const custom = join(dir, 'custom-build')
    mkdirSync(custom, { recursive: true })
    const missing = await prepareElectron({
      ...options,
      env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: custom },
    })
    expect(missing).toMatchObject({ ok: false, reason: expect.stringContaining(custom) })
    writeFileSync(join(custom, 'electron'), '#!/bin/sh\n', { mode: 0o755 })
    const found = await prepareElectron({
      ...options,
      env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: custom },
    })
    expect(found).toEqual({ ok: true, path: join(custom, 'electron'), version: VERSION })
    expect(mirror.requests).toEqual([])
  })
})
