// Zoom and the horizontal view of the player: buttons, the wheel (around the pointer) and a time
// range dragged across the spectrogram zoom between the whole recording and MAX_TOTAL_WIDTH_PX,
// and the view's measures go into the state (the time axis is drawn from them). Tells who follows
// the view (the spectrogram) where it scrolled.
import EventEmitter from 'wavesurfer.js/dist/event-emitter.js'
import { Disposer } from './disposer'
import type { Player } from './player'
import { MAX_TOTAL_WIDTH_PX, type PlayerState } from './player-helpers'

const ZOOM_STEP = 1.5
const WHEEL_STEP = 1.2

export type ZoomEvents = {
  /** The view's scroll offset changed (or was measured again), px. */
  scroll: [leftPx: number]
}

export class PlayerZoom extends EventEmitter<ZoomEvents> {
  private readonly subscriptions = new Disposer()

  constructor(
    private readonly player: Player,
    private readonly state: PlayerState,
    /** The waveform, whose left edge the wheel's pointer position is measured from. */
    private readonly waveformEl: HTMLElement,
    /** Elements the wheel zooms over (the waveform, the spectrogram). */
    wheelTargets: readonly (HTMLElement | null)[],
  ) {
    super()
    const { ws } = player
    const on = this.subscriptions
    on.add(
      ws.on('zoom', (px) => {
        state.pxPerSec = px
        this.measure()
      }),
    )
    on.add(
      ws.on('scroll', (_start, _end, left) => {
        state.scrollLeft = left
        this.emit('scroll', left)
      }),
    )
    on.add(ws.on('redraw', () => this.measure()))
    on.add(ws.on('resize', () => this.measure()))
    on.add(player.on('ready', () => this.measure()))
    for (const el of wheelTargets) {
      if (el) on.listen(el, 'wheel', (e) => this.onWheel(e), { passive: false })
    }
  }

  /** Reads the view's size and scroll into the state; keeps the zoom within its range. */
  measure(): void {
    const { ws } = this.player
    const state = this.state
    state.scrollLeft = ws.getScroll()
    state.totalWidth = ws.getWrapper().offsetWidth
    const visible = ws.getWidth()
    state.viewWidth = visible
    state.minPxPerSec = state.duration > 0 ? visible / state.duration : 0
    state.maxPxPerSec =
      state.duration > 0 ? Math.max(state.minPxPerSec, MAX_TOTAL_WIDTH_PX / state.duration) : 0
    if (state.pxPerSec < state.minPxPerSec) state.pxPerSec = state.minPxPerSec
    this.emit('scroll', state.scrollLeft)
  }

  zoomIn(): void {
    this.zoomTo(this.current() * ZOOM_STEP)
  }

  zoomOut(): void {
    this.zoomTo(this.current() / ZOOM_STEP)
  }

  /** Back to the whole recording in view. */
  zoomFit(): void {
    this.zoomTo(this.state.minPxPerSec)
  }

  /** Zooms so that `fromSec` … `toSec` fills the view (as far as the zoom range allows). */
  zoomToRange(fromSec: number, toSec: number): void {
    if (!(toSec > fromSec)) return
    this.zoomTo(this.player.ws.getWidth() / (toSec - fromSec), fromSec, 0)
  }

  destroy(): void {
    this.subscriptions.dispose()
    this.unAll()
  }

  private current(): number {
    return Math.max(this.state.pxPerSec, this.state.minPxPerSec)
  }

  /** Zooms to `px` per second keeping time `anchorSec` under the point `anchorPx` of the view. */
  private zoomTo(px: number, anchorSec?: number, anchorPx?: number): void {
    const { ws } = this.player
    const state = this.state
    if (state.status !== 'ready' || !state.decoded || state.duration <= 0) return
    const next = Math.min(state.maxPxPerSec, Math.max(state.minPxPerSec, px))
    const atPx = anchorPx ?? ws.getWidth() / 2
    const atSec = anchorSec ?? ws.getCurrentTime()
    ws.zoom(next)
    ws.setScroll(Math.max(0, atSec * next - atPx))
  }

  /** Wheel over the waveform or the spectrogram zooms around the pointer. */
  private onWheel(e: WheelEvent): void {
    if (Math.abs(e.deltaX) >= Math.abs(e.deltaY)) return
    if (this.state.status !== 'ready' || !this.state.decoded) return
    e.preventDefault()
    const x = e.clientX - this.waveformEl.getBoundingClientRect().left
    const px = this.current()
    const atSec = (this.player.ws.getScroll() + x) / px
    this.zoomTo(e.deltaY < 0 ? px * WHEEL_STEP : px / WHEEL_STEP, atSec, x)
  }
}
