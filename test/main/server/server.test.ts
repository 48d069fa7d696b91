import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startServer, type RunningServer } from '../../../src-main/server/server'
import { FakeBackend } from './fake-backend'
import { request } from './http'

const dir = mkdtempSync(join(tmpdir(), 'scw-server-'))
const renderer = join(dir, 'renderer')
mkdirSync(join(renderer, 'assets'), { recursive: true })
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>scw</title>')
writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(dir, 'secret.txt'), 'secret')
symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'))

const audio = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256))
const backend = new FakeBackend()
backend.media_.set('recording/5/', { bytes: audio, size: audio.length, contentType: 'audio/wav' })
backend.media_.set('corrected/5/stft', { bytes: audio, size: 1000, contentType: 'audio/wav' })

let server: RunningServer
let auth: Record<string, string>
let origin: string

beforeAll(async () => {
  server = await startServer({ backend, rendererDir: renderer, maxBodyBytes: 1024 })
  auth = { cookie: `scw_token_${server.port}=${server.token}` }
  origin = `http://127.0.0.1:${server.port}`
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  request(server.port, `/api/${method}`, {
    method: 'POST',
    headers: { ...auth, origin, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

describe('browser mode server: access', () => {
  it('prints a loopback URL with a 43-character base64url token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('refuses to bind a non-loopback host unless told to', async () => {
    await expect(startServer({ backend, host: '0.0.0.0' })).rejects.toThrow(/not a loopback/)
  })

  it.each([
    ['static', 'GET', '/'],
    ['a static asset', 'GET', '/assets/app.js'],
    ['the API', 'POST', '/api/app.info'],
    ['the folder browser', 'POST', '/api/system.listFolder'],
    ['media', 'GET', '/media/recording/5'],
  ])('answers 401 without the token (%s)', async (_name, method, path) => {
    const r = await request(server.port, path, { method, headers: { origin } })
    expect(r.status).toBe(401)
    expect(backend.calls).toEqual([])
  })

  it('answers 401 to a wrong token, cookie or bearer', async () => {
    expect((await request(server.port, '/?token=nope')).status).toBe(401)
    const cookie = { cookie: `scw_token_${server.port}=${server.token}x` }
    expect((await request(server.port, '/', { headers: cookie })).status).toBe(401)
    const bearer = { authorization: 'Bearer wrong' }
    expect((await request(server.port, '/', { headers: bearer })).status).toBe(401)
  })

  it('trades the token for an HttpOnly SameSite=Strict cookie, then serves with it', async () => {
    const first = await request(server.port, `/?token=${server.token}`)
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const nested = await request(server.port, `//evil.example//x?token=${server.token}&a=1`)
    expect(nested.headers.location).toBe('/x?a=1')
    const cookie = String(first.headers['set-cookie'])
    expect(cookie).toContain(`scw_token_${server.port}=${server.token}`)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const page = await request(server.port, '/', { headers: { cookie: cookie.split(';')[0] } })
    expect(page.status).toBe(200)
    expect(page.text).toContain('<title>scw</title>')
  })

  it('accepts the token as a Bearer header (scripts)', async () => {
    const r = await request(server.port, '/api/app.info', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
    })
    expect(r.status).toBe(200)
  })

  it('answers 403 to a foreign Host, even with the token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1']) {
      const r = await request(server.port, '/', { headers: { ...auth, host } })
      expect(r.status).toBe(403)
    }
    const viaToken = await request(server.port, `/?token=${server.token}`, {
      headers: { host: 'evil.example' },
    })
    expect(viaToken.status).toBe(403)
    const localhost = await request(server.port, '/', {
      headers: { ...auth, host: `localhost:${server.port}` },
    })
    expect(localhost.status).toBe(200)
  })

  it('answers 403 to an API call from a foreign Origin', async () => {
    for (const o of ['http://evil.example', 'null', `http://localhost:${server.port}`]) {
      expect((await api('app.info', {}, { origin: o })).status).toBe(403)
    }
  })
})

