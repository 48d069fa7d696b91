// Band-limited sample-rate conversion: a Kaiser-windowed sinc evaluated on a polyphase grid, so
// every output sample sits exactly at input time j·from/to (zero delay, no drift).
import { ChunkList, runWhole } from './chunks'

/** Zero crossings of the sinc on each side. */
const HALF_ZEROS = 24
/** Passband edge as a fraction of the lower Nyquist frequency. */
const ROLLOFF = 0.945
const KAISER_BETA = 8.5
/** Above this many phases the kernel is evaluated per output sample instead of tabulated. */
const MAX_PHASES = 4096

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

function besselI0(x: number): number {
  let sum = 1
  let term = 1
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2
    sum += term
    if (term < 1e-17 * sum) break
  }
  return sum
}

/**
 * Streams a signal from `fromRate` to `toRate` Hz (integers). Output length is
 * ceil(inputLength · to / from); samples past the end of the input count as zero.
 */
export class Resampler {
  private readonly up: number
  private readonly down: number
  private readonly cutoff: number
  private readonly reach: number
  private readonly phases: Float32Array[] | undefined
  private buf = new Float32Array(1 << 16)
  private bufStart = 0
  private bufLen = 0
  private received = 0
  private nextOut = 0
  private readonly out = new ChunkList()

  constructor(fromRate: number, toRate: number) {
    for (const [name, v] of [
      ['fromRate', fromRate],
      ['toRate', toRate],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0)
        throw new Error(`${name}=${v} must be a positive integer (Hz)`)
    }
    const g = gcd(fromRate, toRate)
    this.up = toRate / g
    this.down = fromRate / g
    this.cutoff = Math.min(1, toRate / fromRate) * ROLLOFF
    this.reach = Math.ceil(HALF_ZEROS / this.cutoff)
    if (this.up <= MAX_PHASES) {
      this.phases = []
      for (let p = 0; p < this.up; p++) this.phases.push(this.tapsFor(p / this.up))
    }
  }

  /** Kernel weights for input samples i0 − reach + 1 … i0 + reach at fractional offset `frac`. */
  private tapsFor(frac: number): Float32Array {
    const { reach, cutoff } = this
    const taps = new Float32Array(2 * reach)
    const i0 = besselI0(KAISER_BETA)
    for (let n = 0; n < 2 * reach; n++) {
      const d = frac - (n - reach + 1) // output time minus input index
      const u = d / reach
      if (Math.abs(u) >= 1) continue
      const x = Math.PI * cutoff * d
      const sinc = x === 0 ? 1 : Math.sin(x) / x
      taps[n] = cutoff * sinc * (besselI0(KAISER_BETA * Math.sqrt(1 - u * u)) / i0)
    }
    return taps
  }

  push(x: Float32Array): Float32Array {
    this.append(x)
    this.received += x.length
    this.produce(false)
    return this.out.take()
  }

  /** Nothing to free; present so a resampler is a `Streamer`. */
  dispose(): void {}

  finish(): Float32Array {
    this.append(new Float32Array(this.reach + 1))
    this.produce(true)
    return this.out.take()
  }

  private append(x: Float32Array): void {
    if (this.bufLen + x.length > this.buf.length) {
      const firstNeeded = Math.floor((this.nextOut * this.down) / this.up) - this.reach + 1
      const drop = Math.max(0, Math.min(firstNeeded - this.bufStart, this.bufLen))
      const keep = this.bufLen - drop
      const size = Math.max(this.buf.length, 2 * (keep + x.length))
      const next = size === this.buf.length ? this.buf : new Float32Array(size)
      if (next === this.buf) next.copyWithin(0, drop, this.bufLen)
      else next.set(this.buf.subarray(drop, this.bufLen))
      this.buf = next
      this.bufStart += drop
      this.bufLen = keep
    }
    this.buf.set(x, this.bufLen)
    this.bufLen += x.length
  }

  private produce(final: boolean): void {
    const { up, down, reach } = this
    const total = final ? Math.ceil((this.received * up) / down) : Infinity
    const available = this.bufStart + this.bufLen
    const chunk: number[] = []
    while (this.nextOut < total) {
      const pos = this.nextOut * down
      const i0 = Math.floor(pos / up)
      if (!final && i0 + reach >= available) break
      const phase = pos - i0 * up
      const taps = this.phases ? this.phases[phase] : this.tapsFor(phase / up)
      let acc = 0
      const base = i0 - reach + 1 - this.bufStart
      for (let n = 0; n < taps.length; n++) {
        const at = base + n
        if (at >= 0 && at < this.bufLen) acc += taps[n] * this.buf[at]
      }
      chunk.push(acc)
      this.nextOut++
    }
    this.out.push(Float32Array.from(chunk))
  }
}

/** `x` at `fromRate` Hz resampled to `toRate` Hz (a copy when the rates are equal). */
export function resample(x: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return x.slice()
  return runWhole(() => new Resampler(fromRate, toRate), x)
}
