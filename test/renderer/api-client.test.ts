// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ScwBridge } from '@shared/api/bridge'
import { api, ApiError, installTransport } from '../../src-renderer/api'
import { createBrowserTransport } from '../../src-renderer/api/browser'
import { createElectronTransport } from '../../src-renderer/api/electron'
import type { ConnectionState, RendererTransport } from '../../src-renderer/api/transport'
import { appInfo, FakeTransport } from './fake-transport'

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket {
  static all: FakeSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  closed = false
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  close(): void {
    this.closed = true
    this.onclose?.()
  }
  open(): void {
    this.onopen?.()
  }
  receive(data: unknown): void {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) })
  }
  drop(): void {
    this.onclose?.()
  }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  })
}

function browser(fetch: typeof globalThis.fetch): RendererTransport {
  return createBrowserTransport({
    fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    eventsUrl: 'ws://host/events',
    backoffMs: { initial: 100, max: 400 },
  })
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    return e as ApiError
  }
  throw new Error('expected a rejection')
}

beforeEach(() => {
  FakeSocket.all = []
})
afterEach(() => {
  vi.useRealTimers()
})

describe('browser transport: methods', () => {
  it('POSTs the request as JSON to /api/<method> and returns the result', async () => {
    const fetch = vi.fn(async () => json({ result: appInfo({ version: '9.9' }) }))
    const t = browser(fetch)
    const info = await t.call('app.info', {})
    expect(info.version).toBe('9.9')
    expect(fetch).toHaveBeenCalledWith('/api/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    })
    await t.call('project.open', { path: '/x.scw' })
    expect(fetch.mock.calls[1]).toMatchObject(['/api/project.open', { body: '{"path":"/x.scw"}' }])
    t.close?.()
  })

  it('keeps a null result (a cancelled dialog) as null', async () => {
    const t = browser(vi.fn(async () => json({ result: null })))
    expect(await t.call('system.pickPath', { kind: 'folder' })).toBeNull()
    t.close?.()
  })

  it('turns { error } into an ApiError with its code and message', async () => {
    const t = browser(
      vi.fn(async () => json({ error: { code: 'no-project', message: 'open a project' } }, 409)),
    )
    const e = await rejection(t.call('recordings.list', {}))
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({
      code: 'no-project',
      message: 'open a project',
      method: 'recordings.list',
    })
    t.close?.()
  })

  it('reports a network failure, a non-JSON answer and a missing result as transport errors', async () => {
    const down = browser(
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    const e1 = await rejection(down.call('app.info', {}))
    expect(e1).toMatchObject({ code: 'transport' })
    expect(e1.message).toContain('Failed to fetch')

    const html = browser(vi.fn(async () => new Response('<h1>Unauthorised</h1>', { status: 401 })))
    const e2 = await rejection(html.call('app.info', {}))
    expect(e2).toMatchObject({ code: 'transport' })
    expect(e2.message).toContain('401')

    const empty = browser(vi.fn(async () => json({ something: 1 })))
    expect(await rejection(empty.call('app.info', {}))).toMatchObject({ code: 'transport' })
    for (const t of [down, html, empty]) t.close?.()
  })

  it('builds same-origin media URLs', () => {
    const t = browser(vi.fn())
    expect(t.mediaUrl(7)).toBe('/media/recording/7')
    expect(t.mediaUrl(7, { method: 'stft' })).toBe('/media/corrected/7?method=stft')
    t.close?.()
  })
})

describe('browser transport: events', () => {
  it('delivers { event, payload } messages to the listeners of that event', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const t = browser(vi.fn())
    const progress = vi.fn()
    const changed = vi.fn()
    t.on('job.progress', progress)
    const off = t.on('project.changed', changed)
    const ws = FakeSocket.all[0]
    expect(ws.url).toBe('ws://host/events')
    ws.open()
    ws.receive({ event: 'job.progress', payload: { jobId: 1, done: 3 } })
    ws.receive({ event: 'not.an.event', payload: {} })
    ws.receive('not json')
    off()
    ws.receive({ event: 'project.changed', payload: {} })
    expect(progress).toHaveBeenCalledExactlyOnceWith({ jobId: 1, done: 3 })
    expect(changed).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
    t.close?.()
  })

  it('reconnects with a growing delay and reports the connection state', () => {
    vi.useFakeTimers()
    const t = browser(vi.fn())
    const states: ConnectionState[] = []
    t.onConnection?.((s) => states.push(s))
    const listener = vi.fn()
    t.on('job.finished', listener)

    FakeSocket.all[0].open()
    FakeSocket.all[0].drop()
    expect(states).toEqual(['connecting', 'open', 'lost'])
    vi.advanceTimersByTime(99)
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(2) // after 100 ms
    FakeSocket.all[1].drop()
    vi.advanceTimersByTime(199)
    expect(FakeSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(3) // after 200 ms
    FakeSocket.all[2].open()
    expect(states.at(-1)).toBe('open')

    // Listeners survive the reconnection.
    FakeSocket.all[2].receive({ event: 'job.finished', payload: { id: 4 } })
    expect(listener).toHaveBeenCalledWith({ id: 4 })

    t.close?.()
    vi.advanceTimersByTime(10_000)
    expect(FakeSocket.all).toHaveLength(3)
    expect(FakeSocket.all[2].closed).toBe(true)
  })
})

describe('electron transport', () => {
  function bridge(answer: unknown): ScwBridge {
    const method = vi.fn(async () => answer)
    return {
      transport: 'electron',
      methods: new Proxy({}, { get: () => method }) as ScwBridge['methods'],
      on: vi.fn(() => () => {}),
    }
  }

  it('unwraps { result } and rethrows { error } as an ApiError', async () => {
    expect(await createElectronTransport(bridge({ result: 5 })).call('jobs.list', {})).toBe(5)
    const e = await rejection(
      createElectronTransport(
        bridge({ error: { code: 'not-found', message: 'no such source' } }),
      ).call('sources.rescan', { sourceId: 3 }),
    )
    expect(e).toMatchObject({ code: 'not-found', message: 'no such source' })
  })

  it('uses the scw-media scheme', () => {
    const t = createElectronTransport(bridge(null))
    expect(t.mediaUrl(3)).toBe('scw-media://recording/3')
    expect(t.mediaUrl(3, { method: 'fir' })).toBe('scw-media://corrected/3?method=fir')
  })
})

describe('api', () => {
  it('calls the installed transport and maps any failure to an ApiError', async () => {
    const fake = new FakeTransport({ 'app.info': () => appInfo() })
    installTransport(fake)
    expect((await api.call('app.info')).name).toBe('Spectrum Correction Workbench')
    expect(fake.callsOf('app.info')).toEqual([{}])

    fake.handlers['jobs.list'] = () => {
      throw new Error('boom')
    }
    expect(await rejection(api.call('jobs.list'))).toMatchObject({
      code: 'failed',
      message: 'boom',
      method: 'jobs.list',
    })
    const missing = await rejection(api.call('devices.overview'))
    expect(missing).toBeInstanceOf(ApiError)
    expect(missing.message).toContain('no fake')
  })

  it('treats a transport without a connection state as always open', () => {
    installTransport(new FakeTransport())
    const states: ConnectionState[] = []
    api.onConnection((s) => states.push(s))
    expect(states).toEqual(['open'])
  })
})
