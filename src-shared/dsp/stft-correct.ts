// Frequency-domain correction: istft(C(f) · STFT(x − mean x)) with the weighted overlap-add
// inverse (golden README, paper eq. 7), streamed in bounded memory.
import { ChunkList } from './chunks'
import { RealFft } from './fft'
import { Framer } from './framer'
import { binCount, checkStftOptions, type StftOptions } from './stft-options'
import { hannWindow } from './window'

/** Smallest window-square sum that a sample is divided by (librosa divides where it is > tiny). */
const WSS_FLOOR = 1e-30

/**
 * Multiplies every STFT frame by real gains `gains[k]` (one per bin, nFft/2+1) and resynthesises
 * by weighted overlap-add: y = Σ_t w·frame_t / Σ_t w², trimmed to the input (centred frames).
 * Each `push` returns the output samples completed so far; `finish` returns the rest, so the
 * output is as long as the input. Needs `loadFft()`; call `dispose()` when done.
 */
export class StftCorrector {
  private readonly fft: RealFft
  private readonly window: Float32Array
  private readonly gains: Float32Array
  private readonly framer: Framer
  private readonly hop: number
  private readonly pad: number
  private acc: Float64Array
  private wss: Float64Array
  /** Padded index of acc[0]. */
  private accStart = 0
  /** Padded index of the first sample not yet output. */
  private nextOut: number
  private received = 0
  private readonly out = new ChunkList()

  constructor(gains: ArrayLike<number>, options: StftOptions, offset = 0) {
    const opts = checkStftOptions(options)
    if (gains.length !== binCount(opts.nFft)) {
      throw new Error(
        `${gains.length} gains given for nFft=${opts.nFft}; need ${binCount(opts.nFft)}`,
      )
    }
    this.fft = new RealFft(opts.nFft)
    this.window = hannWindow(opts.nFft)
    this.gains = Float32Array.from(gains)
    this.hop = opts.hopLength
    this.pad = opts.center ? opts.nFft / 2 : 0
    this.nextOut = this.pad
    this.acc = new Float64Array(4 * opts.nFft)
    this.wss = new Float64Array(4 * opts.nFft)
    this.framer = new Framer(opts, (frame, t) => this.addFrame(frame, t), offset)
  }

  push(x: Float32Array): Float32Array {
    this.received += x.length
    this.framer.push(x)
    return this.out.take()
  }

  finish(): Float32Array {
    this.framer.finish()
    this.release(this.pad + this.received)
    return this.out.take()
  }

  dispose(): void {
    this.fft.dispose()
  }

  private addFrame(frame: Float32Array, t: number): void {
    const start = t * this.hop
    // Every sample before this frame's start has all its frames: it is final.
    this.release(start)
    const { fft, window, gains } = this
    const n = window.length
    const input = fft.input
    for (let i = 0; i < n; i++) input[i] = frame[i] * window[i]
    fft.forward()
    const s = fft.spectrum
    const half = n >> 1
    s[0] *= gains[0]
    s[1] *= gains[half]
    for (let k = 1; k < half; k++) {
      s[2 * k] *= gains[k]
      s[2 * k + 1] *= gains[k]
    }
    fft.inverse()
    const y = fft.input
    this.reserve(start + n)
    const at = start - this.accStart
    const { acc, wss } = this
    const scale = 1 / n
    for (let i = 0; i < n; i++) {
      const w = window[i]
      acc[at + i] += y[i] * w * scale
      wss[at + i] += w * w
    }
  }

  /** Outputs the samples at padded indices [nextOut, upTo) that fall inside the signal. */
  private release(upTo: number): void {
    const end = Math.min(upTo, this.pad + this.received)
    if (end <= this.nextOut) return
    const from = this.nextOut - this.accStart
    const count = end - this.nextOut
    const y = new Float32Array(count)
    const { acc, wss } = this
    for (let i = 0; i < count; i++) {
      const d = wss[from + i]
      y[i] = d > WSS_FLOOR ? acc[from + i] / d : acc[from + i]
    }
    this.out.push(y)
    this.nextOut = end
  }

  /** Makes acc/wss cover padded indices up to `end`, dropping what is already output. */
  private reserve(end: number): void {
    if (end - this.accStart <= this.acc.length) return
    const drop = Math.max(0, Math.min(this.nextOut, end) - this.accStart)
    const keep = this.acc.length - drop
    const size = Math.max(this.acc.length, end - this.accStart - drop)
    if (size === this.acc.length) {
      this.acc.copyWithin(0, drop).fill(0, keep)
      this.wss.copyWithin(0, drop).fill(0, keep)
    } else {
      const acc = new Float64Array(size)
      const wss = new Float64Array(size)
      acc.set(this.acc.subarray(drop))
      wss.set(this.wss.subarray(drop))
      this.acc = acc
      this.wss = wss
    }
    this.accStart += drop
  }
}

/** The whole signal `x` corrected in the STFT domain (see `StftCorrector`). */
export function correctStft(
  x: Float32Array,
  gains: ArrayLike<number>,
  options: StftOptions,
  offset = 0,
): Float32Array {
  const c = new StftCorrector(gains, options, offset)
  try {
    const head = c.push(x)
    const rest = c.finish()
    const y = new Float32Array(x.length)
    y.set(head)
    y.set(rest, head.length)
    return y
  } finally {
    c.dispose()
  }
}
