// The spectrogram's frequency scales (linear, log, mel, as wavesurfer and Audacity name them), the
// default window length for a sample rate, and the frequency axis drawn beside it.
//
//   const axis = useSpectrogramAxis(() => scale, () => rateHz, heightPx)
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import { formatHzTick } from '../format'
import { frequencyTicks } from './use-plot'

/** Vertical frequency scale of the spectrogram (wavesurfer's names). */
export type SpectrogramScale = 'linear' | 'logarithmic' | 'mel'

export const SPECTROGRAM_SCALES: readonly { id: SpectrogramScale; label: string }[] = [
  { id: 'linear', label: 'Linear' },
  { id: 'logarithmic', label: 'Log' },
  { id: 'mel', label: 'Mel' },
]

/** Lowest frequency drawn on the log scale (a log axis cannot start at 0 Hz). */
export const LOG_MIN_HZ = 20

export interface AxisTick {
  hz: number
  label: string
  /** Height above the bottom edge, 0…1. */
  fraction: number
}

/** wavesurfer's mapping of Hz onto each scale (spectrogram-render-utils: hzToScale). */
function toScale(hz: number, scale: SpectrogramScale): number {
  if (scale === 'mel') return 2595 * Math.log10(1 + hz / 700)
  if (scale === 'logarithmic') return Math.log10(Math.max(1, hz))
  return hz
}

/** Lowest frequency drawn for `scale`, in Hz. */
export function scaleMinHz(scale: SpectrogramScale): number {
  return scale === 'logarithmic' ? LOG_MIN_HZ : 0
}

/** Height above the bottom (0…1) at which `hz` is drawn, for a plot of [minHz, maxHz]. */
export function scaleFraction(
  hz: number,
  scale: SpectrogramScale,
  minHz: number,
  maxHz: number,
): number {
  const lo = toScale(minHz, scale)
  const hi = toScale(maxHz, scale)
  return hi > lo ? (toScale(hz, scale) - lo) / (hi - lo) : 0
}

/** A 1-2-5 step giving about `count` ticks over `spanHz`. */
function niceStep(spanHz: number, count: number): number {
  const raw = spanHz / count
  const decade = 10 ** Math.floor(Math.log10(raw))
  const m = [1, 2, 5, 10].find((k) => k * decade >= raw) ?? 10
  return m * decade
}

/**
 * Ticks of the spectrogram's frequency axis for a plot `heightPx` tall: evenly spaced on the
 * linear scale, 1-2-5 per decade on the log scale, octaves from 500 Hz on the mel scale; ticks
 * closer than `minGapPx` to the one below are left out.
 */
export function spectrogramTicks(
  scale: SpectrogramScale,
  maxHz: number,
  heightPx: number,
  minGapPx = 16,
): AxisTick[] {
  const minHz = scaleMinHz(scale)
  if (!(maxHz > minHz) || !(heightPx > 0)) return []
  let candidates: number[]
  if (scale === 'linear') {
    const step = niceStep(maxHz, 6)
    candidates = []
    for (let f = 0; f <= maxHz + 1e-9; f += step) candidates.push(f)
  } else if (scale === 'logarithmic') {
    candidates = frequencyTicks(minHz, maxHz)
  } else {
    candidates = [0, 500]
    for (let f = 1000; f <= maxHz; f *= 2) candidates.push(f)
  }
  const ticks: AxisTick[] = []
  let lastPx = -Infinity
  for (const hz of candidates) {
    if (hz < minHz || hz > maxHz) continue
    const fraction = scaleFraction(hz, scale, minHz, maxHz)
    if (fraction * heightPx - lastPx < minGapPx) continue
    lastPx = fraction * heightPx
    ticks.push({ hz, label: formatHzTick(hz), fraction })
  }
  return ticks
}

/**
 * Analysis window for a sample rate: the power of two nearest 40 ms (2048 at 44.1 and 48 kHz,
 * 512 at 16 kHz), between 256 and 4096 samples. Long enough to resolve the low bins a
 * log or mel axis spreads out, short enough to keep transients visible.
 */
export function fftSamplesFor(sampleRate: number): number {
  const n = 2 ** Math.round(Math.log2(0.04 * sampleRate))
  return Math.min(4096, Math.max(256, n))
}

/** The frequency axis beside the spectrogram, kept current with the scale and sample rate. */
export function useSpectrogramAxis(
  scale: MaybeRefOrGetter<SpectrogramScale>,
  sampleRate: MaybeRefOrGetter<number | null>,
  heightPx: number,
): ComputedRef<AxisTick[]> {
  return computed(() => {
    const rate = toValue(sampleRate)
    return rate ? spectrogramTicks(toValue(scale), rate / 2, heightPx) : []
  })
}
