// What the renderer needs of a transport: the contract's Transport, plus the state of the event
// channel (browser mode can lose its socket; Electron IPC cannot).
import type { Events, Transport } from '@shared/api/contract'

export type ConnectionState = 'connecting' | 'open' | 'lost'

export interface RendererTransport extends Transport {
  /** Subscribes to the event channel's state; returns the unsubscribe. Absent: always open. */
  onConnection?(listener: (state: ConnectionState) => void): () => void
  /** Closes the channel and drops every listener. */
  close?(): void
}

type Listener<E extends keyof Events> = (payload: Events[E]) => void

/** Listeners per event, for a transport that receives all events on one channel. */
export function createEventHub(): {
  on<E extends keyof Events>(event: E, listener: Listener<E>): () => void
  emit<E extends keyof Events>(event: E, payload: Events[E]): void
  clear(): void
} {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>()
  return {
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => void set.delete(listener)
    },
    emit(event, payload) {
      // A throwing listener must not starve the others.
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          ;(listener as Listener<typeof event>)(payload)
        } catch (e) {
          console.error(`listener of ${event} failed`, e)
        }
      }
    },
    clear: () => listeners.clear(),
  }
}
