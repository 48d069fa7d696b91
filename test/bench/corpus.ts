// A generated benchmark corpus: 10-second 44.1 kHz PCM16 mono files of coloured noise and tones.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { seededRandom } from '@shared/dsp/random'
import { encodeWav } from '../../src-main/audio'

export const BENCH_RATE = 44100
export const BENCH_SECONDS = 10

/** Writes `count` files named like DCASE recordings (3 devices) into `dir`; returns their paths. */
export function writeBenchCorpus(dir: string, count: number): string[] {
  mkdirSync(dir, { recursive: true })
  const random = seededRandom(42)
  const paths: string[] = []
  const n = BENCH_RATE * BENCH_SECONDS
  for (let i = 0; i < count; i++) {
    const x = new Float32Array(n)
    let lp = 0
    const f = 200 + 50 * (i % 17)
    for (let t = 0; t < n; t++) {
      lp = 0.95 * lp + 0.05 * (random() * 2 - 1)
      x[t] = 0.3 * lp + 0.1 * Math.sin((2 * Math.PI * f * t) / BENCH_RATE) + 0.02 * (random() - 0.5)
    }
    const device = 'abc'[i % 3]
    const path = join(dir, `park-bench-${Math.floor(i / 3)}-0-${device}.wav`)
    writeFileSync(path, encodeWav([x], BENCH_RATE, 'pcm16').bytes)
    paths.push(path)
  }
  return paths
}
