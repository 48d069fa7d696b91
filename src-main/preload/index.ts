// The preload exposes exactly the contract's functions, never ipcRenderer itself. Sandboxed
// preloads can require only 'electron', so this imports names and types, no zod (main validates).
// Shape (src-shared/api/bridge.ts): window.scw = { transport: 'electron', methods: { 'project.open':
// fn, … }, on(event, listener) → unsubscribe }. Methods settle to { result } or { error }.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { BridgeMethods, ScwBridge } from '@shared/api/bridge'
import { channelOf, EVENTS, METHODS, type EventName } from '@shared/api/methods'

const methods = Object.fromEntries(
  // One argument only: whatever else the page passes never reaches main.
  METHODS.map((m) => [m, (request: unknown) => ipcRenderer.invoke(channelOf(m), request)]),
) as unknown as BridgeMethods

const bridge: ScwBridge = {
  transport: 'electron',
  methods,
  on(event, listener) {
    if (!(EVENTS as readonly string[]).includes(event)) {
      throw new Error(`unknown event ${String(event)}`)
    }
    const channel = channelOf(event as EventName)
    // The IpcRendererEvent (and its sender) stays here; the page gets the payload only.
    const forward = (_e: IpcRendererEvent, payload: unknown): void =>
      (listener as (p: unknown) => void)(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  },
}

contextBridge.exposeInMainWorld('scw', bridge)
