// One recording's player: a wavesurfer instance (waveform, time axis, hover time) with its
// spectrogram in a container of its own that scrolls and zooms with the waveform, wheel and button
// zoom, and loads that keep the playback position (A/B switching, aligned siblings). The component
// that calls it owns the instance: it is created on mount and destroyed, with its plugins, media
// element and listeners, on unmount.
//
//   const player = useWavesurfer(() => source, { scale: () => scale })
//   <div :ref="player.waveformEl" /> <div :ref="player.spectrogramEl" />
import WaveSurfer from 'wavesurfer.js'
import HoverPlugin from 'wavesurfer.js/dist/plugins/hover.esm.js'
import type SpectrogramPlugin from 'wavesurfer.js/dist/plugins/spectrogram.esm.js'
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js'
import {
  onBeforeUnmount,
  onMounted,
  reactive,
  ref,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import { useAppStore } from '../stores/app'
import { createSpectrogram, spectrogramOptions, type SpectrogramScale } from './use-spectrogram'

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
  /** The horizontal view: scroll offset and the width of the whole waveform, px. */
  scrollLeft: number
  totalWidth: number
}

export interface PlayerOptions {
  scale: MaybeRefOrGetter<SpectrogramScale>
  waveHeight?: number
  spectrogramHeight?: number
}

/** Longest recording decoded in the window; longer ones only stream (Range requests). */
export const MAX_DECODE_SEC = 10 * 60
/** Samples per channel decoded at most (64 MB of float32): long files decode at a lower rate. */
export const MAX_DECODE_SAMPLES = 2 ** 24
/** Widest zoomed waveform: the spectrogram computes about one frame per pixel. */
export const MAX_TOTAL_WIDTH_PX = 16_000
const ZOOM_STEP = 1.5
const WHEEL_STEP = 1.2

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

function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError'
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback
}

const TIME_STEPS = [
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600,
]

/** Seconds between labels of the time axis: the first step at least `minGapPx` wide. */
export function timeStep(pxPerSec: number, minGapPx = 64): number {
  return TIME_STEPS.find((s) => s * pxPerSec >= minGapPx) ?? TIME_STEPS[TIME_STEPS.length - 1]
}

