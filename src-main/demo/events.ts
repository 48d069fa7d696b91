// Sound events of the demo scenes, added onto a unit-RMS noise bed. Amplitudes are relative to
// the bed; every choice is drawn from the segment's seeded stream, so a segment sounds the same
// on every run and for every device that records it.
import {
  addStrike,
  controlRate,
  highpass,
  lowpass,
  normalizeRms,
  whiteNoise,
  type Rng,
} from './noise'

/** Adds one kind of event to `out` (sampleRate in Hz). */
export type EventSynth = (out: Float64Array, sampleRate: number, rng: Rng) => void

/** Band-limited noise of unit RMS between `loHz` and `hiHz` (one-pole edges, applied twice). */
function bandNoise(rng: Rng, length: number, fs: number, loHz: number, hiHz: number): Float64Array {
  const x = whiteNoise(rng, length)
  if (loHz > 0) highpass(highpass(x, loHz, fs), loHz, fs)
  if (hiHz < fs / 2) lowpass(lowpass(x, hiHz, fs), hiHz, fs)
  return normalizeRms(x)
}

/** Passing cars: swells of low rumble and tyre hiss with Gaussian envelopes. */
const traffic: EventSynth = (out, fs, rng) => {
  const seconds = out.length / fs
  const cars = Array.from({ length: rng.int(2, 4) }, () => ({
    t0: rng.between(0.3, seconds - 0.3),
    width: rng.between(0.4, 1.0),
    amp: rng.between(1, 1.8),
  }))
  const env = controlRate(out.length, fs, (t) =>
    cars.reduce((sum, c) => sum + c.amp * Math.exp(-0.5 * ((t - c.t0) / c.width) ** 2), 0),
  )
  const rumble = bandNoise(rng, out.length, fs, 30, 250)
  const hiss = bandNoise(rng, out.length, fs, 1500, 9000)
  for (let n = 0; n < out.length; n++) out[n] += env[n] * (rumble[n] + 0.35 * hiss[n])
}

/** Diesel engine: harmonics of about 80 Hz with a slow wobble and a gentle acceleration. */
const engine: EventSynth = (out, fs, rng) => {
  const f0 = rng.between(75, 90)
  const rate = rng.between(0.15, 0.3)
  const wobblePhase = rng.between(0, 2 * Math.PI)
  const ramp = rng.between(-0.08, 0.12)
  const seconds = out.length / fs
  const phases = Array.from({ length: 10 }, () => rng.between(0, 2 * Math.PI))
  // sin(hφ + p) = sin(hφ)·cos p + cos(hφ)·sin p, with sin(hφ), cos(hφ) by complex powers.
  const a = phases.map((p, h) => (0.6 / (h + 1) ** 0.8) * Math.cos(p))
  const b = phases.map((p, h) => (0.6 / (h + 1) ** 0.8) * Math.sin(p))
  const freq = controlRate(out.length, fs, (t) => {
    const wobble = 0.03 * Math.sin(2 * Math.PI * rate * t + wobblePhase)
    return f0 * (1 + wobble + (ramp * t) / seconds)
  })
  let phi = 0
  for (let n = 0; n < out.length; n++) {
    phi += (2 * Math.PI * freq[n]) / fs
    const c1 = Math.cos(phi)
    const s1 = Math.sin(phi)
    let c = c1
    let s = s1
    let sum = 0
    for (let h = 0; h < a.length; h++) {
      sum += a[h] * s + b[h] * c
      const cn = c * c1 - s * s1
      s = s * c1 + c * s1
      c = cn
    }
    out[n] += sum
  }
}

