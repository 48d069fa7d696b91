import type { AudioWarning, AudioWarningCode } from './types'

/** Why an audio file could not be read or written */
export type AudioErrorCode =
  | 'io'
  | 'empty'
  | 'not-audio'
  | 'truncated'
  | 'no-fmt'
  | 'no-data'
  | 'no-audio'
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
    super(withFileName(path, detail), options)
    this.path = path
    this.code = code
  }
}

/** True for errors thrown by this module's readers and writers */
export function isAudioError(e: unknown): e is AudioError {
  return e instanceof AudioError
}

/** Records a warning about the file at hand: its code and the detail after the file name */
export type Warn = (code: AudioWarningCode, detail: string) => void

/** An AudioWarning about `path`, its message worded as AudioError's */
export function audioWarning(path: string, code: AudioWarningCode, detail: string): AudioWarning {
  return { code, message: withFileName(path, detail) }
}

/** AudioError 'no-audio': not one sample frame could be decoded */
export function noAudio(path: string, detail: string): AudioError {
  return new AudioError(path, 'no-audio', `no audio: ${detail}`)
}

// The whole path is on `.path`; the message stays short enough for a status line.
function withFileName(path: string, detail: string): string {
  if (path === '') return detail
  const parts = path.split(/[\\/]/)
  return `${parts[parts.length - 1] || path}: ${detail}`
}
