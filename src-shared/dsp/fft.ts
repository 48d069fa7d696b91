// Real FFT on PFFFT (WebAssembly SIMD build, scalar build as fallback). PFFFT handles sizes
// 2^a·3^b·5^c with a >= 5; smaller powers of two use a direct DFT, which is exact and cheap there.
import type { PffftModule } from './pffft-module'

let wasm: PffftModule | undefined
let loading: Promise<void> | undefined

const REAL = 0
const FORWARD = 0
const BACKWARD = 1

/** Loads the WebAssembly FFT once per thread; every `RealFft` needs it. Idempotent. */
export function loadFft(): Promise<void> {
  loading ??= (async () => {
    try {
      const simd = await import('@echogarden/pffft-wasm/simd')
      wasm = (await simd.default()) as PffftModule
    } catch {
      const scalar = await import('@echogarden/pffft-wasm')
      wasm = (await scalar.default()) as PffftModule
    }
  })()
  return loading
}

function module(): PffftModule {
  if (!wasm) throw new Error('FFT not loaded: await loadFft() before creating a RealFft')
  return wasm
}

/** True for integers 2, 4, 8, … */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0
}

/** True for sizes that PFFFT's real transform accepts. */
function pffftAccepts(n: number): boolean {
  if (n % 32 !== 0) return false
  let m = n
  for (const p of [2, 3, 5]) while (m % p === 0) m /= p
  return m === 1
}

/**
 * A real FFT of one size with its own buffers. `input` holds `size` time samples; `spectrum`
 * holds the half spectrum in PFFFT's ordered layout: `[Re X0, Re X(n/2), Re X1, Im X1, Re X2, …]`,
 * with the e^{-2πikn/N} sign convention and no scaling (so inverse(forward(x)) = N·x).
 * Views into WebAssembly memory are refreshed if the memory grows, so read them after each call.
 */
export class RealFft {
  readonly size: number
  private readonly setup: number
  private readonly inPtr: number
  private readonly outPtr: number
  private readonly workPtr: number
  private readonly fallback: DirectDft | undefined
  private views:
    { buffer: ArrayBufferLike; input: Float32Array; spectrum: Float32Array } | undefined

  constructor(size: number) {
    if (!isPowerOfTwo(size) && !pffftAccepts(size)) {
      throw new Error(`nFft=${size} must be a power of two >= 2`)
    }
    this.size = size
    if (pffftAccepts(size)) {
      const m = module()
      this.setup = m._pffft_new_setup(size, REAL)
      if (!this.setup) throw new Error(`nFft=${size}: PFFFT refused this size`)
      this.inPtr = m._pffft_aligned_malloc(size * 4)
      this.outPtr = m._pffft_aligned_malloc(size * 4)
      this.workPtr = m._pffft_aligned_malloc(size * 4)
    } else {
      this.setup = this.inPtr = this.outPtr = this.workPtr = 0
      this.fallback = new DirectDft(size)
    }
  }

  private refresh(): { input: Float32Array; spectrum: Float32Array } {
    if (this.fallback) return this.fallback
    const heap = module().HEAPF32
    if (!this.views || this.views.buffer !== heap.buffer) {
      this.views = {
        buffer: heap.buffer,
        input: heap.subarray(this.inPtr >> 2, (this.inPtr >> 2) + this.size),
        spectrum: heap.subarray(this.outPtr >> 2, (this.outPtr >> 2) + this.size),
      }
    }
    return this.views
  }

  /** Time-domain buffer, `size` samples. */
  get input(): Float32Array {
    return this.refresh().input
  }

  /** Frequency-domain buffer, `size` floats in the ordered layout described above. */
  get spectrum(): Float32Array {
    return this.refresh().spectrum
  }

  /** `spectrum` ← FFT(`input`). */
  forward(): void {
    if (this.fallback) return this.fallback.forward()
    module()._pffft_transform_ordered(this.setup, this.inPtr, this.outPtr, this.workPtr, FORWARD)
  }

