// The player's pure parts: what it shows (state), what a recording's header facts mean for
// decoding, what a failed load means for the user, and the decoded audio's peak.
export interface PlayerSource {
  url: string
  /** Loads with the same key keep the position and play state (A/B, aligned recordings). */
  positionKey: string
  /** Header facts: the decode rate follows the sample rate; very long files are not decoded. */
  sampleRate: number | null
  durationSec: number | null
}

export type PlayerStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface PlayerState {
  status: PlayerStatus
  /** Why the audio could not be loaded or played, for people. */
  error: string | null
  playing: boolean
  currentTime: number
  duration: number
  /** Download progress of the current load, 0…100. */
  loadingPercent: number
  /** False when the file is too long to decode here: playback streams, no waveform. */
  decoded: boolean
  /** Rate the audio was decoded at (the spectrogram reaches half of it), Hz. */
  decodeRate: number | null
  /** Zoom now and its range, in pixels per second. */
  pxPerSec: number
  minPxPerSec: number
  maxPxPerSec: number
  /** The horizontal view: scroll offset, the width of the whole waveform and of the view, px. */
  scrollLeft: number
  totalWidth: number
  viewWidth: number
  /** Largest |sample| of the decoded audio: the waveform is drawn normalised to it. */
  peak: number | null
}

export function initialPlayerState(): PlayerState {
  return {
    status: 'idle',
    error: null,
    playing: false,
    currentTime: 0,
    duration: 0,
    loadingPercent: 0,
    decoded: true,
    decodeRate: null,
    pxPerSec: 0,
    minPxPerSec: 0,
    maxPxPerSec: 0,
    scrollLeft: 0,
    totalWidth: 0,
    viewWidth: 0,
    peak: null,
  }
}

/** Longest recording decoded in the window; longer ones only stream (Range requests). */
export const MAX_DECODE_SEC = 10 * 60
/** Samples per channel decoded at most (64 MB of float32): long files decode at a lower rate. */
export const MAX_DECODE_SAMPLES = 2 ** 24
/** Widest zoomed waveform: the spectrogram computes about one frame per pixel. */
export const MAX_TOTAL_WIDTH_PX = 16_000

/** Whether and at which rate to decode a recording for drawing (playback is unaffected). */
export function decodePlan(
  sampleRate: number | null,
  durationSec: number | null,
): { decode: boolean; rate: number } {
  const rate = Math.min(sampleRate ?? 44_100, 96_000)
  if (durationSec === null || durationSec <= 0) return { decode: true, rate }
  if (durationSec > MAX_DECODE_SEC) return { decode: false, rate }
  const fit = Math.floor(MAX_DECODE_SAMPLES / durationSec)
  return { decode: true, rate: Math.max(8000, Math.min(rate, fit)) }
}

/** What a failed load means for the user. */
export function describeLoadError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  const status = /: (\d{3})\b/.exec(message)?.[1]
  if (status === '404') {
    return 'The audio file is not there any more (moved or deleted since the last scan). Rescan its source.'
  }
  if (status) {
    return `The workbench could not serve this audio (HTTP ${status}). The file may have been moved, deleted or damaged since the last scan: rescanning its source updates the index.`
  }
  if (e instanceof DOMException && e.name === 'EncodingError') {
    return 'The audio could not be decoded in this window (unsupported or damaged file).'
  }
  return `The audio could not be loaded: ${message}`
}

/** A load or play the next one replaced: not a failure to show. */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError'
}

/** The waveform's colours from the page's theme (custom properties on `el`). */
export function waveColors(el: Element): {
  waveColor: string
  progressColor: string
  cursorColor: string
} {
  const css = getComputedStyle(el)
  const v = (name: string, fallback: string): string =>
    css.getPropertyValue(name).trim() || fallback
  return {
    waveColor: v('--text-muted', '#5b6470'),
    progressColor: v('--accent', '#2c66cc'),
    cursorColor: v('--text', '#1b1f24'),
  }
}

/** Largest |sample| over the channels (0 for silence). */
export function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0
  for (const c of channels) {
    for (let i = 0; i < c.length; i++) {
      const v = Math.abs(c[i])
      if (v > peak) peak = v
    }
  }
  return peak
}
