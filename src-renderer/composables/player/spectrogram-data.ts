// The Recording view's spectrogram as numbers: levels in dB (re unit FFT magnitude, as every
// figure) of centred, reflect-padded frames of the decoded audio's mono mixdown, with the FFT
// size and window chosen; what a pixel of the drawing shows (frequency scale, zoom), and the
// drawing itself through the saved figure's colour map. The FFT is wavesurfer.js's own (radix-2,
// in JavaScript): the page needs no WebAssembly for it.
import FftFunction from 'wavesurfer.js/dist/fft.js'
import { reflectIndex } from '@shared/dsp/framer'
import { cubehelix, type Rgb8 } from '@shared/figures/colormap'
import { scaleMinHz, type SpectrogramScale } from '../use-spectrogram'

/** wavesurfer's FFT is an ES5 constructor function; its declaration file does not say so. */
const FFT = FftFunction as unknown as new (
  size: number,
  sampleRate: number,
  windowFunc: string,
  alpha: number,
) => { calculateSpectrum(frame: Float32Array): Float32Array }

export type SpectrogramWindow = 'hann' | 'hamming' | 'blackman' | 'rectangular'

export const SPECTROGRAM_WINDOWS: readonly { id: SpectrogramWindow; label: string }[] = [
  { id: 'hann', label: 'Hann' },
  { id: 'hamming', label: 'Hamming' },
  { id: 'blackman', label: 'Blackman' },
  { id: 'rectangular', label: 'Rectangular' },
]

export const FFT_SIZES: readonly number[] = [256, 512, 1024, 2048, 4096, 8192]
export const DYNAMIC_RANGES_DB: readonly number[] = [40, 60, 80, 100, 120]

export interface SpectrogramSettings {
  /** Samples per frame; null: the power of two nearest 40 ms at the decode rate. */
  nFft: number | null
  window: SpectrogramWindow
  /** Levels shown below the loudest, dB. */
  dynamicRangeDb: number
}

export const DEFAULT_SPECTROGRAM: SpectrogramSettings = {
  nFft: null,
  window: 'hann',
  dynamicRangeDb: 80,
}

/** Row-major `[frames][bins]` levels in dB; bins 0 … nFft/2 − 1 (no Nyquist bin). */
export interface SpectrogramMatrix {
  db: Float32Array
  frames: number
  bins: number
  sampleRate: number
  hopLength: number
  nFft: number
  window: SpectrogramWindow
  /** The loudest level, dB: the top of the colour map. */
  topDb: number
}

/** Cells kept at most (32 MB of float32): long recordings get a longer hop. */
export const MAX_CELLS = 8_000_000

/** Floor of the levels: 1e-10 FFT magnitude, −200 dB (the summaries' floor). */
const AMIN = 1e-10

/** Samples between frames: a quarter frame, longer where the cells would pass MAX_CELLS. */
export function spectrogramHop(samples: number, nFft: number): number {
  const maxFrames = Math.max(1, Math.floor(MAX_CELLS / (nFft / 2)))
  return Math.max(nFft / 4, Math.ceil(samples / maxFrames))
}

/** The mean of the channels (the mono mixdown the analysis uses too). */
export function mixdown(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]
  const n = Math.min(...channels.map((c) => c.length))
  const y = new Float32Array(n)
  for (const c of channels) for (let i = 0; i < n; i++) y[i] += c[i]
  for (let i = 0; i < n; i++) y[i] /= channels.length
  return y
}

/**
 * Levels of `y` at `sampleRate` Hz in dB re unit FFT magnitude: frames of `nFft` samples every
 * `hopLength`, centred (frame t at t · hopLength) with reflect padding, 1 + ⌊len / hop⌋ frames.
 * Works in slices of frames, yielding between them; resolves null once `cancelled()` says so.
 */
export async function computeSpectrogram(
  y: Float32Array,
  sampleRate: number,
  options: { nFft: number; window: SpectrogramWindow; hopLength?: number },
  cancelled: () => boolean = () => false,
): Promise<SpectrogramMatrix | null> {
  const { nFft, window } = options
  if (!Number.isInteger(Math.log2(nFft)) || nFft < 16) {
    throw new Error(`nFft=${nFft} must be a power of two of at least 16`)
  }
  if (y.length < 2) throw new Error(`the audio holds ${y.length} samples: too short to analyse`)
  const hop = options.hopLength ?? spectrogramHop(y.length, nFft)
  const frames = 1 + Math.floor(y.length / hop)
  const bins = nFft / 2
  // alpha 0.16: the classic Blackman window (the other windows ignore it).
  const fft = new FFT(nFft, sampleRate, window, 0.16)
  const db = new Float32Array(frames * bins)
  const frame = new Float32Array(nFft)
  // wavesurfer's FFT returns 2/N · |X|: back to |X|, the unnormalised magnitude.
  const unscale = nFft / 2
  let top = -Infinity
  const SLICE = 256
  for (let t0 = 0; t0 < frames; t0 += SLICE) {
    if (t0 > 0) {
      await new Promise((resolve) => setTimeout(resolve, 0))
      if (cancelled()) return null
    }
    for (let t = t0; t < Math.min(frames, t0 + SLICE); t++) {
      const start = t * hop - nFft / 2
      for (let i = 0; i < nFft; i++) frame[i] = y[reflectIndex(start + i, y.length)]
      const magnitude = fft.calculateSpectrum(frame)
      for (let k = 0; k < bins; k++) {
        const i = t * bins + k
        db[i] = 20 * Math.log10(Math.max(magnitude[k] * unscale, AMIN))
        if (db[i] > top) top = db[i]
      }
    }
  }
  return { db, frames, bins, sampleRate, hopLength: hop, nFft, window, topDb: top }
}

