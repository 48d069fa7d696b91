// Writes the demo corpus: every planned recording as PCM16 WAV with a DCASE name, and meta.csv.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { applyFirCentered } from '@shared/dsp/fir-filter'
import { loadFft } from '@shared/dsp/fft'
import { encodeWav } from '../audio'
import { createRng, whiteNoise } from './noise'
import { demoRecipe, segmentName, type DemoRecipe } from './recipe'
import { firFromCurveDb, synthesizeScene } from './scenes'

/** What `writeDemoCorpus` wrote. */
export interface DemoCorpus {
  /** Folder holding the WAV files (dir/audio). */
  audioDir: string
  files: number
  /** Total duration in seconds. */
  seconds: number
  /** Files per device label. */
  devices: Record<string, number>
}

interface Clip {
  /** File name, `scene-city-location-segment-device.wav`. */
  name: string
  scene: string
  /** DCASE identifier: `city-location`. */
  identifier: string
  device: string
  samples: Float32Array
}

/** Every planned recording, each segment's scene passed through each of its devices' responses. */
function renderClips(recipe: DemoRecipe): Clip[] {
  const fs = recipe.sampleRate
  const length = Math.round(recipe.clipSec * fs)
  const deviceFirs = new Map(recipe.devices.map((d) => [d.id, firFromCurveDb(d.responseDb, fs)]))
  const scenes = new Map(recipe.scenes.map((s) => [s.label, s]))
  const bedFirs = new Map(recipe.scenes.map((s) => [s.label, firFromCurveDb(s.bedDb, fs)]))
  const clips: Clip[] = []
  for (const seg of recipe.segments) {
    const name = segmentName(seg)
    const scene = synthesizeScene(scenes.get(seg.scene)!, {
      sampleRate: fs,
      length,
      seed: recipe.seed,
      name,
      bedFir: bedFirs.get(seg.scene)!,
    })
    for (const device of seg.devices) {
      clips.push({
        name: `${name}-${device}.wav`,
        scene: seg.scene,
        identifier: `${seg.city}-${seg.location}`,
        device,
        samples: applyFirCentered(scene, deviceFirs.get(device)!),
      })
    }
  }
  return clips.sort((a, b) => (a.name < b.name ? -1 : 1))
}

/**
 * One corpus-wide gain (never above 1) bringing the loudest clip to `peakDbfs`, so levels
 * between devices and segments stay as simulated; then each device's self-noise (white, RMS
 * `selfNoiseDbfs` re full scale 1.0) from its own seeded stream.
 */
function finishClips(recipe: DemoRecipe, clips: Clip[]): void {
  let peak = 0
  for (const c of clips) for (const v of c.samples) peak = Math.max(peak, Math.abs(v))
  const gain = Math.min(1, 10 ** (recipe.peakDbfs / 20) / Math.max(peak, 1e-9))
  for (const c of clips) {
    const dev = recipe.devices.find((d) => d.id === c.device)!
    const noise = 10 ** (dev.selfNoiseDbfs / 20)
    const hiss = whiteNoise(createRng(recipe.seed, `self-noise ${c.name}`), c.samples.length)
    const x = c.samples
    for (let n = 0; n < x.length; n++) x[n] = gain * x[n] + noise * hiss[n]
  }
}

/** Writes `bytes` unless the file already holds exactly them (its mtime then stays put). */
async function writeIfChanged(path: string, bytes: Uint8Array): Promise<void> {
  const old = await readFile(path).catch(() => undefined)
  if (old && Buffer.compare(old, bytes) === 0) return
  await writeFile(`${path}.partial`, bytes)
  await rename(`${path}.partial`, path)
}

/** DCASE 2020 meta.csv: tab-separated filename (audio/…), scene_label, identifier, source_label. */
function metaCsv(clips: readonly Clip[]): string {
  const rows = clips.map((c) => `audio/${c.name}\t${c.scene}\t${c.identifier}\t${c.device}`)
  return ['filename\tscene_label\tidentifier\tsource_label', ...rows, ''].join('\n')
}

/**
 * Writes the demo corpus (WAV PCM16 mono, DCASE names scene-city-location-segment-device.wav)
 * into dir/audio and a DCASE meta.csv into dir (the DCASE layout); byte-identical on every run.
 * Other .wav files in dir/audio are removed, unchanged files are left untouched. Throws if any
 * sample would clip.
 */
export async function writeDemoCorpus(dir: string): Promise<DemoCorpus> {
  await loadFft()
  const recipe = demoRecipe()
  const clips = renderClips(recipe)
  finishClips(recipe, clips)
  const audioDir = join(dir, 'audio')
  await mkdir(audioDir, { recursive: true })
  const devices: Record<string, number> = {}
  for (const c of clips) {
    const { bytes, clippedSamples } = encodeWav([c.samples], recipe.sampleRate, 'pcm16')
    if (clippedSamples > 0) throw new Error(`demo clip ${c.name} clips ${clippedSamples} samples`)
    await writeIfChanged(join(audioDir, c.name), bytes)
    devices[c.device] = (devices[c.device] ?? 0) + 1
  }
  const planned = new Set(clips.map((c) => c.name))
  for (const name of await readdir(audioDir)) {
    if (/\.wav(\.partial)?$/i.test(name) && !planned.has(name)) await rm(join(audioDir, name))
  }
  await writeIfChanged(join(dir, 'meta.csv'), new TextEncoder().encode(metaCsv(clips)))
  return { audioDir, files: clips.length, seconds: clips.length * recipe.clipSec, devices }
}