/** Tram bell: one or two double dings of inharmonic partials near 1.1 kHz. */
const bell: EventSynth = (out, fs, rng) => {
  const seconds = out.length / fs
  const ratios = [1, 2.32, 4.25, 6.63]
  const weights = [1, 0.5, 0.3, 0.15]
  const decays = [1.2, 0.7, 0.4, 0.25]
  for (let ding = rng.int(1, 2); ding > 0; ding--) {
    const f0 = rng.between(950, 1300)
    const amp = rng.between(2, 3.5)
    const t0 = rng.between(0.3, seconds - 1.5)
    for (const startSec of [t0, t0 + 0.25]) {
      ratios.forEach((r, i) =>
        addStrike(out, fs, {
          startSec,
          frequencyHz: f0 * r,
          amplitude: amp * weights[i],
          decaySec: decays[i],
        }),
      )
    }
  }
}

/** Rail joints: pairs of short noise bursts (the two axles of a bogie) at a steady period. */
const clatter: EventSynth = (out, fs, rng) => {
  const period = rng.between(0.7, 1.1)
  const burst = Math.round(0.03 * fs)
  const decay = Math.exp(-1 / (0.008 * fs))
  for (let t = rng.between(0, period); t < out.length / fs; t += period) {
    for (const start of [t, t + 0.12]) {
      let env = rng.between(1.5, 2.5)
      for (let n = Math.round(start * fs), k = 0; k < burst && n < out.length; n++, k++) {
        out[n] += env * rng.gauss()
        env *= decay
      }
    }
  }
}

/** Metro: traction motor whine gliding up or down, over a 100 Hz electrical hum. */
const hum: EventSynth = (out, fs, rng) => {
  const whine = rng.between(280, 450)
  const glide = rng.between(-0.3, 0.4)
  const mains = (2 * Math.PI * 100) / fs
  let phi = 0
  for (let n = 0; n < out.length; n++) {
    phi += (2 * Math.PI * whine * (1 + (glide * n) / out.length)) / fs
    const s1 = Math.sin(phi)
    const m = Math.sin(mains * n)
    // Harmonics by sin 2φ = 2 sinφ cosφ and sin 3φ = sinφ (3 − 4 sin²φ).
    const w = 0.5 * s1 + 0.5 * s1 * Math.cos(phi) + 0.12 * s1 * (3 - 4 * s1 * s1)
    out[n] += 0.7 * w + 0.4 * m + 0.4 * m * Math.cos(mains * n)
  }
}

/** Brake squeal: a 2.5–4 kHz tone with vibrato, faded in and out. */
const squeal: EventSynth = (out, fs, rng) => {
  const seconds = out.length / fs
  const start = rng.between(1.5, 3)
  const duration = Math.min(rng.between(1.2, 2), seconds - start)
  const f = rng.between(2500, 4000)
  const vibrato = rng.between(5, 8)
  const amp = rng.between(0.6, 1.2)
  const first = Math.round(start * fs)
  const count = Math.round(duration * fs)
  let phi = 0
  for (let k = 0; k < count && first + k < out.length; k++) {
    const t = k / fs
    phi += (2 * Math.PI * f * (1 + 0.008 * Math.sin(2 * Math.PI * vibrato * t))) / fs
    const env = Math.sin((Math.PI * k) / count) ** 2
    out[first + k] += amp * env * (Math.sin(phi) + 0.3 * Math.sin(2 * phi))
  }
}

/** Birds: trills of short frequency sweeps between 3 and 6 kHz. */
const birds: EventSynth = (out, fs, rng) => {
  const seconds = out.length / fs
  for (let trill = rng.int(3, 7); trill > 0; trill--) {
    let t = rng.between(0, seconds - 0.5)
    const f0 = rng.between(3500, 5500)
    const sweep = rng.between(-800, 800)
    const length = rng.between(0.06, 0.14)
    const gap = rng.between(0.04, 0.08)
    const amp = rng.between(0.4, 1.2)
    for (let note = rng.int(2, 5); note > 0; note--, t += length + gap) {
      const first = Math.round(t * fs)
      const count = Math.round(length * fs)
      let phi = 0
      for (let k = 0; k < count && first + k < out.length; k++) {
        const u = k / count
        phi += (2 * Math.PI * (f0 + sweep * u + 150 * Math.sin(2 * Math.PI * 3 * u))) / fs
        out[first + k] += amp * Math.sin(Math.PI * u) ** 2 * Math.sin(phi)
      }
    }
  }
}

