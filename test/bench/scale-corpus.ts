// The DCASE-2022-sized corpus of `npm run bench:scale` (issue 9): 10 devices recording the same
// 0.1-second moments, as TAU Urban Acoustic Scenes 2022 Mobile does with its 1-second clips. Each
// group is one coloured-noise scene; each device colours it with its own filter and level. The
// files are written once into a cache folder outside the repository and reused by later runs.
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { seededRandom } from '@shared/dsp/random'

export const SCALE_RATE = 44100
/** 0.1 s of audio per file. */
export const SCALE_FRAMES = 4410
export const SCALE_DEVICES = ['a', 'b', 'c', 's1', 's2', 's3', 's4', 's5', 's6', 's7'] as const

const SCENES = [
  'airport',
  'bus',
  'metro',
  'metro_station',
  'park',
  'public_square',
  'shopping_mall',
  'street_pedestrian',
  'street_traffic',
  'tram',
]
const CITIES = ['barcelona', 'helsinki', 'lisbon', 'london', 'lyon', 'milan', 'paris', 'prague']

/** Bumped whenever the generated audio changes, so that a cached corpus is made again. */
const VERSION = 1

/** DCASE 2022 file-name stem of group `g` without its device: scene-city-location-segment-sub. */
export function groupStem(g: number): string {
  const scene = SCENES[g % SCENES.length]
  const city = CITIES[Math.floor(g / SCENES.length) % CITIES.length]
  return `${scene}-${city}-${1000 + Math.floor(g / 80)}-${40000 + Math.floor(g / 10)}-${g % 10}`
}

/** Per device: one-pole low-pass coefficient, high-pass coefficient and linear gain. */
function deviceChain(k: number): { lp: number; hp: number; gain: number } {
  return { lp: 0.15 + 0.08 * k, hp: 0.9 + 0.009 * k, gain: 0.6 + 0.05 * ((k * 7) % 10) }
}

/** A 44-byte RIFF/WAVE header for mono PCM16 at SCALE_RATE with `frames` samples. */
function wavHeader(frames: number): Buffer {
  const h = Buffer.alloc(44)
  const data = frames * 2
  h.write('RIFF', 0, 'ascii')
  h.writeUInt32LE(36 + data, 4)
  h.write('WAVEfmt ', 8, 'ascii')
  h.writeUInt32LE(16, 16)
  h.writeUInt16LE(1, 20) // PCM
  h.writeUInt16LE(1, 22) // mono
  h.writeUInt32LE(SCALE_RATE, 24)
  h.writeUInt32LE(SCALE_RATE * 2, 28)
  h.writeUInt16LE(2, 32)
  h.writeUInt16LE(16, 34)
  h.write('data', 36, 'ascii')
  h.writeUInt32LE(data, 40)
  return h
}

/** The group's scene: low-passed noise plus a tone, deterministic in `g`. */
function sceneOf(g: number, out: Float32Array): void {
  const random = seededRandom(1 + g)
  const f = 150 + 37 * (g % 53)
  const colour = 0.8 + 0.15 * ((g % 7) / 7)
  let lp = 0
  for (let t = 0; t < out.length; t++) {
    lp = colour * lp + (1 - colour) * (random() * 2 - 1)
    out[t] = 0.5 * lp + 0.05 * Math.sin((2 * Math.PI * f * t) / SCALE_RATE) + 0.01 * random()
  }
}

/** Writes the files of groups [from, to) into `audio`: one per group and device. */
function writeGroups(audio: string, from: number, to: number): void {
  const header = wavHeader(SCALE_FRAMES)
  const file = Buffer.alloc(44 + SCALE_FRAMES * 2)
  header.copy(file, 0)
  const pcm = new Int16Array(file.buffer, file.byteOffset + 44, SCALE_FRAMES)
  const scene = new Float32Array(SCALE_FRAMES)
  for (let g = from; g < to; g++) {
    sceneOf(g, scene)
    const stem = groupStem(g)
    SCALE_DEVICES.forEach((device, k) => {
      const { lp, hp, gain } = deviceChain(k)
      let low = 0
      let prevIn = 0
      let high = 0
      for (let t = 0; t < SCALE_FRAMES; t++) {
        low += lp * (scene[t] - low)
        high = hp * (high + low - prevIn)
        prevIn = low
        const y = gain * (0.7 * low + 0.3 * high)
        pcm[t] = Math.max(-32768, Math.min(32767, Math.round(y * 32767)))
      }
      writeFileSync(join(audio, `${stem}-${device}.wav`), file)
    })
  }
}

export interface ScaleCorpus {
  /** The folder holding the audio files (the source to index). */
  audio: string
  groups: number
  files: number
}

/**
 * The corpus of `groups` aligned groups under `cacheDir`, generated when absent or outdated. A
 * larger corpus hard-links the files of a smaller one already there (same names, same audio).
 */
export function scaleCorpus(
  cacheDir: string,
  groups: number,
  log: (line: string) => void,
): ScaleCorpus {
  const root = join(cacheDir, `corpus-${groups}`)
  const audio = join(root, 'audio')
  const marker = join(root, 'complete.json')
  const files = groups * SCALE_DEVICES.length
  const want = JSON.stringify({ version: VERSION, groups, files })
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return { audio, groups, files }
  rmSync(root, { recursive: true, force: true })
  mkdirSync(audio, { recursive: true })
  const t0 = performance.now()
  let start = 0
  for (const smaller of [10_000, 1_000]) {
    const other = join(cacheDir, `corpus-${smaller}`)
    if (smaller >= groups || start > 0) continue
    const otherMarker = join(other, 'complete.json')
    if (!existsSync(otherMarker)) continue
    const meta = JSON.parse(readFileSync(otherMarker, 'utf8')) as { version: number }
    if (meta.version !== VERSION) continue
    for (let g = 0; g < smaller; g++)
      for (const d of SCALE_DEVICES) {
        const name = `${groupStem(g)}-${d}.wav`
        linkSync(join(other, 'audio', name), join(audio, name))
      }
    start = smaller
  }
  log(`generating ${files - start * SCALE_DEVICES.length} files of 0.1 s into ${audio}`)
  writeGroups(audio, start, groups)
  writeFileSync(marker, want)
  log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  return { audio, groups, files }
}
