// Device-mixed corpora generated in memory, like the audit's: scenes from the demo recipe passed
// through simulated device chains (biquad cascades, as sox's filters are) with responses known in
// closed form, quantised as the files would be. Reusable by any test that needs a corpus whose
// true corrections are known; see correction-pipeline.ts for analysis and correction in process.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { resample } from '@shared/dsp/resample'
import { encodeWav } from '../../src-main/audio'
import { demoRecipe } from '../../src-main/demo/recipe'
import { writeDemoCorpus } from '../../src-main/demo/corpus'
import { firFromCurveDb, synthesizeScene } from '../../src-main/demo/scenes'
import { GOLDEN_AUDIO } from './golden'
import { readPcm16Mono } from './pcm16'

/** One recording as decoded: channels at full scale ±1. */
export interface CorpusRecording {
  id: number
  /** Relative path the file would have, e.g. `phone/scene-3.wav`. */
  name: string
  device: string
  /** Alignment group (the same moment recorded by several devices), or null. */
  group: string | null
  /** Native sample rate of the file, Hz. */
  sampleRate: number
  /** Integer PCM bit depth of the file (16 or 24): what export with `--format same` writes. */
  bits: number
  channels: Float32Array[]
}

export interface Corpus {
  name: string
  reference: string
  recordings: CorpusRecording[]
  /** True response of each simulated device in dB at `fHz` (relative to full scale in = out). */
  responseDb?: Record<string, (fHz: number) => number>
}

/** A second-order section b0..b2 / a0..a2 (a0 normalised to 1). */
interface Biquad {
  b: [number, number, number]
  a: [number, number]
}

/** RBJ cookbook low-pass (`sign` = −1) or high-pass (`sign` = +1) section at `fs` Hz. */
function pass(sign: 1 | -1, f0: number, q: number, fs: number): Biquad {
  const w = (2 * Math.PI * f0) / fs
  const alpha = Math.sin(w) / (2 * q)
  const c = Math.cos(w)
  const a0 = 1 + alpha
  const edge = (1 + sign * c) / 2 / a0
  return { b: [edge, -2 * sign * edge, edge], a: [(-2 * c) / a0, (1 - alpha) / a0] }
}

const lowpass = (f0: number, q: number, fs: number): Biquad => pass(-1, f0, q, fs)
const highpass = (f0: number, q: number, fs: number): Biquad => pass(1, f0, q, fs)

function peaking(f0: number, q: number, gainDb: number, fs: number): Biquad {
  const w = (2 * Math.PI * f0) / fs
  const alpha = Math.sin(w) / (2 * q)
  const c = Math.cos(w)
  const A = Math.pow(10, gainDb / 40)
  const a0 = 1 + alpha / A
  return {
    b: [(1 + alpha * A) / a0, (-2 * c) / a0, (1 - alpha * A) / a0],
    a: [(-2 * c) / a0, (1 - alpha / A) / a0],
  }
}

/** Q of the sections of an order-2n Butterworth filter. */
function butterworthQs(order: number): number[] {
  const n = order / 2
  return Array.from(
    { length: n },
    (_, k) => 1 / (2 * Math.cos(((2 * k + 1) * Math.PI) / (2 * order))),
  )
}

/** |H(e^{jω})| of a cascade in dB at fHz. */
function cascadeDb(sections: readonly Biquad[], fHz: number, fs: number): number {
  const w = (2 * Math.PI * fHz) / fs
  let db = 0
  for (const { b, a } of sections) {
    const nr = b[0] + b[1] * Math.cos(w) + b[2] * Math.cos(2 * w)
    const ni = -b[1] * Math.sin(w) - b[2] * Math.sin(2 * w)
    const dr = 1 + a[0] * Math.cos(w) + a[1] * Math.cos(2 * w)
    const di = -a[0] * Math.sin(w) - a[1] * Math.sin(2 * w)
    db += 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di))
  }
  return db
}