/** Wind: low rumbling noise in slow gusts. */
const wind: EventSynth = (out, fs, rng) => {
  const x = bandNoise(rng, out.length, fs, 0, 120)
  const rates = [rng.between(0.1, 0.2), rng.between(0.25, 0.5)]
  const phases = [rng.between(0, 2 * Math.PI), rng.between(0, 2 * Math.PI)]
  for (let n = 0; n < out.length; n++) {
    const t = n / fs
    const gust = 0.5 + 0.3 * Math.sin(2 * Math.PI * rates[0] * t + phases[0])
    out[n] += 1.5 * (gust + 0.2 * Math.sin(2 * Math.PI * rates[1] * t + phases[1])) * x[n]
  }
}

/**
 * Babble: several voices of band-limited noise and voicing, modulated at syllable rate. The
 * voices read one noise at different offsets, which sounds as independent and costs one draw.
 */
const babble: EventSynth = (out, fs, rng) => {
  const noise = bandNoise(rng, out.length, fs, 250, 2500)
  for (let voice = rng.int(4, 6); voice > 0; voice--) {
    const offset = rng.int(0, out.length - 1)
    const syllable = rng.between(3, 5)
    const phrase = rng.between(0.2, 0.4)
    const [p1, p2] = [rng.between(0, 2 * Math.PI), rng.between(0, 2 * Math.PI)]
    const f0 = rng.between(100, 220)
    const env = controlRate(out.length, fs, (t) => {
      const gate = Math.max(0, Math.sin(2 * Math.PI * phrase * t + p2) + 0.3)
      return Math.max(0, Math.sin(2 * Math.PI * syllable * t + p1)) ** 1.5 * gate
    })
    const step = controlRate(out.length, fs, (t) => {
      return (2 * Math.PI * f0 * (1 + 0.05 * Math.sin(2 * Math.PI * 0.7 * t))) / fs
    })
    let phi = 0
    for (let n = 0; n < out.length; n++) {
      if (env[n] <= 0) continue
      phi += step[n]
      const s1 = Math.sin(phi)
      // sin 2φ = 2 sinφ cosφ, sin 3φ = sinφ (3 − 4 sin²φ): one sine and cosine per sample.
      const voiced = s1 + s1 * Math.cos(phi) + 0.3 * s1 * (3 - 4 * s1 * s1)
      out[n] += env[n] * (0.35 * noise[(n + offset) % out.length] + 0.2 * voiced)
    }
  }
}

/** Airport chime: three decaying notes (G5 E5 C5, or reversed), in most segments. */
const chime: EventSynth = (out, fs, rng) => {
  const play = rng.uniform() < 0.7
  const notes = rng.uniform() < 0.5 ? [784, 659.3, 523.3] : [523.3, 659.3, 784]
  const t0 = rng.between(0.3, 2)
  const amp = rng.between(1.2, 2)
  if (!play) return
  notes.forEach((f, i) => {
    const startSec = t0 + 0.45 * i
    addStrike(out, fs, { startSec, frequencyHz: f, amplitude: amp, decaySec: 1 })
    addStrike(out, fs, { startSec, frequencyHz: 2 * f, amplitude: 0.25 * amp, decaySec: 0.6 })
    addStrike(out, fs, { startSec, frequencyHz: 3 * f, amplitude: 0.1 * amp, decaySec: 0.4 })
  })
}

/** Every event kind a recipe scene may list. */
export const DEMO_EVENTS: Readonly<Record<string, EventSynth>> = {
  traffic,
  engine,
  bell,
  clatter,
  hum,
  squeal,
  birds,
  wind,
  babble,
  chime,
}
