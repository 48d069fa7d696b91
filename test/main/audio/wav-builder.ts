// Builds WAV bytes by hand, independently of the writer under test, so that the reader is
// checked against the format rather than against our own encoder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { concatBytes } from '@shared/io/bytes'

export type TestFormat = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64'

export const BITS: Record<TestFormat, number> = {
  pcm8: 8,
  pcm16: 16,
  pcm24: 24,
  pcm32: 32,
  float32: 32,
  float64: 64,
}

/** A RIFF chunk: id, body, and the pad byte after an odd body */
export function chunk(id: string, body: Uint8Array, sizeField = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length % 2))
  out.set(ascii(id), 0)
  new DataView(out.buffer).setUint32(4, sizeField >>> 0, true)
  out.set(body, 8)
  return out
}

export function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0))
}

/** Joins byte arrays, in order. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(parts)
}

/** 'RIFF' size 'WAVE' followed by the chunks; the size field is right unless given */
export function riff(chunks: Uint8Array[], sizeField?: number): Uint8Array {
  const body = concat(ascii('WAVE'), ...chunks)
  const head = new Uint8Array(8)
  head.set(ascii('RIFF'))
  new DataView(head.buffer).setUint32(4, sizeField ?? body.length, true)
  return concat(head, body)
}

export interface FmtOptions {
  tag?: number
  channels: number
  rate: number
  bits: number
  extensible?: boolean
  blockAlign?: number
}

/** fmt chunk body: 16 bytes plain, 18 with cbSize for floats, 40 for EXTENSIBLE */
export function fmt(o: FmtOptions): Uint8Array {
  const tag = o.tag ?? 1
  const size = o.extensible ? 40 : tag === 1 ? 16 : 18
  const b = new Uint8Array(size)
  const dv = new DataView(b.buffer)
  const align = o.blockAlign ?? (o.channels * o.bits) / 8
  dv.setUint16(0, o.extensible ? 0xfffe : tag, true)
  dv.setUint16(2, o.channels, true)
  dv.setUint32(4, o.rate, true)
  dv.setUint32(8, o.rate * align, true)
  dv.setUint16(12, align, true)
  dv.setUint16(14, o.bits, true)
  if (size >= 18) dv.setUint16(16, size - 18, true)
  if (o.extensible) {
    dv.setUint16(18, o.bits, true)
    dv.setUint32(20, 0, true)
    dv.setUint16(24, tag, true)
    b.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 26)
  }
  return chunk('fmt ', b)
}

/**
 * Interleaved sample bytes for integer codes (PCM) or float values; `planar[c][f]` is the
 * stored integer (pcm8 unsigned 0..255) or float.
 */
export function sampleBytes(format: TestFormat, planar: number[][]): Uint8Array {
  const channels = planar.length
  const frames = planar[0].length
  const size = BITS[format] / 8
  const b = new Uint8Array(frames * channels * size)
  const dv = new DataView(b.buffer)
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) {
      const v = planar[c][f]
      const p = (f * channels + c) * size
      if (format === 'pcm8') dv.setUint8(p, v)
      else if (format === 'pcm16') dv.setInt16(p, v, true)
      else if (format === 'pcm24') {
        dv.setUint8(p, v & 0xff)
        dv.setUint8(p + 1, (v >> 8) & 0xff)
        dv.setUint8(p + 2, (v >> 16) & 0xff)
      } else if (format === 'pcm32') dv.setInt32(p, v, true)
      else if (format === 'float32') dv.setFloat32(p, v, true)
      else dv.setFloat64(p, v, true)
    }
  }
  return b
}

/** What the reader must return for stored values: the documented scaling */
export function expectedFloat(format: TestFormat, v: number): number {
  if (format === 'pcm8') return Math.fround((v - 128) / 128)
  if (format === 'pcm16') return Math.fround(v / 32768)
  if (format === 'pcm24') return Math.fround(v / 8388608)
  if (format === 'pcm32') return Math.fround(v / 2147483648)
  return Math.fround(v)
}

/** Deterministic stored values spanning the whole range of `format`, extremes included */
export function testValues(format: TestFormat, frames: number, seed: number): number[] {
  const out: number[] = []
  let x = seed >>> 0
  const next = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x / 2 ** 32
  }
  for (let i = 0; i < frames; i++) {
    const r = next()
    if (format === 'pcm8') out.push(i === 0 ? 0 : i === 1 ? 255 : Math.floor(r * 256))
    else if (format === 'float32' || format === 'float64') out.push(i === 0 ? -1 : r * 2 - 1)
    else {
      const half = 2 ** (BITS[format] - 1)
      out.push(i === 0 ? -half : i === 1 ? half - 1 : Math.floor(r * 2 * half) - half)
    }
  }
  return out
}

/** A fresh temporary folder, removed by the returned cleanup */
export function tempDir(): {
  dir: string
  file: (name: string, bytes: Uint8Array | string) => string
  cleanup: () => void
} {
  const dir = mkdtempSync(join(tmpdir(), 'scw-audio-'))
  return {
    dir,
    file: (name, bytes) => {
      const path = join(dir, name)
      writeFileSync(path, bytes)
      return path
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A plain, valid mono PCM16 WAV of the given samples at 44,100 Hz */
export function simpleWav(samples: number[]): Uint8Array {
  return riff([
    fmt({ channels: 1, rate: 44100, bits: 16 }),
    chunk('data', sampleBytes('pcm16', [samples])),
  ])
}