/** Seconds as the time axis shows them: '2.5', '10', '1:05'. */
function formatTick(sec: number): string {
  if (sec < 60) return `${Math.round(sec * 100) / 100}`
  const s = Math.round(sec)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

export function useWavesurfer(
  source: MaybeRefOrGetter<PlayerSource | null>,
  options: PlayerOptions,
): {
  /** The container wavesurfer draws the waveform and time axis in. */
  waveformEl: Ref<HTMLElement | null>
  /** The container the spectrogram plugin draws in (nothing else goes inside). */
  spectrogramEl: Ref<HTMLElement | null>
  state: Readonly<PlayerState>
  playPause: () => void
  /** Moves the position by `sec` (negative: back), within the recording. */
  seekBy: (sec: number) => void
  zoomIn: () => void
  zoomOut: () => void
  zoomFit: () => void
} {
  const app = useAppStore()
  const waveHeight = options.waveHeight ?? 96
  const spectrogramHeight = options.spectrogramHeight ?? 200
  const waveformEl = ref<HTMLElement | null>(null)
  const spectrogramEl = ref<HTMLElement | null>(null)
  const state = reactive<PlayerState>({
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
  })

  let ws: WaveSurfer | null = null
  let spectrogram: SpectrogramPlugin | null = null
  let timeline: ReturnType<typeof TimelinePlugin.create> | null = null
  let timelineStep = 0
  /** Scale and rate the current spectrogram plugin was made for. */
  let spectrogramKey = ''
  let loadedKey: string | null = null
  let loadSeq = 0
  const cleanups: (() => void)[] = []

  function colors(el: Element): { waveColor: string; progressColor: string; cursorColor: string } {
    return {
      waveColor: cssVar(el, '--text-muted', '#5b6470'),
      progressColor: cssVar(el, '--accent', '#2c66cc'),
      cursorColor: cssVar(el, '--text', '#1b1f24'),
    }
  }

  /** The spectrogram plugin's own wrapper, scrolled in step with the waveform. */
  function syncSpectrogramScroll(): void {
    const inner = spectrogramEl.value?.firstElementChild
    if (inner instanceof HTMLElement) inner.scrollLeft = state.scrollLeft
  }

  /** A time axis labelled every `step` seconds (a new plugin when the zoom needs another step). */
  function ensureTimeline(): void {
    if (!ws || state.duration <= 0 || state.totalWidth <= 0) return
    const step = timeStep(state.totalWidth / state.duration)
    if (timeline && step === timelineStep) return
    if (timeline) ws.unregisterPlugin(timeline)
    timelineStep = step
    timeline = ws.registerPlugin(
      TimelinePlugin.create({
        height: 18,
        timeInterval: step / 5,
        primaryLabelSpacing: 5,
        // Label by notch count only (the interval rules would add labels of their own).
        primaryLabelInterval: 1e9,
        secondaryLabelInterval: 1e9,
        formatTimeCallback: formatTick,
        style: { color: 'var(--text-muted)', fontSize: '11px' },
      }),
    )
  }

  function measure(): void {
    if (!ws) return
    state.scrollLeft = ws.getScroll()
    state.totalWidth = ws.getWrapper().offsetWidth
    const visible = ws.getWidth()
    state.minPxPerSec = state.duration > 0 ? visible / state.duration : 0
    state.maxPxPerSec =
      state.duration > 0 ? Math.max(state.minPxPerSec, MAX_TOTAL_WIDTH_PX / state.duration) : 0
    if (state.pxPerSec < state.minPxPerSec) state.pxPerSec = state.minPxPerSec
    syncSpectrogramScroll()
    ensureTimeline()
  }

  function create(container: HTMLElement): WaveSurfer {
    const w = WaveSurfer.create({
      container,
      height: waveHeight,
      ...colors(container),
      cursorWidth: 1,
      dragToSeek: true,
      autoScroll: true,
      autoCenter: true,
      normalize: true,
      plugins: [
        HoverPlugin.create({
          lineColor: 'var(--accent)',
          labelBackground: 'var(--surface-2)',
          labelColor: 'var(--text)',
          labelSize: 11,
          formatTimeCallback: (sec) => `${sec.toFixed(2)} s`,
        }),
      ],
    })
    w.on('play', () => (state.playing = true))
    w.on('pause', () => (state.playing = false))
    w.on('finish', () => (state.playing = false))
    w.on('timeupdate', (t) => (state.currentTime = t))
    w.on('loading', (p) => (state.loadingPercent = p))
    w.on('zoom', (px) => {
      state.pxPerSec = px
      measure()
    })
    w.on('scroll', (_start, _end, left) => {
      state.scrollLeft = left
      syncSpectrogramScroll()
    })
    w.on('redraw', measure)
    w.on('resize', measure)
    // Load failures are reported by load(); this catches the media element failing later.
    w.on('error', (e) => {
      if (state.status !== 'ready' || isAbort(e)) return
      state.error = describeLoadError(e)
      state.status = 'error'
    })
    return w
  }

  function dropSpectrogram(): void {
    if (ws && spectrogram) ws.unregisterPlugin(spectrogram)
    spectrogram = null
    spectrogramKey = ''
  }

  /** A spectrogram for the decoded audio at the chosen scale (a new plugin when either changed). */
  function ensureSpectrogram(): void {
    const el = spectrogramEl.value
    if (!ws || !el || !state.decoded || state.status !== 'ready' || !state.decodeRate) {
      if (!state.decoded) dropSpectrogram()
      return
    }
    const scale = toValue(options.scale)
    const key = `${scale}@${state.decodeRate}`
    if (spectrogram && key === spectrogramKey) return
    dropSpectrogram()
    spectrogram = ws.registerPlugin(
      createSpectrogram(spectrogramOptions(el, scale, state.decodeRate, spectrogramHeight)),
    )
    spectrogramKey = key
    spectrogram.on('ready', syncSpectrogramScroll)
    spectrogram.on('click', (relativeX) => {
      if (!ws || state.totalWidth <= 0 || state.duration <= 0) return
      const px = state.scrollLeft + relativeX * ws.getWidth()
      ws.setTime(Math.min(state.duration, (px / state.totalWidth) * state.duration))
    })
  }

  async function load(src: PlayerSource | null): Promise<void> {
    const w = ws
    const seq = ++loadSeq
    if (!w) return
    if (!src) {
      w.empty()
      dropSpectrogram()
      loadedKey = null
      Object.assign(state, { status: 'idle', error: null, playing: false, currentTime: 0 })
      return
    }
    const keep = src.positionKey === loadedKey && state.status !== 'idle'
    const resumeAt = keep ? w.getCurrentTime() : 0
    const resume = keep && w.isPlaying()
    loadedKey = src.positionKey
    const plan = decodePlan(src.sampleRate, src.durationSec)
    Object.assign(state, { status: 'loading', error: null, loadingPercent: 0 })
    if (!keep) {
      Object.assign(state, { currentTime: 0, duration: src.durationSec ?? 0, pxPerSec: 0 })
      w.setOptions({ minPxPerSec: 0 })
    }
    w.setOptions({ sampleRate: plan.rate })
    try {
      if (plan.decode) await w.load(src.url)
      // Flat peaks and the header's duration: no download, the media element streams the file.
      else await w.load(src.url, [new Float32Array(2)], src.durationSec ?? 0)
    } catch (e) {
      if (seq !== loadSeq || isAbort(e)) return
      Object.assign(state, {
        status: 'error',
        error: describeLoadError(e),
        playing: false,
        currentTime: 0,
        duration: src.durationSec ?? 0,
      })
      dropSpectrogram()
      return
    }
    if (seq !== loadSeq) return
    Object.assign(state, {
      status: 'ready',
      decoded: plan.decode,
      decodeRate: plan.rate,
      duration: w.getDuration(),
    })
    measure()
    ensureSpectrogram()
    if (resumeAt > 0) w.setTime(Math.min(resumeAt, state.duration))
    if (resume) await w.play().catch(() => (state.playing = false))
  }

  function playPause(): void {
    if (ws && state.status === 'ready') void ws.playPause().catch(() => (state.playing = false))
  }

  /** Where the last seek went: a media element still seeking reports the position before it. */
  let seekTarget = 0
  function seekBy(sec: number): void {
    if (!ws || state.status !== 'ready') return
    const media = ws.getMediaElement()
    const from = media?.seeking ? seekTarget : ws.getCurrentTime()
    const to = Math.min(state.duration, Math.max(0, from + sec))
    seekTarget = to
    ws.setTime(to)
    // wavesurfer defers a seek while the media element is busy seeking, then drops it on the
    // element's next 'seeking' event (two quick arrow presses would move once): seek directly.
    if (media && media.readyState >= HTMLMediaElement.HAVE_METADATA && media.currentTime !== to) {
      media.currentTime = to
    }
  }

  /** Zooms to `px` per second keeping time `anchorSec` under the point `anchorPx` of the view. */
  function zoomTo(px: number, anchorSec?: number, anchorPx?: number): void {
    if (!ws || state.status !== 'ready' || !state.decoded || state.duration <= 0) return
    const next = Math.min(state.maxPxPerSec, Math.max(state.minPxPerSec, px))
    const atPx = anchorPx ?? ws.getWidth() / 2
    const atSec = anchorSec ?? ws.getCurrentTime()
    ws.zoom(next)
    ws.setScroll(Math.max(0, atSec * next - atPx))
  }

  const current = (): number => Math.max(state.pxPerSec, state.minPxPerSec)
  const zoomIn = (): void => zoomTo(current() * ZOOM_STEP)
  const zoomOut = (): void => zoomTo(current() / ZOOM_STEP)
  const zoomFit = (): void => zoomTo(state.minPxPerSec)

  /** Wheel over the waveform or the spectrogram zooms around the pointer. */
  function onWheel(e: WheelEvent): void {
    if (!ws || !waveformEl.value || Math.abs(e.deltaX) >= Math.abs(e.deltaY)) return
    if (state.status !== 'ready' || !state.decoded) return
    e.preventDefault()
    const x = e.clientX - waveformEl.value.getBoundingClientRect().left
    const px = current()
    const atSec = (ws.getScroll() + x) / px
    zoomTo(e.deltaY < 0 ? px * WHEEL_STEP : px / WHEEL_STEP, atSec, x)
  }

  function listenWheel(el: HTMLElement | null): void {
    if (!el) return
    el.addEventListener('wheel', onWheel, { passive: false })
    cleanups.push(() => el.removeEventListener('wheel', onWheel))
  }

  onMounted(() => {
    if (!waveformEl.value) return
    ws = create(waveformEl.value)
    listenWheel(waveformEl.value)
    listenWheel(spectrogramEl.value)
    void load(toValue(source))
  })

  watch(
    () => toValue(source),
    (next, prev) => {
      if (next?.url !== prev?.url || next?.positionKey !== prev?.positionKey) void load(next)
    },
  )
  watch(() => toValue(options.scale), ensureSpectrogram)
  // After the DOM update, so the new theme's custom properties are in place.
  watch(
    () => app.theme,
    () => {
      if (ws && waveformEl.value) ws.setOptions(colors(waveformEl.value))
    },
    { flush: 'post' },
  )

  onBeforeUnmount(() => {
    loadSeq++
    for (const off of cleanups.splice(0)) off()
    spectrogram = null
    timeline = null
    ws?.destroy()
    ws = null
  })

  return { waveformEl, spectrogramEl, state, playPause, seekBy, zoomIn, zoomOut, zoomFit }
}

/** Typing or choosing in these must not trigger the player's keys. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export interface PlayerKeys {
  playPause: () => void
  seekBy: (sec: number) => void
  toggleAb: () => void
}

/**
 * The player's keys while the calling component is mounted: Space plays or pauses, Left and
 * Right seek by one second, A switches between original and corrected. Not while typing in a
 * field, not with Ctrl, Alt or Meta (the shell's shortcuts). Space on a focused button plays
 * too (Enter still presses the button), so the last clicked control does not capture it.
 */
export function usePlayerKeys(
  keys: PlayerKeys,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return
    if (isEditable(e.target)) return
    if (e.key === ' ' || e.code === 'Space') {
      if (e.repeat) return e.preventDefault()
      keys.playPause()
    } else if (e.key === 'ArrowLeft') keys.seekBy(-1)
    else if (e.key === 'ArrowRight') keys.seekBy(1)
    else if ((e.key === 'a' || e.key === 'A') && !e.repeat) keys.toggleAb()
    else return
    e.preventDefault()
  }
  onMounted(() => target.addEventListener('keydown', onKeyDown as EventListener))
  onBeforeUnmount(() => target.removeEventListener('keydown', onKeyDown as EventListener))
}
