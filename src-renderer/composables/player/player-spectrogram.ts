// The spectrogram under the waveform: wavesurfer's Spectrogram plugin in a container of its own,
// made anew when the recording's decode rate or the frequency scale changes, dropped when nothing
// decoded is loaded, scrolled with the waveform's view, and seeking where it is clicked.
import type SpectrogramPlugin from 'wavesurfer.js/dist/plugins/spectrogram.esm.js'
import { createSpectrogram, spectrogramOptions, type SpectrogramScale } from '../use-spectrogram'
import { Disposer } from './disposer'
import type { Player } from './player'
import type { PlayerState } from './player-helpers'
import type { PlayerZoom } from './player-zoom'

export class PlayerSpectrogram {
  private readonly subscriptions = new Disposer()
  private plugin: SpectrogramPlugin | null = null
  /** Scale and rate the plugin was made for. */
  private key = ''

  constructor(
    private readonly player: Player,
    private readonly state: PlayerState,
    /** The container the plugin draws in (nothing else goes inside). */
    private readonly el: HTMLElement | null,
    private readonly heightPx: number,
    private readonly scale: () => SpectrogramScale,
    zoom: PlayerZoom,
  ) {
    this.subscriptions.add(player.on('ready', () => this.ensure()))
    this.subscriptions.add(player.on('cleared', () => this.drop()))
    this.subscriptions.add(zoom.on('scroll', (left) => this.scrollTo(left)))
  }

  /** A spectrogram for the decoded audio at the chosen scale (a new plugin when either changed). */
  ensure(): void {
    const { state, el } = this
    if (!el || !state.decoded || state.status !== 'ready' || !state.decodeRate) {
      if (!state.decoded) this.drop()
      return
    }
    const scale = this.scale()
    const key = `${scale}@${state.decodeRate}`
    if (this.plugin && key === this.key) return
    this.drop()
    const { ws } = this.player
    const plugin = ws.registerPlugin(
      createSpectrogram(spectrogramOptions(el, scale, state.decodeRate, this.heightPx)),
    )
    this.plugin = plugin
    this.key = key
    // The plugin's own listeners go with it when it is unregistered or destroyed.
    plugin.on('ready', () => this.scrollTo(state.scrollLeft))
    plugin.on('click', (relativeX) => {
      if (state.totalWidth <= 0 || state.duration <= 0) return
      const px = state.scrollLeft + relativeX * ws.getWidth()
      ws.setTime(Math.min(state.duration, (px / state.totalWidth) * state.duration))
    })
  }

  destroy(): void {
    this.subscriptions.dispose()
    // The plugin goes with the wavesurfer instance its player destroys.
    this.plugin = null
  }

  private drop(): void {
    if (this.plugin) this.player.ws.unregisterPlugin(this.plugin)
    this.plugin = null
    this.key = ''
  }

  /** The plugin's own wrapper, scrolled in step with the waveform. */
  private scrollTo(leftPx: number): void {
    const inner = this.el?.firstElementChild
    if (inner instanceof HTMLElement) inner.scrollLeft = leftPx
  }
}