describe('browser mode server: static files', () => {
  it('sends the CSP with the event socket, and content types', async () => {
    const page = await request(server.port, '/', { headers: auth })
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`)
    expect(csp).toContain("script-src 'self'")
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    const js = await request(server.port, '/assets/app.js', { headers: auth })
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00',
    '/assets/link.txt',
    '//evil.example/../secret.txt',
  ])('refuses path traversal %s', async (path) => {
    const r = await request(server.port, path, { headers: auth })
    expect(r.status).toBe(404)
    expect(r.text).not.toContain('secret')
  })

  it('lists no folders, and falls back to index.html only for navigations', async () => {
    expect((await request(server.port, '/assets/', { headers: auth })).status).toBe(404)
    expect((await request(server.port, '/assets/missing.js', { headers: auth })).status).toBe(404)
    const nav = await request(server.port, '/devices', {
      headers: { ...auth, 'sec-fetch-mode': 'navigate' },
    })
    expect(nav.status).toBe(200)
    expect(nav.text).toContain('<title>scw</title>')
    const fetchMode = await request(server.port, '/devices', {
      headers: { ...auth, 'sec-fetch-mode': 'cors' },
    })
    expect(fetchMode.status).toBe(404)
  })
})

describe('browser mode server: API', () => {
  it('round-trips a call as { result }', async () => {
    const r = await api('app.info', {})
    expect(r.status).toBe(200)
    expect(JSON.parse(r.text)).toMatchObject({ result: { name: 'scw', transport: 'browser' } })
  })

  it('maps errors to statuses with { error }', async () => {
    const cases: [string, unknown, number, string][] = [
      ['project.open', { path: 42 }, 400, 'invalid-request'],
      ['recordings.detail', { id: 99 }, 404, 'not-found'],
      ['project.current', {}, 409, 'no-project'],
      ['jobs.list', {}, 500, 'failed'],
      ['no.such', {}, 404, 'not-found'],
    ]
    for (const [method, body, status, code] of cases) {
      const r = await api(method, body)
      expect([method, r.status]).toEqual([method, status])
      expect(JSON.parse(r.text).error.code).toBe(code)
    }
  })

  it('refuses bad JSON (400), oversized bodies (413) and other verbs (405)', async () => {
    const bad = await request(server.port, '/api/app.info', {
      method: 'POST',
      headers: { ...auth, origin },
      body: '{nope',
    })
    expect(bad.status).toBe(400)
    const big = await api('project.open', { path: 'x'.repeat(2000) })
    expect(big.status).toBe(413)
    const get = await request(server.port, '/api/app.info', { headers: auth })
    expect(get.status).toBe(405)
  })

  it('answers 413 to a streamed body that grows past the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          port: server.port,
          host: '127.0.0.1',
          path: '/api/project.open',
          method: 'POST',
          headers: { ...auth, origin, 'transfer-encoding': 'chunked' },
        },
        (res) => resolve(res.statusCode ?? 0),
      )
      req.on('error', reject)
      req.write('{"path":"')
      req.write('x'.repeat(2000))
    })
    expect(status).toBe(413)
  })
})

describe('browser mode server: events', () => {
  const connect = (headers: Record<string, string>) =>
    new WebSocket(`ws://127.0.0.1:${server.port}/events`, { headers })

  it('refuses the upgrade without the token (401) or from a foreign Origin (403)', async () => {
    const status = (ws: WebSocket) =>
      new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.on('error', () => resolve(-1))
      })
    expect(await status(connect({ origin }))).toBe(401)
    expect(await status(connect({ ...auth, origin: 'http://evil.example' }))).toBe(403)
  })

  it('sends every backend event as { event, payload }', async () => {
    const ws = connect({ ...auth, origin })
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    const message = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    )
    const progress = {
      jobId: 1,
      kind: 'analyze' as const,
      done: 1,
      failed: 0,
      total: 2,
      seconds: 1,
      totalSeconds: 2,
      rate: 10,
      filesPerSec: 0,
      skipped: 0,
      phase: null,
      etaSec: null,
      current: 'a.wav',
    }
    backend.emit('job.progress', progress)
    expect(await message).toEqual({ event: 'job.progress', payload: progress })
    ws.close()
  })
})

describe('browser mode server: media', () => {
  const media = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    request(server.port, path, { method, headers: { ...auth, ...headers } })

  it('serves a recording whole, in ranges (206), and refuses past the end (416)', async () => {
    const whole = await media('/media/recording/5')
    expect(whole.status).toBe(200)
    expect(whole.headers['accept-ranges']).toBe('bytes')
    expect(whole.body.equals(audio)).toBe(true)
    const part = await media('/media/recording/5', { range: 'bytes=10-19' })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe('bytes 10-19/1000')
    expect(part.body.equals(audio.subarray(10, 20))).toBe(true)
    const suffix = await media('/media/recording/5', { range: 'bytes=-500' })
    expect(suffix.body.equals(audio.subarray(500))).toBe(true)
    const past = await media('/media/recording/5', { range: 'bytes=5000-' })
    expect(past.status).toBe(416)
    expect(past.headers['content-range']).toBe('bytes */1000')
  })

  it('answers HEAD with headers only', async () => {
    const head = await media('/media/recording/5', { range: 'bytes=0-99' }, 'HEAD')
    expect(head.status).toBe(206)
    expect(head.headers['content-length']).toBe('100')
    expect(head.body.length).toBe(0)
  })

  it('serves corrected previews by method', async () => {
    expect((await media('/media/corrected/5?method=stft')).status).toBe(200)
  })

  it.each([
    '/media/recording/6',
    '/media/recording/0',
    '/media/recording/abc',
    '/media/recording/5?method=fir',
    '/media/corrected/5?method=magic',
    '/media/corrected/7',
    '/media/other/5',
    '/media/recording/5/x',
    '/media/recording/..%2f..%2fsecret.txt',
  ])('answers 404 to %s', async (path) => {
    expect((await media(path)).status).toBe(404)
  })
})
