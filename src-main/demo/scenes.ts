// One moment of a demo scene: a coloured noise bed with a slow swell, plus the scene's events.
// Every device that records the segment hears exactly this signal (before its own response).
import { applyFirCentered } from '@shared/dsp/fir-filter'
import { designFir } from '@shared/dsp/firls'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { DEMO_EVENTS } from './events'
import { createRng, normalizeRms, whiteNoise } from './noise'
import { curveDbAt, type DemoScene } from './recipe'

/** STFT size whose bin frequencies the curves are sampled at, as the project's default. */
const CURVE_NFFT = 2048
/** FIR length for device and bed responses (odd; the golden FIR length). */
const TAPS = 1025

/**
 * A linear-phase FIR realising a [Hz, dB] curve: linear gains at the STFT bin frequencies
 * (sampleRate / 2048 apart) from the dB points, designed by least squares (`designFir`).
 */
export function firFromCurveDb(
  points: readonly (readonly [number, number])[],
  sampleRate: number,
): Float64Array {
  const frequenciesHz = fftFrequencies({ sampleRate, nFft: CURVE_NFFT })
  const gains = curveDbAt(points, frequenciesHz).map((db) => 10 ** (db / 20))
  return designFir({ frequenciesHz, gains }, { taps: TAPS, sampleRate })
}

/** Everything `synthesizeScene` needs besides the scene. */
export interface SceneOptions {
  sampleRate: number
  /** Samples to produce. */
  length: number
  seed: number
  /** The segment's name, which seeds its random stream. */
  name: string
  /** FIR of the scene's bed (see `firFromCurveDb`). */
  bedFir: ArrayLike<number>
}

/**
 * The scene signal of one segment at the scene's level (dBFS RMS of the bed, ±3 dB per segment),
 * as Float32 samples. Deterministic in (seed, name).
 */
export function synthesizeScene(scene: DemoScene, options: SceneOptions): Float32Array {
  const { sampleRate: fs, length } = options
  const rng = createRng(options.seed, options.name)
  const white = Float32Array.from(whiteNoise(rng, length))
  const bed = normalizeRms(Float64Array.from(applyFirCentered(white, options.bedFir)))
  const rate = rng.between(0.1, 0.4)
  const phase = rng.between(0, 2 * Math.PI)
  for (let n = 0; n < length; n++)
    bed[n] *= 1 + 0.2 * Math.sin((2 * Math.PI * rate * n) / fs + phase)
  // Event kinds are checked with the recipe (checkDemoRecipe).
  for (const kind of scene.events) DEMO_EVENTS[kind](bed, fs, rng)
  const gain = 10 ** ((scene.levelDbfs + rng.between(-3, 3)) / 20)
  const out = new Float32Array(length)
  for (let n = 0; n < length; n++) out[n] = gain * bed[n]
  return out
}
