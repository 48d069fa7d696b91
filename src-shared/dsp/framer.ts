import { acquireF32, releaseF32 } from './buffer-pool'
import { checkStftOptions, type StftOptions } from './stft-options'

/**
 * Index into a signal of `length` samples after reflect padding without repeating the edge
 * (`x[-k] = x[k]`, `x[len-1+k] = x[len-1-k]`), folded as often as needed like numpy's 'reflect'.
 */
export function reflectIndex(i: number, length: number): number {
  if (length === 1) return 0
  const period = 2 * (length - 1)
  let j = i % period
  if (j < 0) j += period
  return j < length ? j : period - j
}

/**
 * Cuts a signal that arrives in blocks into STFT frames of `nFft` samples every `hopLength`,
 * centred by reflect padding (golden README conventions), after subtracting `offset` (the DC
 * estimate) from every sample. Memory stays at a few frames whatever the signal's length.
 * `onFrame` receives a view that is only valid during the call.
 */
export class Framer {
  private readonly nFft: number
  private readonly hopLength: number
  private readonly pad: number
  private buf: Float32Array
  /** Padded index of buf[0]. */
  private bufStart = 0
  /** Valid samples in buf. */
  private bufLen: number
  private received = 0
  private started: boolean
  private nextFrame = 0
  private finished = false

  constructor(
    options: StftOptions,
    private readonly onFrame: (frame: Float32Array, index: number) => void,
    private readonly offset = 0,
  ) {
    const { nFft, hopLength, center } = checkStftOptions(options)
    this.nFft = nFft
    this.hopLength = hopLength
    this.pad = center ? nFft / 2 : 0
    this.buf = acquireF32(Math.max(4 * nFft, 1 << 16))
    // Raw samples are stored from padded index `pad`; the left padding is filled once known.
    this.bufLen = this.pad
    this.started = this.pad === 0
  }

  /** Returns the buffer to the thread's pool; the framer is unusable afterwards. */
  dispose(): void {
    releaseF32(this.buf)
    this.buf = new Float32Array(0)
  }

  /** Frames emitted so far. */
  get frames(): number {
    return this.nextFrame
  }

  /** Appends samples (any block size, including 0). */
  push(block: Float32Array): void {
    if (this.finished) throw new Error('Framer: push() after finish()')
    // Large blocks go through in pieces so the buffer stays a few frames long.
    const piece = Math.max(this.nFft, 1 << 15)
    for (let at = 0; at < block.length; at += piece) {
      this.pushPiece(block.subarray(at, Math.min(at + piece, block.length)))
    }
  }

  private pushPiece(block: Float32Array): void {
    this.reserve(block.length)
    const { buf, offset } = this
    const at = this.bufLen
    if (offset === 0) buf.set(block, at)
    else for (let i = 0; i < block.length; i++) buf[at + i] = block[i] - offset
    this.bufLen += block.length
    this.received += block.length
    if (!this.started && this.received > this.pad) this.fillLeftPad()
    if (this.started) this.emitAvailable()
  }

  /** Emits the remaining frames, padding the end; returns the total frame count. */
  finish(): number {
    if (this.finished) return this.nextFrame
    this.finished = true
    const { pad, received } = this
    if (pad === 0) return this.nextFrame
    if (received === 0) return 0
    if (!this.started) {
      this.finishShort()
      return this.nextFrame
    }
    // Right padding: padded index pad + received - 1 + k holds x[received - 1 - k].
    this.reserve(pad)
    const last = pad + received - 1 - this.bufStart
    for (let k = 1; k <= pad; k++) this.buf[last + k] = this.buf[last - k]
    this.bufLen += pad
    this.emitAvailable(1 + Math.floor(received / this.hopLength))
    return this.nextFrame
  }

  private fillLeftPad(): void {
    const { buf, pad } = this
    for (let k = 1; k <= pad; k++) buf[pad - k] = buf[pad + k]
    this.started = true
  }

  /** A signal shorter than the padding: reflect it as often as needed, then frame it. */
  private finishShort(): void {
    const { pad, received, nFft, hopLength } = this
    const x = this.buf.slice(pad, pad + received)
    const total = 1 + Math.floor(received / hopLength)
    const frame = new Float32Array(nFft)
    for (let t = 0; t < total; t++) {
      for (let i = 0; i < nFft; i++) frame[i] = x[reflectIndex(t * hopLength + i - pad, received)]
      this.onFrame(frame, t)
    }
    this.nextFrame = total
  }

  private emitAvailable(limit = Infinity): void {
    const end = this.bufStart + this.bufLen
    const { nFft, hopLength } = this
    while (this.nextFrame < limit) {
      const start = this.nextFrame * hopLength
      if (start + nFft > end) break
      const at = start - this.bufStart
      this.onFrame(this.buf.subarray(at, at + nFft), this.nextFrame)
      this.nextFrame++
    }
  }

  /** Makes room for `extra` samples, dropping what no future frame or padding needs. */
  private reserve(extra: number): void {
    if (this.bufLen + extra <= this.buf.length) return
    // Keep from the next frame's start, and the last `pad + 1` raw samples for the right padding.
    const keepFrom = Math.max(
      this.bufStart,
      Math.min(this.nextFrame * this.hopLength, this.bufStart + this.bufLen - this.pad - 1),
    )
    const drop = this.started ? keepFrom - this.bufStart : 0
    const keep = this.bufLen - drop
    const needed = keep + extra
    if (needed > this.buf.length) {
      const bigger = acquireF32(Math.max(needed, 2 * this.buf.length))
      bigger.set(this.buf.subarray(drop, this.bufLen))
      releaseF32(this.buf)
      this.buf = bigger
    } else {
      this.buf.copyWithin(0, drop, this.bufLen)
    }
    this.bufStart += drop
    this.bufLen = keep
  }
}