  /**
   * `spectrum` ← FFT(`input`) in the z-domain layout: groups of 8 floats holding the real parts
   * of 4 bins, then their imaginary parts; the first lane holds Re X0 and, as its imaginary part,
   * Re X(n/2). Which bin each lane holds is `laneBins()`. Faster than `forward`.
   */
  forwardZ(): void {
    if (this.fallback) return this.fallback.forwardZ()
    module()._pffft_transform(this.setup, this.inPtr, this.outPtr, this.workPtr, FORWARD)
  }

  /** `input` ← N · IFFT(`spectrum` in the z-domain layout). */
  inverseZ(): void {
    if (this.fallback) return this.fallback.inverseZ()
    module()._pffft_transform(this.setup, this.outPtr, this.inPtr, this.workPtr, BACKWARD)
  }

  /** For each of the n/2 lanes of the z-domain layout, the bin it holds (lane 0: bin 0). */
  laneBins(): Int32Array {
    if (this.fallback) return Int32Array.from({ length: Math.max(1, this.size >> 1) }, (_, j) => j)
    const m = module()
    const heap = m.HEAPF32
    const a = this.inPtr >> 2
    const b = this.outPtr >> 2
    // Both buffers are restored afterwards, so a spectrum being read is not disturbed.
    const savedIn = heap.slice(a, a + this.size)
    const savedOut = heap.slice(b, b + this.size)
    for (let i = 0; i < this.size; i++) heap[a + i] = i
    m._pffft_zreorder(this.setup, this.inPtr, this.outPtr, FORWARD)
    // heap[b + p] is the z-domain position whose value lands at ordered position p.
    const binOfPosition = new Int32Array(this.size)
    for (let p = 0; p < this.size; p++) binOfPosition[m.HEAPF32[b + p]] = p >> 1
    m.HEAPF32.set(savedIn, a)
    m.HEAPF32.set(savedOut, b)
    const lanes = new Int32Array(this.size >> 1)
    for (let j = 0; j < lanes.length; j++) lanes[j] = binOfPosition[8 * (j >> 2) + (j & 3)]
    return lanes
  }

  /** `input` ← N · IFFT(`spectrum`) (unscaled, as PFFFT). */
  inverse(): void {
    if (this.fallback) return this.fallback.inverse()
    module()._pffft_transform_ordered(this.setup, this.outPtr, this.inPtr, this.workPtr, BACKWARD)
  }

  /** Frees the WebAssembly buffers; the object is unusable afterwards. */
  dispose(): void {
    if (this.fallback) return
    const m = module()
    m._pffft_aligned_free(this.inPtr)
    m._pffft_aligned_free(this.outPtr)
    m._pffft_aligned_free(this.workPtr)
    m._pffft_destroy_setup(this.setup)
    this.views = undefined
  }
}

/** O(N²) real DFT in the same layouts as PFFFT, for the small sizes PFFFT does not take. */
class DirectDft {
  readonly input: Float32Array
  /** At least one z-domain group (8 floats) long. */
  readonly spectrum: Float32Array
  private readonly ordered: Float32Array
  private readonly cos: Float64Array
  private readonly sin: Float64Array

  constructor(private readonly n: number) {
    this.input = new Float32Array(n)
    this.spectrum = new Float32Array(Math.max(n, 8))
    this.ordered = new Float32Array(n)
    this.cos = new Float64Array(n)
    this.sin = new Float64Array(n)
    for (let k = 0; k < n; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / n)
      this.sin[k] = Math.sin((2 * Math.PI * k) / n)
    }
  }

  /** Ordered layout → z-domain layout (lane j holds bin j). */
  forwardZ(): void {
    this.forward()
    const { n, spectrum, ordered } = this
    ordered.set(spectrum.subarray(0, n))
    spectrum.fill(0)
    for (let j = 0; j < n >> 1; j++) {
      const at = 8 * (j >> 2) + (j & 3)
      spectrum[at] = ordered[2 * j]
      spectrum[at + 4] = ordered[2 * j + 1]
    }
  }

  inverseZ(): void {
    const { n, spectrum, ordered } = this
    for (let j = 0; j < n >> 1; j++) {
      const at = 8 * (j >> 2) + (j & 3)
      ordered[2 * j] = spectrum[at]
      ordered[2 * j + 1] = spectrum[at + 4]
    }
    spectrum.set(ordered)
    this.inverse()
  }

  forward(): void {
    const { n, input, spectrum } = this
    const half = n >> 1
    for (let k = 0; k <= half; k++) {
      let re = 0
      let im = 0
      for (let t = 0; t < n; t++) {
        const idx = (k * t) % n
        re += input[t] * this.cos[idx]
        im -= input[t] * this.sin[idx]
      }
      if (k === 0) spectrum[0] = re
      else if (k === half) spectrum[1] = re
      else {
        spectrum[2 * k] = re
        spectrum[2 * k + 1] = im
      }
    }
  }

  inverse(): void {
    const { n, input, spectrum } = this
    const half = n >> 1
    for (let t = 0; t < n; t++) {
      let acc = spectrum[0] + (t % 2 === 0 ? spectrum[1] : -spectrum[1])
      for (let k = 1; k < half; k++) {
        const idx = (k * t) % n
        acc += 2 * (spectrum[2 * k] * this.cos[idx] - spectrum[2 * k + 1] * this.sin[idx])
      }
      input[t] = acc
    }
  }
}

