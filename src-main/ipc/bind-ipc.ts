// Binds the contract to Electron IPC: one `ipcMain.handle` per method, each checking the sender
// frame before the backend (which validates the payload) sees anything, and backend events
// forwarded to the app's windows. Written against small interfaces so tests need no Electron.
import type { CallResult } from '@shared/api/bridge'
import { channelOf, EVENTS, METHODS, type MethodName } from '@shared/api/methods'
import type { BackendApi } from '../backend/types'
import { callBackend } from '../http/call-result'
import { isTrustedSender, type InvokeEventLike, type TrustPolicy } from './sender'

/** The parts of Electron's ipcMain the binding uses. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void
  removeHandler(channel: string): void
}

/** A window's webContents, as far as sending events goes. */
export interface EventSink {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
}

export interface IpcBinding extends TrustPolicy {
  ipcMain: IpcMainLike
  backend: BackendApi
  /** The webContents that receive events (the app's windows, looked up on each event). */
  targets(): EventSink[]
}

/** Answers one invoke: refused senders and extra arguments never reach the backend. */
export async function handleInvoke<M extends MethodName>(
  binding: Pick<IpcBinding, 'backend' | 'isAppWebContents' | 'isAppUrl'>,
  method: M,
  event: InvokeEventLike,
  args: unknown[],
): Promise<CallResult<M>> {
  if (!isTrustedSender(event, binding)) {
    return { error: { code: 'invalid-request', message: `${method}: sender refused` } }
  }
  if (args.length > 1) {
    return { error: { code: 'invalid-request', message: `${method}: takes one request object` } }
  }
  return callBackend(binding.backend, method, args[0])
}

/** Registers every method and the event forwarding; returns the undo. */
export function bindIpc(binding: IpcBinding): () => void {
  for (const method of METHODS) {
    binding.ipcMain.handle(channelOf(method), (event, ...args) =>
      handleInvoke(binding, method, event, args),
    )
  }
  const unsubscribe = EVENTS.map((name) =>
    binding.backend.on(name, (payload) => {
      for (const target of binding.targets()) {
        if (!target.isDestroyed()) target.send(channelOf(name), payload)
      }
    }),
  )
  return () => {
    for (const method of METHODS) binding.ipcMain.removeHandler(channelOf(method))
    for (const off of unsubscribe) off()
  }
}
