import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { channelOf, METHODS } from '@shared/api/methods'
import { Backend } from '../../../src-main/backend/backend'
import { bindIpc, type EventSink, type IpcMainLike } from '../../../src-main/ipc/bind-ipc'
import { originPolicy, type FrameLike, type InvokeEventLike } from '../../../src-main/ipc/sender'
import { FakeBackend } from '../server/fake-backend'

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>()
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel)
    if (!h) throw new Error(`no handler for ${channel}`)
    return h(event, ...args)
  }
}

const APP_WC = 1
const main: FrameLike = { url: 'scw-app://app/index.html', parent: null }
const fromApp: InvokeEventLike = { sender: { id: APP_WC }, senderFrame: main }

function setup() {
  const ipcMain = new FakeIpcMain()
  const backend = new FakeBackend()
  const sent: { channel: string; payload: unknown }[] = []
  const sink: EventSink = {
    send: (channel, payload) => sent.push({ channel, payload }),
    isDestroyed: () => false,
  }
  const unbind = bindIpc({
    ipcMain,
    backend,
    isAppWebContents: (id) => id === APP_WC,
    isAppUrl: originPolicy(['scw-app://app', 'http://localhost:5173']),
    targets: () => [sink],
  })
  return { ipcMain, backend, sent, unbind }
}

describe('bindIpc', () => {
  it('handles every contract method and removes them on unbind', () => {
    const { ipcMain, backend, unbind } = setup()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHODS.map(channelOf).sort())
    unbind()
    expect(ipcMain.handlers.size).toBe(0)
    expect(backend.listeners('job.progress')).toBe(0)
  })

  it('passes a valid call from the app window through to the backend', async () => {
    const { ipcMain, backend } = setup()
    const r = await ipcMain.invoke(channelOf('app.info'), fromApp, {})
    expect(r).toMatchObject({ result: { name: 'scw' } })
    expect(backend.calls).toEqual([{ method: 'app.info', payload: {} }])
  })

  it('accepts the dev server page too', async () => {
    const { ipcMain } = setup()
    const dev = {
      sender: { id: APP_WC },
      senderFrame: { url: 'http://localhost:5173/', parent: null },
    }
    expect(await ipcMain.invoke(channelOf('app.info'), dev, {})).toHaveProperty('result')
  })

  it('returns invalid payloads as { error } with the code invalid-request', async () => {
    const { ipcMain } = setup()
    for (const payload of [{ path: 42 }, { path: '/x', extra: true }, 'text', [1]]) {
      expect(await ipcMain.invoke(channelOf('project.open'), fromApp, payload)).toEqual({
        error: { code: 'invalid-request', message: expect.any(String) },
      })
    }
  })

  it('refuses extra arguments without calling the backend', async () => {
    const { ipcMain, backend } = setup()
    const r = await ipcMain.invoke(channelOf('app.info'), fromApp, {}, { sneaky: true })
    expect(r).toMatchObject({ error: { code: 'invalid-request' } })
    expect(backend.calls).toEqual([])
  })

  it.each<[string, InvokeEventLike]>([
    ['another webContents', { sender: { id: 2 }, senderFrame: main }],
    ['an iframe', { sender: { id: APP_WC }, senderFrame: { url: main.url, parent: main } }],
    [
      'a foreign page in the app window',
      { sender: { id: APP_WC }, senderFrame: { url: 'https://evil.example/', parent: null } },
    ],
    [
      'a file:// page',
      { sender: { id: APP_WC }, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
    ],
    [
      'a look-alike host',
      { sender: { id: APP_WC }, senderFrame: { url: 'scw-app://app.evil/', parent: null } },
    ],
    ['a gone frame', { sender: { id: APP_WC }, senderFrame: null }],
  ])('refuses %s without calling the backend', async (_name, event) => {
    const { ipcMain, backend } = setup()
    const r = await ipcMain.invoke(channelOf('project.open'), event, { path: '/p.scw' })
    expect(r).toEqual({
      error: { code: 'invalid-request', message: 'project.open: sender refused' },
    })
    expect(backend.calls).toEqual([])
  })

  it('turns BackendError into { error } with its code, other failures into failed', async () => {
    const { ipcMain } = setup()
    expect(await ipcMain.invoke(channelOf('project.current'), fromApp, {})).toEqual({
      error: { code: 'no-project', message: 'open a project first' },
    })
    expect(await ipcMain.invoke(channelOf('recordings.detail'), fromApp, { id: 99 })).toEqual({
      error: { code: 'not-found', message: 'no recording 99' },
    })
    expect(await ipcMain.invoke(channelOf('jobs.list'), fromApp, {})).toEqual({
      error: { code: 'failed', message: 'disk on fire' },
    })
  })

  it('forwards backend events to the windows on their channels', () => {
    const { backend, sent } = setup()
    const job = {
      id: 3,
      kind: 'scan' as const,
      status: 'done' as const,
      createdAt: 'now',
      progress: null,
      report: null,
      error: null,
    }
    backend.emit('job.finished', job)
    expect(sent).toEqual([{ channel: 'scw:job.finished', payload: job }])
  })
})

describe('bindIpc with the real backend', () => {
  it('rejects invalid payloads through the contract schemas', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scw-ipc-'))
    const backend = new Backend({ transport: 'electron', stateDir: dir, demoDir: dir })
    const ipcMain = new FakeIpcMain()
    const unbind = bindIpc({
      ipcMain,
      backend,
      isAppWebContents: (id) => id === APP_WC,
      isAppUrl: originPolicy(['scw-app://app']),
      targets: () => [],
    })
    try {
      for (const [method, payload] of [
        ['project.open', { path: 42 }],
        ['project.open', {}],
        ['recordings.detail', { id: -1 }],
        ['estimate.firResponse', { device: 'a', taps: 4 }],
        ['jobs.list', { extra: 1 }],
      ] as const) {
        const r = await ipcMain.invoke(channelOf(method), fromApp, payload)
        expect(r).toMatchObject({ error: { code: 'invalid-request' } })
      }
      expect(await ipcMain.invoke(channelOf('project.current'), fromApp, {})).toEqual({
        result: null,
      })
    } finally {
      unbind()
      await backend.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