/**
 * Linear convolution with a fixed kernel by FFT, one block at a time (the overlap-add step is the
 * caller's). `size` is the FFT length; blocks hold at most `size - kernel.length + 1` samples and
 * each result holds `block.length + kernel.length - 1` valid samples. Uses PFFFT's z-domain
 * product, so the kernel is transformed once.
 */
export class FftConvolver {
  readonly size: number
  readonly kernelLength: number
  private readonly setup: number
  private readonly timePtr: number
  private readonly specPtr: number
  private readonly kernelPtr: number
  private readonly workPtr: number

  constructor(kernel: ArrayLike<number>, size: number) {
    if (!pffftAccepts(size)) throw new Error(`size=${size} must be a power of two >= 32`)
    if (kernel.length < 1 || kernel.length > size) {
      throw new Error(`kernel of ${kernel.length} taps does not fit an FFT of ${size}`)
    }
    const m = module()
    this.size = size
    this.kernelLength = kernel.length
    this.setup = m._pffft_new_setup(size, REAL)
    this.timePtr = m._pffft_aligned_malloc(size * 4)
    this.specPtr = m._pffft_aligned_malloc(size * 4)
    this.kernelPtr = m._pffft_aligned_malloc(size * 4)
    this.workPtr = m._pffft_aligned_malloc(size * 4)
    const heap = m.HEAPF32
    const t = this.timePtr >> 2
    heap.fill(0, t, t + size)
    for (let i = 0; i < kernel.length; i++) heap[t + i] = kernel[i]
    m._pffft_transform(this.setup, this.timePtr, this.kernelPtr, this.workPtr, FORWARD)
  }

  /** Largest block `convolve` accepts. */
  get blockLength(): number {
    return this.size - this.kernelLength + 1
  }

  /** Convolves `block` with the kernel; the view is valid until the next call. */
  convolve(block: Float32Array): Float32Array {
    if (block.length > this.blockLength) {
      throw new Error(`block of ${block.length} samples exceeds ${this.blockLength}`)
    }
    const m = module()
    const t = this.timePtr >> 2
    m.HEAPF32.set(block, t)
    m.HEAPF32.fill(0, t + block.length, t + this.size)
    m._pffft_transform(this.setup, this.timePtr, this.specPtr, this.workPtr, FORWARD)
    // timePtr is free again: accumulate the product there, then transform it back in place.
    m.HEAPF32.fill(0, t, t + this.size)
    m._pffft_zconvolve_accumulate(
      this.setup,
      this.specPtr,
      this.kernelPtr,
      this.timePtr,
      1 / this.size,
    )
    m._pffft_transform(this.setup, this.timePtr, this.timePtr, this.workPtr, BACKWARD)
    return m.HEAPF32.subarray(t, t + this.size)
  }

  dispose(): void {
    const m = module()
    for (const p of [this.timePtr, this.specPtr, this.kernelPtr, this.workPtr]) {
      m._pffft_aligned_free(p)
    }
    m._pffft_destroy_setup(this.setup)
  }
}
