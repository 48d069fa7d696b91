// Time-domain correction: a linear-phase FIR applied centred by FFT overlap-add (golden README).
import { ChunkList, runWhole } from './chunks'
import { FftConvolver } from './fft'
import { subtractOffset } from './signal-scan'

/** FFT length for a kernel of `taps`: blocks of about 3·taps keep the cost per sample lowest. */
function fftSizeFor(taps: number): number {
  let n = 256
  while (n < 4 * taps) n *= 2
  return n
}

/**
 * Streams a signal through the odd-length FIR `h`, applied centred: output sample n lines up with
 * input sample n (the (taps−1)/2-sample delay removed) and samples outside the signal are zero,
 * i.e. y[n] = Σ_k h[k]·(x[n + M − k] − offset), M = (taps−1)/2. Each `push` returns the output
 * samples that are complete; `finish` returns the rest, so the output is as long as the input.
 * Needs `loadFft()`; call `dispose()` when done.
 */
export class CenteredFir {
  private readonly conv: FftConvolver
  private readonly delay: number
  private readonly block: Float32Array
  private staged = 0
  private readonly tail: Float32Array
  private readonly out = new ChunkList()
  /** Convolution samples produced (complete) so far. */
  private produced = 0
  private received = 0

  constructor(
    h: ArrayLike<number>,
    private readonly offset = 0,
  ) {
    if (h.length % 2 === 0) throw new Error(`taps=${h.length} must be odd for a centred FIR`)
    this.conv = new FftConvolver(h, fftSizeFor(h.length))
    this.delay = (h.length - 1) / 2
    this.block = new Float32Array(this.conv.blockLength)
    this.tail = new Float32Array(h.length - 1)
  }

  /** Feeds input samples; returns the output samples completed by them. */
  push(x: Float32Array): Float32Array {
    this.received += x.length
    let at = 0
    while (at < x.length) {
      const n = Math.min(x.length - at, this.block.length - this.staged)
      this.block.set(x.subarray(at, at + n), this.staged)
      this.staged += n
      at += n
      if (this.staged === this.block.length) this.runBlock()
    }
    return this.out.take()
  }

  /** Ends the input; returns the remaining output samples. */
  finish(): Float32Array {
    if (this.staged > 0) this.runBlock()
    // What remains of the convolution is the tail of the last block.
    this.emit(this.tail, this.tail.length)
    return this.out.take()
  }

  dispose(): void {
    this.conv.dispose()
  }

  private runBlock(): void {
    const n = this.staged
    const block = this.block.subarray(0, n)
    if (this.offset !== 0) subtractOffset(block, this.offset)
    const r = this.conv.convolve(block)
    const { tail } = this
    const overlap = tail.length
    // r holds n + overlap samples; the first n are final once the previous tail is added.
    const done = r.slice(0, n)
    for (let i = 0, m = Math.min(n, overlap); i < m; i++) done[i] += tail[i]
    const next = r.slice(n, n + overlap)
    for (let i = 0; i + n < overlap; i++) next[i] += tail[n + i]
    tail.set(next)
    this.staged = 0
    this.emit(done, n)
  }

  /** Passes on convolution samples, dropping the first `delay` and stopping at the input length. */
  private emit(samples: Float32Array, count: number): void {
    const start = this.produced
    this.produced += count
    const from = Math.max(0, this.delay - start)
    const limit = Math.min(count, this.received + this.delay - start)
    if (limit > from) this.out.push(samples.subarray(from, limit))
  }
}

/** The whole signal `x` filtered by `h` centred (see `CenteredFir`). */
export function applyFirCentered(x: Float32Array, h: ArrayLike<number>, offset = 0): Float32Array {
  return runWhole(() => new CenteredFir(h, offset), x)
}
