/** Why an audio file could not be read or written */
export type AudioErrorCode =
  | 'io'
  | 'empty'
  | 'not-audio'
  | 'truncated'
  | 'no-fmt'
  | 'no-data'
  | 'bad-channels'
  | 'bad-rate'
  | 'unsupported'
  | 'non-finite'
  | 'corrupt'

/** An audio file problem; the message is `<file name>: <problem>[; <fix>]` */
export class AudioError extends Error {
  override readonly name = 'AudioError'
  /** The file as given by the caller ('' for in-memory data) */
  readonly path: string
  readonly code: AudioErrorCode

  constructor(path: string, code: AudioErrorCode, detail: string, options?: { cause?: unknown }) {
    super(path === '' ? detail : `${baseName(path)}: ${detail}`, options)
    this.path = path
    this.code = code
  }
}

/** True for errors thrown by this module's readers and writers */
export function isAudioError(e: unknown): e is AudioError {
  return e instanceof AudioError
}

// The whole path is on `.path`; the message stays short enough for a status line.
function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}
