// One recording's player for the component that calls it: the waveform with its hover time
// (player/player.ts), zoom by buttons, wheel and dragging (player/player-zoom.ts) and the
// spectrogram on a canvas of its own that scrolls with the waveform, with its FFT size, window
// and dynamic range, readout and the frames in view for saving (player/player-spectrogram.ts). The parts are made on mount and destroyed on unmount, each
// with its listeners; the player destroys the wavesurfer instance with its plugins and media.
//
//   const player = useWavesurfer(() => source, { scale: () => scale })
//   <div :ref="player.waveformEl" /> <div :ref="player.spectrogramEl" />
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
import { Player } from './player/player'
import { initialPlayerState, type PlayerSource, type PlayerState } from './player/player-helpers'
import {
  initialSpectrogramState,
  PlayerSpectrogram,
  type SpectrogramState,
} from './player/player-spectrogram'
import { PlayerZoom } from './player/player-zoom'
import {
  DEFAULT_SPECTROGRAM,
  type SpectrogramMatrix,
  type SpectrogramSettings,
} from './player/spectrogram-data'
import type { SpectrogramScale } from './use-spectrogram'

export interface PlayerOptions {
  scale: MaybeRefOrGetter<SpectrogramScale>
  /** FFT size, window and dynamic range of the spectrogram. */
  spectrogram?: MaybeRefOrGetter<SpectrogramSettings>
  waveHeight?: number
  spectrogramHeight?: number
}

export interface WavesurferPlayer {
  /** The container wavesurfer draws the waveform and time axis in. */
  waveformEl: Ref<HTMLElement | null>
  /** The container the spectrogram plugin draws in (nothing else goes inside). */
  spectrogramEl: Ref<HTMLElement | null>
  state: Readonly<PlayerState>
  spectrogram: Readonly<SpectrogramState>
  /** The spectrogram's levels of the frames in view, or null before there are any. */
  spectrogramInView: () => { matrix: SpectrogramMatrix; first: number; count: number } | null
  playPause: () => void
  /** Moves the position by `sec` (negative: back), within the recording. */
  seekBy: (sec: number) => void
  zoomIn: () => void
  zoomOut: () => void
  zoomFit: () => void
}

export function useWavesurfer(
  source: MaybeRefOrGetter<PlayerSource | null>,
  options: PlayerOptions,
): WavesurferPlayer {
  const app = useAppStore()
  const waveformEl = ref<HTMLElement | null>(null)
  const spectrogramEl = ref<HTMLElement | null>(null)
  const state = reactive<PlayerState>(initialPlayerState())
  const spectrogramState = reactive<SpectrogramState>(initialSpectrogramState())
  const settings = (): SpectrogramSettings => toValue(options.spectrogram) ?? DEFAULT_SPECTROGRAM
  let parts: { player: Player; zoom: PlayerZoom; spectrogram: PlayerSpectrogram } | null = null

  onMounted(() => {
    const container = waveformEl.value
    if (!container) return
    const player = new Player(container, state, options.waveHeight ?? 96)
    const zoom = new PlayerZoom(player, state, container, [container, spectrogramEl.value])
    const spectrogram = new PlayerSpectrogram(
      player,
      state,
      spectrogramState,
      spectrogramEl.value,
      options.spectrogramHeight ?? 200,
      () => toValue(options.scale),
      settings,
      zoom,
    )
    parts = { player, zoom, spectrogram }
    void player.load(toValue(source))
  })

  watch(
    () => toValue(source),
    (next, prev) => {
      if (next?.url !== prev?.url || next?.positionKey !== prev?.positionKey)
        void parts?.player.load(next)
    },
  )
  // A new scale or range repaints; a new FFT size or window computes the levels again.
  watch(
    () => [toValue(options.scale), JSON.stringify(settings())],
    () => parts?.spectrogram.ensure(),
  )
  // After the DOM update, so the new theme's custom properties are in place.
  watch(
    () => app.theme,
    () => {
      if (parts && waveformEl.value) parts.player.recolor(waveformEl.value)
    },
    { flush: 'post' },
  )

  onBeforeUnmount(() => {
    // The parts that listen to the player first, the player (and its instance) last.
    parts?.spectrogram.destroy()
    parts?.zoom.destroy()
    parts?.player.destroy()
    parts = null
  })

  return {
    waveformEl,
    spectrogramEl,
    state,
    spectrogram: spectrogramState,
    spectrogramInView: () => parts?.spectrogram.framesInView() ?? null,
    playPause: () => parts?.player.playPause(),
    seekBy: (sec) => parts?.player.seekBy(sec),
    zoomIn: () => parts?.zoom.zoomIn(),
    zoomOut: () => parts?.zoom.zoomOut(),
    zoomFit: () => parts?.zoom.zoomFit(),
  }
}
