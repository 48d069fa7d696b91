/** File extensions the scan lists as audio, lower-case with the dot; matched in any case. */
export const AUDIO_EXTENSIONS: readonly string[] = [
  '.wav',
  '.wave',
  '.flac',
  '.mp3',
  '.ogg',
  '.oga',
]

const EXTENSIONS = new Set(AUDIO_EXTENSIONS)

/** Whether a file name ends in one of `AUDIO_EXTENSIONS`, in any case. */
export function isAudioFileName(name: string): boolean {
  const dot = name.lastIndexOf('.')
  return dot > 0 && EXTENSIONS.has(name.slice(dot).toLowerCase())
}
