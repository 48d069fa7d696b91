// The spectrogram under the waveform, drawn by the workbench itself on a canvas of its own: levels
// computed once per recording and setting (spectrogram-data.ts), the part in view painted through
// the saved figure's colour map and redrawn as the waveform scrolls and zooms. Pointing reads
// time, frequency and level; a click seeks; dragging across zooms to that time; a double-click
// shows the whole recording again.
import { fftSamplesFor, type SpectrogramScale } from '../use-spectrogram'
import { Disposer } from './disposer'
import type { Player } from './player'
import type { PlayerState } from './player-helpers'
import type { PlayerZoom } from './player-zoom'
import {
  computeSpectrogram,
  frameAt,
  mixdown,
  paintSpectrogram,
  readoutAt,
  type SpectrogramMatrix,
  type SpectrogramSettings,
  type SpectrogramViewport,
} from './spectrogram-data'

/** What the view shows of the spectrogram (reactive, owned by use-wavesurfer). */
export interface SpectrogramState {
  status: 'idle' | 'computing' | 'ready' | 'error'
  error: string | null
  /** The loudest level, dB (the top of the colour bar); null before a spectrogram. */
  topDb: number | null
  nFft: number | null
  hopLength: number | null
  /** Time, frequency and level under the pointer. */
  readout: { timeSec: number; hz: number; db: number } | null
  /** A drag across the spectrogram (CSS px in view) while it is made. */
  selection: { leftPx: number; widthPx: number } | null
}

export function initialSpectrogramState(): SpectrogramState {
  return {
    status: 'idle',
    error: null,
    topDb: null,
    nFft: null,
    hopLength: null,
    readout: null,
    selection: null,
  }
}

/** A drag shorter than this is a click (seek). */
const DRAG_MIN_PX = 5

export class PlayerSpectrogram {
  private readonly subscriptions = new Disposer()
  private readonly canvas: HTMLCanvasElement | null = null
  private matrix: SpectrogramMatrix | null = null
  /** Audio and settings the matrix was computed for. */
  private key = ''
  /** Bumped by every computation, so a superseded one drops its result. */
  private job = 0
  private drag: { x0: number } | null = null
  private observer: ResizeObserver | null = null

  constructor(
    private readonly player: Player,
    private readonly state: PlayerState,
    private readonly view: SpectrogramState,
    /** The container the canvas is drawn in (nothing else goes inside). */
    private readonly el: HTMLElement | null,
    private readonly heightPx: number,
    private readonly scale: () => SpectrogramScale,
    private readonly settings: () => SpectrogramSettings,
    private readonly zoom: PlayerZoom,
  ) {
    const on = this.subscriptions
    on.add(player.on('ready', () => this.ensure(true)))
    on.add(player.on('cleared', () => this.drop()))
    on.add(zoom.on('scroll', () => this.redraw()))
    if (!el) return
    this.canvas = document.createElement('canvas')
    this.canvas.className = 'spectrogram-canvas'
    el.appendChild(this.canvas)
    on.add(() => this.canvas?.remove())
    on.listen(el, 'pointermove', (e) => this.onMove(e))
    on.listen(el, 'pointerdown', (e) => this.onDown(e))
    on.listen(el, 'pointerup', (e) => this.onUp(e))
    on.listen(el, 'pointerleave', () => (this.view.readout = null))
    on.listen(el, 'dblclick', () => this.zoom.zoomFit())
    if (typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(() => this.redraw())
      this.observer.observe(el)
      on.add(() => this.observer?.disconnect())
    }
  }

