// A minimal reader for the golden corpus (mono PCM16 WAV), independent of src-main/audio so that
// the DSP tests check the math against the golden data and nothing else.
import { readFileSync } from 'node:fs'

export function readPcm16Mono(path: string): { sampleRate: number; samples: Float32Array } {
  const b = readFileSync(path)
  let pos = 12
  let sampleRate = 0
  while (pos + 8 <= b.length) {
    const id = b.toString('latin1', pos, pos + 4)
    const size = b.readUInt32LE(pos + 4)
    if (id === 'fmt ') sampleRate = b.readUInt32LE(pos + 12)
    if (id === 'data') {
      const n = size >> 1
      const samples = new Float32Array(n)
      for (let i = 0; i < n; i++) samples[i] = b.readInt16LE(pos + 8 + 2 * i) / 32768
      return { sampleRate, samples }
    }
    pos += 8 + size + (size & 1)
  }
  throw new Error(`${path}: no data chunk`)
}
