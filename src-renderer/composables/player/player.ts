// The player: one wavesurfer instance (waveform, hover time) drawing into a container, its
// playback state, and loads that keep the position and play state when the recording stays the
// same sound (A/B switching, aligned siblings). It owns the instance and its listeners, and tells
// the other parts when a recording is ready or gone through its own typed events.
import WaveSurfer from 'wavesurfer.js'
import EventEmitter from 'wavesurfer.js/dist/event-emitter.js'
import HoverPlugin from 'wavesurfer.js/dist/plugins/hover.esm.js'
import { Disposer } from './disposer'
import {
  decodePlan,
  describeLoadError,
  isAbort,
  peakOf,
  waveColors,
  type PlayerSource,
  type PlayerState,
} from './player-helpers'

export type PlayerEvents = {
  /** A recording is loaded: its duration, decode rate and `decoded` are in the state. */
  ready: []
  /** Nothing is loaded any more (no source, or the load failed). */
  cleared: []
}

export class Player extends EventEmitter<PlayerEvents> {
  readonly ws: WaveSurfer
  private readonly subscriptions = new Disposer()
  private loadedKey: string | null = null
  /** Bumped by every load (and on destroy), so a superseded load drops its result. */
  private loadSeq = 0
  /** Where the last seek went: a media element still seeking reports the position before it. */
  private seekTarget = 0

  constructor(
    container: HTMLElement,
    private readonly state: PlayerState,
    heightPx: number,
  ) {
    super()
    this.ws = WaveSurfer.create({
      container,
      height: heightPx,
      ...waveColors(container),
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
    const on = this.subscriptions
    on.add(this.ws.on('play', () => (state.playing = true)))
    on.add(this.ws.on('pause', () => (state.playing = false)))
    on.add(this.ws.on('finish', () => (state.playing = false)))
    on.add(this.ws.on('timeupdate', (t) => (state.currentTime = t)))
    on.add(this.ws.on('loading', (p) => (state.loadingPercent = p)))
    // Load failures are reported by load(); this catches the media element failing later.
    on.add(
      this.ws.on('error', (e) => {
        if (state.status !== 'ready' || isAbort(e)) return
        state.error = describeLoadError(e)
        state.status = 'error'
      }),
    )
  }

  /** Loads `src` (or empties the player); the same position key keeps position and playback. */
  async load(src: PlayerSource | null): Promise<void> {
    const { ws, state } = this
    const seq = ++this.loadSeq
    if (!src) {
      ws.empty()
      this.loadedKey = null
      Object.assign(state, { status: 'idle', error: null, playing: false, currentTime: 0 })
      this.emit('cleared')
      return
    }
    const keep = src.positionKey === this.loadedKey && state.status !== 'idle'
    const resumeAt = keep ? ws.getCurrentTime() : 0
    const resume = keep && ws.isPlaying()
    this.loadedKey = src.positionKey
    const plan = decodePlan(src.sampleRate, src.durationSec)
    Object.assign(state, { status: 'loading', error: null, loadingPercent: 0 })
    if (!keep) {
      Object.assign(state, { currentTime: 0, duration: src.durationSec ?? 0, pxPerSec: 0 })
      ws.setOptions({ minPxPerSec: 0 })
    }
    ws.setOptions({ sampleRate: plan.rate })
    try {
      if (plan.decode) await ws.load(src.url)
      // Flat peaks and the header's duration: no download, the media element streams the file.
      else await ws.load(src.url, [new Float32Array(2)], src.durationSec ?? 0)
    } catch (e) {
      if (seq !== this.loadSeq || isAbort(e)) return
      Object.assign(state, {
        status: 'error',
        error: describeLoadError(e),
        playing: false,
        currentTime: 0,
        duration: src.durationSec ?? 0,
      })
      this.emit('cleared')
      return
    }
    if (seq !== this.loadSeq) return
    const buffer = plan.decode ? ws.getDecodedData?.() : null
    Object.assign(state, {
      status: 'ready',
      decoded: plan.decode,
      decodeRate: plan.rate,
      duration: ws.getDuration(),
      peak: buffer
        ? peakOf(
            Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c)),
          )
        : null,
    })
    this.emit('ready')
    if (resumeAt > 0) ws.setTime(Math.min(resumeAt, state.duration))
    if (resume) await ws.play().catch(() => (state.playing = false))
  }

  playPause(): void {
    if (this.state.status !== 'ready') return
    void this.ws.playPause().catch(() => (this.state.playing = false))
  }

  /** Moves the position by `sec` (negative: back), within the recording. */
  seekBy(sec: number): void {
    const { ws, state } = this
    if (state.status !== 'ready') return
    const media = ws.getMediaElement()
    const from = media?.seeking ? this.seekTarget : ws.getCurrentTime()
    const to = Math.min(state.duration, Math.max(0, from + sec))
    this.seekTarget = to
    ws.setTime(to)
    // wavesurfer defers a seek while the media element is busy seeking, then drops it on the
    // element's next 'seeking' event (two quick arrow presses would move once): seek directly.
    if (media && media.readyState >= HTMLMediaElement.HAVE_METADATA && media.currentTime !== to) {
      media.currentTime = to
    }
  }

  /** Takes the page theme's colours again (after a theme switch). */
  recolor(el: Element): void {
    this.ws.setOptions(waveColors(el))
  }

  /** Drops any load on its way, unsubscribes, and destroys the instance with its plugins. */
  destroy(): void {
    this.loadSeq++
    this.subscriptions.dispose()
    this.unAll()
    this.ws.destroy()
  }
}
