// Realistic little corpora for the integrity tests, generated on the spot: 48 kHz stereo 24-bit
// WAV by default (coloured noise plus a tone, different per file), DCASE-style names
// `<scene>-<city>-<location>-<segment>-<device>.wav`, nested folders when asked.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { seededRandom } from '@shared/dsp/random'
import { encodeWav, type WavOutputFormat } from '../../src-main/audio'

export interface ToneOptions {
  /** Hz; default 48000. */
  sampleRate?: number
  /** Default 2 (stereo). */
  channels?: number
  /** Default 'pcm24'. */
  format?: WavOutputFormat
  /** Default 1 s. */
  seconds?: number
  /** Seed of the noise; also shifts the tone, so files differ. */
  seed?: number
}

/** Planar samples: coloured noise (−20 dBFS or so) and a tone, each channel slightly different. */
export function noiseAndTone(options: ToneOptions = {}): Float32Array[] {
  const { sampleRate = 48000, channels = 2, seconds = 1, seed = 1 } = options
  const random = seededRandom(seed)
  const n = Math.round(sampleRate * seconds)
  const f = 220 + 37 * (seed % 23)
  return Array.from({ length: channels }, (_, c) => {
    const x = new Float32Array(n)
    let lp = 0
    for (let t = 0; t < n; t++) {
      lp = 0.9 * lp + 0.1 * (random() * 2 - 1)
      x[t] = 0.25 * lp + 0.08 * Math.sin((2 * Math.PI * f * (1 + 0.01 * c) * t) / sampleRate)
    }
    return x
  })
}

/** WAV bytes of `noiseAndTone(options)`. */
export function wavBytes(options: ToneOptions = {}): Uint8Array {
  const { sampleRate = 48000, format = 'pcm24' } = options
  return encodeWav(noiseAndTone(options), sampleRate, format).bytes
}

/** Writes a WAV file (folders created); returns its path. */
export function writeWav(path: string, options: ToneOptions = {}): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, wavBytes(options))
  return path
}

/**
 * A DCASE-named corpus under `dir`: `perDevice` recordings of each device, recorded in aligned
 * groups (segment i by every device), spread over `audio/<city>/` sub-folders. Returns the
 * relative paths written.
 */
export function writeDcaseCorpus(
  dir: string,
  options: { devices?: string[]; perDevice?: number; seconds?: number; folder?: string } = {},
): string[] {
  const { devices = ['a', 'b', 'c'], perDevice = 3, seconds = 1, folder = 'audio' } = options
  const written: string[] = []
  let seed = 1
  for (let i = 0; i < perDevice; i++) {
    const city = ['lyon', 'vienna'][i % 2]
    for (const d of devices) {
      const rel = `${folder}/${city}/park-${city}-${i}-0-${d}.wav`
      writeWav(join(dir, rel), { seconds, seed: seed++ })
      written.push(rel)
    }
  }
  return written
}
