// The `/events` WebSocket: every backend event goes to every connected page as one JSON text
// message `{ event, payload }`. Pages send nothing; anything they send is ignored.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { EVENTS } from '@shared/api/methods'
import type { BackendApi } from '../backend/types'

/** The socket endpoint of one server; `close` unsubscribes and drops every client. */
export interface EventsSocket {
  /** Completes an upgrade already checked for Host, Origin and token. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void
  close(): void
}

/** Subscribes to every backend event and relays it to the connected pages. */
export function eventsSocket(backend: BackendApi): EventsSocket {
  // Pages never need to send; a small limit keeps a misbehaving client cheap.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 })
  const unsubscribe = EVENTS.map((event) =>
    backend.on(event, (payload) => {
      const message = JSON.stringify({ event, payload })
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(message)
      }
    }),
  )
  return {
    accept(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => ws.terminate())
        wss.emit('connection', ws, req)
      })
    },
    close() {
      for (const off of unsubscribe) off()
      for (const client of wss.clients) client.terminate()
      wss.close()
    },
  }
}
