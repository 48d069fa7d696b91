// What the transports (Electron IPC in src-main/ipc, browser mode in src-main/server) need of
// the backend: validated method calls, events, and audio by recording id.
import type { Events, MethodName, Response } from '@shared/api/contract'
import type { MediaBody, MediaRequest } from '../services/media'

export type { MediaBody, MediaRequest }
export { openCheckedFile } from '../services/media'

/** A failure reported to the renderer; `code` is stable, `message` is for people. */
export class BackendError extends Error {
  constructor(
    readonly code: 'invalid-request' | 'no-project' | 'not-found' | 'failed',
    message: string,
  ) {
    super(message)
    this.name = 'BackendError'
  }
}

export interface BackendApi {
  /** Validates `payload` against the contract and runs the method. Throws BackendError. */
  handle<M extends MethodName>(method: M, payload: unknown): Promise<Response<M>>
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void
  /** The audio of an indexed recording, or its corrected preview; null when not indexed. */
  media(request: MediaRequest): Promise<MediaBody | null>
}

/** Native dialogs (Electron); without them the UI asks for paths in text fields. */
export interface Dialogs {
  pickPath(kind: 'project' | 'newProject' | 'folder', title?: string): Promise<string | null>
  reveal(path: string): Promise<boolean>
}

export interface BackendOptions {
  transport: 'electron' | 'browser'
  /** Where recent-projects.json lives. */
  stateDir: string
  /** Folder of the demo corpus and project. */
  demoDir: string
  /** A project to open at start. */
  projectPath?: string
  /** The user's home folder, where the folder browser may go (default: the system's). */
  homeDir?: string
  dialogs?: Dialogs
}