/** The cascade applied in float64 (transposed direct form II), times `gain`. */
function runCascade(sections: readonly Biquad[], x: Float32Array, gain: number): Float64Array {
  const y = Float64Array.from(x, (v) => v * gain)
  for (const { b, a } of sections) {
    let s1 = 0
    let s2 = 0
    for (let n = 0; n < y.length; n++) {
      const v = y[n]
      const out = b[0] * v + s1
      s1 = b[1] * v - a[0] * out + s2
      s2 = b[2] * v - a[1] * out
      y[n] = out
    }
  }
  return y
}

/** A simulated device: a biquad cascade and a gain, designed at `sampleRate`. */
interface DeviceChain {
  sections: Biquad[]
  gainDb: number
}

/** Rounds to `bits`-bit PCM (s / 2^(bits−1)), clamping at full scale, as a WAV file holds it. */
export function quantize(x: ArrayLike<number>, bits: number): Float32Array {
  const scale = Math.pow(2, bits - 1)
  return Float32Array.from(
    x,
    (v) => Math.max(-scale, Math.min(scale - 1, Math.round(v * scale))) / scale,
  )
}

const AUDIT_RATE = 48000

/** The audit-like devices at 48 kHz: flat studio, steep high-pass phone, dark low-pass, peaky. */
function auditChains(fs: number): Record<string, DeviceChain> {
  return {
    studio: { sections: [], gainDb: 0 },
    // 8th-order Butterworth high-pass at 250 Hz: −160 dB at 20 Hz, so PCM24's floor is all
    // that is left there and the unaligned correction reaches about +90 dB near DC.
    phone: { sections: butterworthQs(8).map((q) => highpass(250, q, fs)), gainDb: -4 },
    dark: { sections: butterworthQs(6).map((q) => lowpass(4000, q, fs)), gainDb: 2 },
    peaky: {
      sections: [peaking(2500, 1.2, 9, fs), peaking(8000, 2, -6, fs)],
      gainDb: -2,
    },
    // Recorded at 48 kHz and, for some files, at 16 kHz: a mild high-pass and a high cut.
    mixed: {
      sections: [...butterworthQs(2).map((q) => highpass(120, q, fs)), peaking(5000, 0.7, -5, fs)],
      gainDb: 1,
    },
    // A mild device whose recordings hold stretches of digital silence (dropouts): opt-in.
    gappy: {
      sections: [peaking(1200, 0.8, 4, fs), ...butterworthQs(2).map((q) => lowpass(12000, q, fs))],
      gainDb: -1,
    },
  }
}

/** The devices of `auditCorpus` by default (`gappy` is asked for by name). */
export const AUDIT_DEVICES = ['studio', 'phone', 'dark', 'peaky', 'mixed'] as const

/**
 * Where `gappy`'s recordings are digitally silent: two stretches of exact zeros, together
 * `GAP_SHARE` of each recording, as a recorder's dropouts leave them.
 */
export const GAP_SHARE = 0.4

function punchGaps(x: Float64Array): void {
  const gap = Math.round((GAP_SHARE / 2) * x.length)
  for (const start of [Math.round(0.15 * x.length), Math.round(0.6 * x.length)]) {
    x.fill(0, start, start + gap)
  }
}

export interface AuditCorpusOptions {
  /** Seconds per recording (default 3). */
  durationSec?: number
  /** Alignment groups recorded by every device (default 4). */
  alignedGroups?: number
  /** Recordings of each device's own, unaligned scenes (default 3). */
  ownScenes?: number
  /** Devices to include (default AUDIT_DEVICES; `studio` is the reference; also `gappy`). */
  devices?: readonly string[]
}

/**
 * The audit-like corpus: 48 kHz stereo PCM24, reference `studio` (flat), `phone` (steep
 * high-pass), `dark` (low-pass), `peaky` (peak and dip), and `mixed`, whose own scenes are 16 kHz
 * PCM16 files (made at 48 kHz, then resampled) while its aligned recordings are 48 kHz PCM24.
 * Scenes come from the demo recipe; channel 2 mixes in a second take of the scene, so the two
 * channels differ. Deterministic.
 */
