// Paths to the golden data beside the repository, and readers for its files.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/golden')
export const GOLDEN_AUDIO = join(GOLDEN_DIR, 'corpus/audio')

export function goldenJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, 'expected', name), 'utf8')) as T
}

export function goldenF32(name: string): Float32Array {
  const bytes = readFileSync(join(GOLDEN_DIR, 'expected', name))
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return new Float32Array(copy.buffer)
}

export interface GoldenCoefficients {
  sampleRate: number
  nFft: number
  hop: number
  reference: string
  frequencies: number[]
  unaligned: Record<string, number[]>
  aligned: Record<string, number[]>
  dcase2019: Record<string, number[]>
  trueCorrection: Record<string, number[]>
}
