import { scanSignal } from '@shared/dsp/signal-scan'
import { CLIP_LEVEL } from '@shared/dsp/wasm/kernels'

export { CLIP_LEVEL }
/** RMS below which a recording is treated as silent: 1e-5, −100 dB re full scale. */
export const SILENCE_RMS = 1e-5

/** Peak, clipping, mean and RMS of a signal seen in blocks (float64 accumulation). */
export class SignalStats {
  peak = 0
  clippedSamples = 0
  private sum = 0
  private sumSquares = 0
  private count = 0

  /**
   * Adds a planar block and its mono mixdown: peak and clipping over every channel, mean and RMS
   * over the mono signal (one pass when the block is mono).
   */
  add(channels: Float32Array[], mono: Float32Array): void {
    for (const ch of channels) {
      const r = scanSignal(ch)
      this.peak = Math.max(this.peak, r.peak)
      this.clippedSamples += r.clipped
      if (channels.length === 1) {
        this.sum += r.sum
        this.sumSquares += r.sumSquares
      }
    }
    if (channels.length !== 1) {
      const r = scanSignal(mono)
      this.sum += r.sum
      this.sumSquares += r.sumSquares
    }
    this.count += mono.length
  }

  /** Mean of the mono signal (its DC offset). */
  get mean(): number {
    return this.count ? this.sum / this.count : 0
  }

  /** RMS of the mono signal after removing its mean. */
  get rms(): number {
    if (!this.count) return 0
    const m = this.mean
    return Math.sqrt(Math.max(0, this.sumSquares / this.count - m * m))
  }
}
