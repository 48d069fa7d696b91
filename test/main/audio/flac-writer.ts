// Writes small FLAC streams by hand (verbatim subframes only), for cases an encoder will not
// produce on demand: each stereo decorrelation, 33-bit side channels, variable block sizes,
// frame numbers that jump.
import { crc16, crc8 } from '../../../src-main/audio/crc'

/** One frame: samples as stored per subframe (for left/side etc. the side channel itself) */
export interface FrameSpec {
  /** 0-7: independent channels; 8 left/side, 9 side/right, 10 mid/side */
  assignment: number
  /** Frame index (fixed block size) or first sample (variable) */
  number: number
  subframes: number[][]
}

export interface StreamSpec {
  sampleRate: number
  bits: number
  channels: number
  /** STREAMINFO total samples; 0: unknown */
  totalFrames: number
  /** Variable block size: frame headers give sample numbers */
  variable?: boolean
  frames: FrameSpec[]
}

const BITS_CODE: Record<number, number> = { 8: 1, 12: 2, 16: 4, 20: 5, 24: 6, 32: 7 }

class BitWriter {
  readonly bytes: number[] = []
  private acc = 0
  private count = 0

  /** `width` bits of `value` (two's complement for negatives), most significant first */
  put(value: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) {
      const bit = Math.floor(value / 2 ** i) & 1 // & 1 keeps two's complement parity of negatives
      this.acc = (this.acc << 1) | bit
      if (++this.count === 8) {
        this.bytes.push(this.acc)
        this.acc = 0
        this.count = 0
      }
    }
  }

  align(): void {
    while (this.count !== 0) this.put(0, 1)
  }
}

/** The UTF-8-like coding of frame and sample numbers */
function codedNumber(w: BitWriter, n: number): void {
  if (n < 0x80) return w.put(n, 8)
  let extra = 1
  while (n >= 2 ** (6 * extra + (6 - extra))) extra++
  w.put(2 ** (extra + 1) - 1, extra + 1) // as many ones as bytes follow, plus one
  w.put(0, 1)
  w.put(Math.floor(n / 2 ** (6 * extra)), 6 - extra)
  for (let i = extra - 1; i >= 0; i--) w.put(0x80 | (Math.floor(n / 2 ** (6 * i)) & 0x3f), 8)
}

/** 'fLaC', STREAMINFO (the last metadata block), then the frames */
export function flacStream(s: StreamSpec): Uint8Array {
  const w = new BitWriter()
  for (const c of 'fLaC') w.put(c.charCodeAt(0), 8)
  const sizes = s.frames.map((f) => f.subframes[0].length)
  w.put(0x80, 8) // last block, STREAMINFO
  w.put(34, 24)
  w.put(s.variable ? Math.min(...sizes) : sizes[0], 16)
  w.put(Math.max(...sizes), 16)
  w.put(0, 24) // frame sizes unknown
  w.put(0, 24)
  w.put(s.sampleRate, 20)
  w.put(s.channels - 1, 3)
  w.put(s.bits - 1, 5)
  w.put(s.totalFrames, 36)
  w.put(0, 64) // MD5 unknown
  w.put(0, 64)
  const bytes = w.bytes
  for (const f of s.frames) bytes.push(...frame(s, f))
  return Uint8Array.from(bytes)
}

function frame(s: StreamSpec, f: FrameSpec): number[] {
  const w = new BitWriter()
  const n = f.subframes[0].length
  w.put(0x3ffe, 14)
  w.put(0, 1)
  w.put(s.variable ? 1 : 0, 1)
  w.put(7, 4) // block size - 1 in 16 bits after the number
  w.put(0, 4) // sample rate: STREAMINFO's
  w.put(f.assignment, 4)
  w.put(BITS_CODE[s.bits] ?? 0, 3)
  w.put(0, 1)
  codedNumber(w, f.number)
  w.put(n - 1, 16)
  w.put(crc8(Uint8Array.from(w.bytes), 0, w.bytes.length), 8)
  const side = f.assignment === 9 ? 0 : f.assignment >= 8 ? 1 : -1
  f.subframes.forEach((samples, c) => {
    w.put(0, 1)
    w.put(1, 6) // verbatim
    w.put(0, 1) // no wasted bits
    for (const v of samples) w.put(v, s.bits + (c === side ? 1 : 0))
  })
  w.align()
  const crc = crc16(Uint8Array.from(w.bytes), 0, w.bytes.length)
  w.put(crc, 16)
  return w.bytes
}
