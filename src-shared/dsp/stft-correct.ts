// Frequency-domain correction: istft(C(f) · STFT(x − mean x)) with the weighted overlap-add
// inverse (golden README, paper eq. 7), streamed in bounded memory. The per-frame work runs in
// WebAssembly SIMD kernels on PFFFT's z-domain layout.
import { ChunkList, runWhole } from './chunks'
import { RealFft } from './fft'
import { Framer } from './framer'
import { binCount, checkStftOptions, type StftOptions } from './stft-options'
import { kernels, type Kernels } from './wasm/kernels'
import { hannWindow } from './window'

/**
 * Multiplies every STFT frame by real gains `gains[k]` (one per bin, nFft/2+1) and resynthesises
 * by weighted overlap-add: y = Σ_t w·frame_t / Σ_t w² (where that sum exceeds 1e-30), trimmed to
 * the input (centred frames). Each `push` returns the output samples completed so far; `finish`
 * returns the rest, so the output is as long as the input. Needs `loadFft()`; call `dispose()`.
 */
export class StftCorrector {
  private readonly fft: RealFft
  private readonly k: Kernels
  private readonly framer: Framer
  private readonly nFft: number
  private readonly n4: number
  private readonly hopLength: number
  private readonly pad: number
  private readonly groups: number
  private readonly offset: number
  private readonly nyquistGain: number
  private readonly regions: [ptr: number, bytes: number][] = []
  private readonly framePtr: number
  private readonly windowPtr: number
  private readonly synthesisPtr: number
  private readonly squarePtr: number
  private readonly specPtr: number
  private readonly lanePtr: number
  private readonly capacity: number
  private readonly accPtr: number
  private readonly wssPtr: number
  private outPtr: number
  private outBytes: number
  /** Padded index of acc[0]. */
  private accStart = 0
  /** Padded index of the first sample not yet output. */
  private nextOut: number
  private received = 0
  private readonly out = new ChunkList()

  constructor(gains: ArrayLike<number>, options: StftOptions, offset = 0) {
    const opts = checkStftOptions(options)
    const bins = binCount(opts.nFft)
    if (gains.length !== bins) {
      throw new Error(`${gains.length} gains given for nFft=${opts.nFft}; need ${bins}`)
    }
    this.nFft = opts.nFft
    this.n4 = Math.ceil(opts.nFft / 4)
    this.hopLength = opts.hopLength
    this.pad = opts.center ? opts.nFft / 2 : 0
    this.nextOut = this.pad
    this.offset = offset
    this.fft = new RealFft(opts.nFft)
    this.k = kernels()
    this.groups = Math.ceil(Math.max(1, opts.nFft >> 1) / 4)
    const frameBytes = this.n4 * 16
    this.framePtr = this.alloc(frameBytes)
    this.windowPtr = this.alloc(frameBytes)
    this.synthesisPtr = this.alloc(frameBytes)
    this.squarePtr = this.alloc(frameBytes)
    this.specPtr = this.alloc(this.groups * 32)
    this.lanePtr = this.alloc(this.groups * 16)
    this.capacity = 4 * this.n4 + 2 * this.hopLength + 8
    this.accPtr = this.alloc(this.capacity * 4)
    this.wssPtr = this.alloc(this.capacity * 4)
    this.outBytes = (this.hopLength + 8) * 4
    this.outPtr = this.k.alloc(this.outBytes)
    const w = hannWindow(opts.nFft)
    const f32 = this.k.f32
    f32.set(w, this.windowPtr >> 2)
    // The inverse FFT is unscaled (×nFft): the synthesis window carries the 1/nFft.
    f32.set(
      w.map((v) => v / opts.nFft),
      this.synthesisPtr >> 2,
    )
    f32.set(
      w.map((v) => v * v),
      this.squarePtr >> 2,
    )
    const laneBins = this.fft.laneBins()
    for (let j = 0; j < laneBins.length; j++) f32[(this.lanePtr >> 2) + j] = gains[laneBins[j]]
    this.nyquistGain = gains[bins - 1]
    this.framer = new Framer(opts, (frame, t) => this.addFrame(frame, t))
  }

  private alloc(bytes: number): number {
    const ptr = this.k.alloc(bytes)
    this.regions.push([ptr, bytes])
    return ptr
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
    this.framer.dispose()
    for (const [ptr, bytes] of this.regions) this.k.release(ptr, bytes)
    this.regions.length = 0
    this.k.release(this.outPtr, this.outBytes)
  }

  private addFrame(frame: Float32Array, t: number): void {
    const start = t * this.hopLength
    // Every sample before this frame's start has all its frames: it is final.
    this.release(start)
    this.makeRoom(start + this.nFft)
    const { fft, k, nFft } = this
    const f = this.framePtr >> 2
    const s = this.specPtr >> 2
    k.f32.set(frame, f)
    k.window(this.framePtr, this.windowPtr, this.framePtr, this.offset, this.n4)
    fft.input.set(k.f32.subarray(f, f + nFft))
    fft.forwardZ()
    k.f32.set(fft.spectrum.subarray(0, this.groups * 8), s)
    const nyquist = k.f32[s + 4]
    k.gains(this.specPtr, this.lanePtr, this.groups)
    k.f32[s + 4] = nyquist * this.nyquistGain
    fft.spectrum.set(k.f32.subarray(s, s + this.groups * 8))
    fft.inverseZ()
    k.f32.set(fft.input, f)
    const at = (start - this.accStart) * 4
    k.ola(
      this.framePtr,
      this.synthesisPtr,
      this.squarePtr,
      this.accPtr + at,
      this.wssPtr + at,
      this.n4,
    )
  }

  /** Outputs the samples at padded indices [nextOut, upTo) that fall inside the signal. */
  private release(upTo: number): void {
    const end = Math.min(upTo, this.pad + this.received)
    if (end <= this.nextOut) return
    const count = end - this.nextOut
    const need = (Math.ceil(count / 4) * 4 + 4) * 4
    if (need > this.outBytes) {
      this.k.release(this.outPtr, this.outBytes)
      this.outPtr = this.k.alloc(need)
      this.outBytes = need
    }
    const at = (this.nextOut - this.accStart) * 4
    this.k.normalize(this.accPtr + at, this.wssPtr + at, this.outPtr, Math.ceil(count / 4))
    const o = this.outPtr >> 2
    this.out.push(this.k.f32.subarray(o, o + count))
    this.nextOut = end
  }

  /** Shifts acc/wss so that padded index `end` fits, dropping samples already output. */
  private makeRoom(end: number): void {
    if (end - this.accStart + 4 <= this.capacity) return
    const drop = this.nextOut - this.accStart
    const a = this.accPtr >> 2
    const w = this.wssPtr >> 2
    const f32 = this.k.f32
    f32.copyWithin(a, a + drop, a + this.capacity)
    f32.fill(0, a + this.capacity - drop, a + this.capacity)
    f32.copyWithin(w, w + drop, w + this.capacity)
    f32.fill(0, w + this.capacity - drop, w + this.capacity)
    this.accStart += drop
    if (end - this.accStart + 4 > this.capacity) throw new Error('StftCorrector: buffer too small')
  }
}

/** The whole signal `x` corrected in the STFT domain (see `StftCorrector`). */
export function correctStft(
  x: Float32Array,
  gains: ArrayLike<number>,
  options: StftOptions,
  offset = 0,
): Float32Array {
  return runWhole(() => new StftCorrector(gains, options, offset), x)
}