  /** Computes the levels when the audio or the FFT settings changed (`fresh`: new audio), else redraws. */
  ensure(fresh = false): void {
    const { state } = this
    if (!state.decoded || state.status !== 'ready' || !state.decodeRate) {
      if (!state.decoded) this.drop()
      return
    }
    const s = this.settings()
    const nFft = s.nFft ?? fftSamplesFor(state.decodeRate)
    const key = `${state.decodeRate}|${nFft}|${s.window}`
    if (!fresh && this.matrix && key === this.key) return this.redraw()
    const buffer = this.player.ws.getDecodedData?.()
    if (!buffer) return
    const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) =>
      buffer.getChannelData(c),
    )
    const job = ++this.job
    this.key = key
    this.view.status = 'computing'
    this.view.error = null
    computeSpectrogram(mixdown(channels), buffer.sampleRate, { nFft, window: s.window }, () =>
      this.superseded(job),
    ).then(
      (m) => {
        if (!m || this.superseded(job)) return
        this.matrix = m
        Object.assign(this.view, {
          status: 'ready',
          topDb: m.topDb,
          nFft: m.nFft,
          hopLength: m.hopLength,
        })
        this.redraw()
      },
      (e: unknown) => {
        if (this.superseded(job)) return
        Object.assign(this.view, { status: 'error', error: (e as Error).message ?? String(e) })
      },
    )
  }

  /** What is in view (CSS px and seconds), or null before the waveform is measured. */
  viewport(): SpectrogramViewport | null {
    const { state } = this
    if (!(state.duration > 0) || !(state.totalWidth > 0)) return null
    const pxPerSec = state.totalWidth / state.duration
    return {
      startSec: state.scrollLeft / pxPerSec,
      pxPerSec,
      scale: this.scale(),
      dynamicRangeDb: this.settings().dynamicRangeDb,
    }
  }

  /** The levels of the frames in view (for the saved figure), or null before there are any. */
  framesInView(): { matrix: SpectrogramMatrix; first: number; count: number } | null {
    const m = this.matrix
    const v = this.viewport()
    if (!m || !v || !this.el) return null
    const width = this.el.clientWidth || this.state.viewWidth
    const first = frameAt(m, v.startSec) ?? 0
    const last = frameAt(m, v.startSec + width / v.pxPerSec) ?? m.frames - 1
    return { matrix: m, first, count: Math.max(1, last - first + 1) }
  }

  /** Paints the part in view. */
  redraw(): void {
    const { canvas, el, matrix } = this
    const v = this.viewport()
    if (!canvas || !el || !matrix || !v) return
    const ratio = window.devicePixelRatio || 1
    const width = Math.max(1, Math.round(el.clientWidth * ratio))
    const height = Math.max(1, Math.round(this.heightPx * ratio))
    if (canvas.width !== width) canvas.width = width
    if (canvas.height !== height) canvas.height = height
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    const image = ctx.createImageData(width, height)
    paintSpectrogram(image.data, width, height, matrix, v, ratio)
    ctx.putImageData(image, 0, 0)
  }

  destroy(): void {
    this.job++
    this.subscriptions.dispose()
    this.matrix = null
  }

  private superseded(job: number): boolean {
    return job !== this.job
  }

  private drop(): void {
    this.job++
    this.matrix = null
    this.key = ''
    Object.assign(this.view, initialSpectrogramState())
    const ctx = this.canvas?.getContext('2d')
    if (ctx && this.canvas) ctx.clearRect(0, 0, this.canvas.width, this.canvas.height)
  }

  private local(e: PointerEvent): { x: number; y: number } {
    const box = this.el!.getBoundingClientRect()
    return { x: e.clientX - box.left, y: e.clientY - box.top }
  }

  private onMove(e: PointerEvent): void {
    const { x, y } = this.local(e)
    const v = this.viewport()
    this.view.readout = this.matrix && v ? readoutAt(this.matrix, v, x, y, this.heightPx) : null
    if (this.drag) {
      const left = Math.min(this.drag.x0, x)
      this.view.selection = { leftPx: left, widthPx: Math.abs(x - this.drag.x0) }
    }
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0 || this.state.status !== 'ready') return
    this.drag = { x0: this.local(e).x }
    this.el?.setPointerCapture?.(e.pointerId)
  }

  private onUp(e: PointerEvent): void {
    const drag = this.drag
    this.drag = null
    this.view.selection = null
    const v = this.viewport()
    if (!drag || !v) return
    const x = this.local(e).x
    const at = (px: number): number =>
      Math.min(this.state.duration, Math.max(0, v.startSec + px / v.pxPerSec))
    if (Math.abs(x - drag.x0) >= DRAG_MIN_PX)
      this.zoom.zoomToRange(at(Math.min(x, drag.x0)), at(Math.max(x, drag.x0)))
    else this.player.ws.setTime(at(x))
  }
}