/** Hz on each scale's axis (wavesurfer's mapping: linear, log10, mel). */
function toScale(hz: number, scale: SpectrogramScale): number {
  if (scale === 'mel') return 2595 * Math.log10(1 + hz / 700)
  if (scale === 'logarithmic') return Math.log10(Math.max(1, hz))
  return hz
}

function fromScale(v: number, scale: SpectrogramScale): number {
  if (scale === 'mel') return 700 * (10 ** (v / 2595) - 1)
  if (scale === 'logarithmic') return 10 ** v
  return v
}

/** The frequency at height `fraction` (0 bottom … 1 top) of a plot of `scale` up to `maxHz`. */
export function hzAtFraction(fraction: number, scale: SpectrogramScale, maxHz: number): number {
  const lo = toScale(scaleMinHz(scale), scale)
  const hi = toScale(maxHz, scale)
  return fromScale(lo + fraction * (hi - lo), scale)
}

/** The level at `hz` in frame `t`, interpolated linearly in dB between the bins around it. */
export function levelAt(m: SpectrogramMatrix, t: number, hz: number): number {
  const pos = Math.min(Math.max(hz / (m.sampleRate / m.nFft), 0), m.bins - 1)
  const k = Math.floor(pos)
  const f = pos - k
  const row = t * m.bins
  return f === 0 || k + 1 >= m.bins
    ? m.db[row + k]
    : m.db[row + k] * (1 - f) + m.db[row + k + 1] * f
}

/** The frame centred nearest to `sec`, or null outside the recording. */
export function frameAt(m: SpectrogramMatrix, sec: number): number | null {
  const t = Math.round((sec * m.sampleRate) / m.hopLength)
  return t >= 0 && t < m.frames ? t : null
}

/** What the pixel grid shows: the first second in view and the zoom. */
export interface SpectrogramViewport {
  /** Seconds at the left edge. */
  startSec: number
  /** CSS px per second (the waveform's zoom). */
  pxPerSec: number
  scale: SpectrogramScale
  dynamicRangeDb: number
}

/** The time, frequency and level under a point (CSS px from the top left), or null outside. */
export function readoutAt(
  m: SpectrogramMatrix,
  view: SpectrogramViewport,
  xPx: number,
  yPx: number,
  heightPx: number,
): { timeSec: number; hz: number; db: number } | null {
  const timeSec = view.startSec + xPx / view.pxPerSec
  const t = frameAt(m, timeSec)
  if (t === null || yPx < 0 || yPx > heightPx) return null
  const hz = hzAtFraction(1 - yPx / heightPx, view.scale, m.sampleRate / 2)
  return { timeSec, hz, db: levelAt(m, t, hz) }
}

let palette: Rgb8[] | null = null
/** The colour map of the screen and the saved figure (cubehelix, 256 levels). */
export function spectrogramPalette(): Rgb8[] {
  palette ??= cubehelix(256)
  return palette
}

/**
 * Paints `m` into RGBA `pixels` of `width` × `height` device pixels (`ratio` device px per CSS
 * px): each column the frame nearest its time, each row the level at its frequency, mapped onto
 * the colour map over [topDb − range, topDb]; outside the recording transparent.
 */
export function paintSpectrogram(
  pixels: Uint8ClampedArray,
  width: number,
  height: number,
  m: SpectrogramMatrix,
  view: SpectrogramViewport,
  ratio = 1,
): void {
  const colors = spectrogramPalette()
  const last = colors.length - 1
  const floor = m.topDb - view.dynamicRangeDb
  const maxHz = m.sampleRate / 2
  const rowHz = new Float64Array(height)
  for (let y = 0; y < height; y++)
    rowHz[y] = hzAtFraction(1 - (y + 0.5) / height, view.scale, maxHz)
  pixels.fill(0)
  for (let x = 0; x < width; x++) {
    const t = frameAt(m, view.startSec + (x + 0.5) / ratio / view.pxPerSec)
    if (t === null) continue
    for (let y = 0; y < height; y++) {
      const level = (levelAt(m, t, rowHz[y]) - floor) / view.dynamicRangeDb
      const c = colors[Math.min(last, Math.max(0, Math.round(level * last)))]
      const i = (y * width + x) * 4
      pixels[i] = c[0]
      pixels[i + 1] = c[1]
      pixels[i + 2] = c[2]
      pixels[i + 3] = 255
    }
  }
}