export function auditCorpus(options: AuditCorpusOptions = {}): Corpus {
  const fs = AUDIT_RATE
  const length = Math.round((options.durationSec ?? 3) * fs)
  const chains = auditChains(fs)
  const devices = options.devices ?? AUDIT_DEVICES
  const recipe = demoRecipe()
  const beds = new Map(recipe.scenes.map((s) => [s.label, firFromCurveDb(s.bedDb, fs)]))
  const scene = (i: number, take: string): Float32Array => {
    const s = recipe.scenes[i % recipe.scenes.length]
    const name = `audit-${i}-${take}`
    return synthesizeScene(s, { sampleRate: fs, length, seed: 8, name, bedFir: beds.get(s.label)! })
  }
  const recordings: CorpusRecording[] = []
  const record = (device: string, group: string | null, i: number): void => {
    const chain = chains[device]
    const left = scene(i, 'a')
    const other = scene(i, 'b')
    const right = left.map((v, n) => 0.8 * v + 0.6 * other[n])
    const gain = Math.pow(10, chain.gainDb / 20)
    const lowRate = device === 'mixed' && group === null
    const channels = [left, right].map((x) => {
      const y = runCascade(chain.sections, x, gain)
      if (device === 'gappy') punchGaps(y)
      return lowRate ? quantize(resample(Float32Array.from(y), fs, 16000), 16) : quantize(y, 24)
    })
    const name = `${device}/${group ?? `own-${i}`}.wav`
    recordings.push({
      id: recordings.length,
      name,
      device,
      group,
      sampleRate: lowRate ? 16000 : fs,
      bits: lowRate ? 16 : 24,
      channels,
    })
  }
  const aligned = options.alignedGroups ?? 4
  const own = options.ownScenes ?? 3
  for (let g = 0; g < aligned; g++) for (const d of devices) record(d, `scene-${g}`, g)
  devices.forEach((d, j) => {
    for (let i = 0; i < own; i++) record(d, null, 100 + 10 * j + i)
  })
  const responseDb: Record<string, (fHz: number) => number> = {}
  for (const d of devices) {
    const { sections, gainDb } = chains[d]
    responseDb[d] = (f) => gainDb + cascadeDb(sections, f, fs)
  }
  return { name: 'audit 48 kHz', reference: 'studio', recordings, responseDb }
}

/** The golden corpus as decoded (mono 44.1 kHz PCM16; DCASE names give device and group). */
export function goldenCorpus(): Corpus {
  return {
    name: 'golden',
    reference: 'a',
    recordings: dcaseRecordings(GOLDEN_AUDIO),
  }
}

/** The demo corpus, written to a temporary folder by the app's own generator and read back. */
export async function demoCorpus(): Promise<Corpus> {
  const dir = mkdtempSync(join(tmpdir(), 'scw-demo-corpus-'))
  try {
    const { audioDir } = await writeDemoCorpus(dir)
    return { name: 'demo', reference: 'a', recordings: dcaseRecordings(audioDir) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Mono PCM16 files named `scene-city-location-segment-device.wav`, in name order. */
function dcaseRecordings(dir: string): CorpusRecording[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wav'))
    .sort()
    .map((file, id) => {
      const stem = file.replace(/\.wav$/, '')
      const cut = stem.lastIndexOf('-')
      const { sampleRate, samples } = readPcm16Mono(join(dir, file))
      return {
        id,
        name: file,
        device: stem.slice(cut + 1),
        group: stem.slice(0, cut),
        sampleRate,
        bits: 16,
        channels: [samples],
      }
    })
}

/**
 * Writes `corpus` as WAV files under `dir` (its recordings' names: `<device>/<group>.wav`, so
 * `scw index --labels folders` finds device and alignment group), each at its own rate and depth.
 * Returns the folder.
 */
export function writeCorpus(corpus: Corpus, dir: string): string {
  for (const r of corpus.recordings) {
    const path = join(dir, r.name)
    mkdirSync(dirname(path), { recursive: true })
    const format = r.bits === 16 ? 'pcm16' : 'pcm24'
    writeFileSync(path, encodeWav(r.channels, r.sampleRate, format).bytes)
  }
  return dir
}
