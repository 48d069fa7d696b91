// Deterministic signal primitives for the demo corpus: seeded noise, one-pole filters, tones.
import { seededRandom } from '@shared/dsp/random'

/** A seeded random source: uniforms in [0, 1), ranges, and standard normal deviates. */
export interface Rng {
  uniform(): number
  between(lo: number, hi: number): number
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number
  gauss(): number
}

/** 32-bit FNV-1a of `text` mixed with `seed`, so every file has its own reproducible stream. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** A random source seeded by `seed` and `text` (mulberry32, Box–Muller normals). */
export function createRng(seed: number, text: string): Rng {
  const uniform = seededRandom(hashSeed(seed, text))
  let spare: number | undefined
  return {
    uniform,
    between: (lo, hi) => lo + (hi - lo) * uniform(),
    int: (lo, hi) => lo + Math.floor(uniform() * (hi - lo + 1)),
    gauss() {
      if (spare !== undefined) {
        const s = spare
        spare = undefined
        return s
      }
      const r = Math.sqrt(-2 * Math.log(1 - uniform()))
      const phi = 2 * Math.PI * uniform()
      spare = r * Math.sin(phi)
      return r * Math.cos(phi)
    },
  }
}

/**
 * `length` samples of white noise of zero mean and unit variance, uniformly distributed: cheaper
 * than Gaussian, and any filtering after it makes it Gaussian enough.
 */
export function whiteNoise(rng: Rng, length: number): Float64Array {
  const x = new Float64Array(length)
  const scale = Math.sqrt(12)
  for (let i = 0; i < length; i++) x[i] = (rng.uniform() - 0.5) * scale
  return x
}

/**
 * An envelope computed every `step` samples and interpolated linearly in between: slow shapes
 * (swells, gates, syllables) at a fraction of the cost of evaluating them per sample.
 */
export function controlRate(
  length: number,
  sampleRate: number,
  shape: (tSec: number) => number,
  step = 64,
): Float64Array {
  const env = new Float64Array(length)
  let prev = shape(0)
  for (let start = 0; start < length; start += step) {
    const next = shape((start + step) / sampleRate)
    const end = Math.min(length, start + step)
    for (let n = start; n < end; n++) env[n] = prev + ((next - prev) * (n - start)) / step
    prev = next
  }
  return env
}

/** One-pole low-pass at `cutoffHz` (−3 dB), in place; returns `x`. */
export function lowpass(x: Float64Array, cutoffHz: number, sampleRate: number): Float64Array {
  const a = Math.exp((-2 * Math.PI * cutoffHz) / sampleRate)
  let y = 0
  for (let i = 0; i < x.length; i++) x[i] = y = (1 - a) * x[i] + a * y
  return x
}

/** One-pole high-pass at `cutoffHz`: x minus its low-pass, in place; returns `x`. */
export function highpass(x: Float64Array, cutoffHz: number, sampleRate: number): Float64Array {
  const a = Math.exp((-2 * Math.PI * cutoffHz) / sampleRate)
  let y = 0
  for (let i = 0; i < x.length; i++) {
    y = (1 - a) * x[i] + a * y
    x[i] -= y
  }
  return x
}

/** Scales `x` in place to unit RMS (silence stays silent); returns `x`. */
export function normalizeRms(x: Float64Array): Float64Array {
  let sum = 0
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i]
  const rms = Math.sqrt(sum / Math.max(1, x.length))
  if (rms > 0) for (let i = 0; i < x.length; i++) x[i] /= rms
  return x
}

/**
 * Adds a struck partial: a sine of `frequencyHz` starting at `startSec` with a 5 ms attack and an
 * exponential decay of time constant `decaySec`, peak amplitude `amplitude`.
 */
export function addStrike(
  out: Float64Array,
  sampleRate: number,
  strike: { startSec: number; frequencyHz: number; amplitude: number; decaySec: number },
): void {
  const start = Math.round(strike.startSec * sampleRate)
  const end = Math.min(out.length, start + Math.round(6 * strike.decaySec * sampleRate))
  const w = (2 * Math.PI * strike.frequencyHz) / sampleRate
  const decay = Math.exp(-1 / (strike.decaySec * sampleRate))
  // A decaying phasor: one complex multiplication per sample instead of a sine and an exp.
  const rc = decay * Math.cos(w)
  const rs = decay * Math.sin(w)
  const attack = 0.005 * sampleRate
  let re = strike.amplitude
  let im = 0
  for (let n = Math.max(0, start); n < end; n++) {
    const k = n - start
    out[n] += (k < attack ? k / attack : 1) * im
    const next = re * rc - im * rs
    im = re * rs + im * rc
    re = next
  }
}
