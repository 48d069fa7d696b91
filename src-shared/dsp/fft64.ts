// A complex FFT in float64, for the few places where float32 (PFFFT, fft.ts) is not enough: the
// real cepstrum of a log magnitude (minimum-phase.ts) must not add float32 rounding to the
// aliasing error it measures. Radix-2, iterative, in place; sizes are powers of two.
import { isPowerOfTwo } from './fft'

const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array }>()

/** cos and sin of 2πk/n for k < n/2, computed once per size. */
function twiddlesOf(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = twiddles.get(n)
  if (!t) {
    const half = n / 2
    t = { cos: new Float64Array(half), sin: new Float64Array(half) }
    for (let k = 0; k < half; k++) {
      t.cos[k] = Math.cos((2 * Math.PI * k) / n)
      t.sin[k] = Math.sin((2 * Math.PI * k) / n)
    }
    twiddles.set(n, t)
  }
  return t
}

/**
 * In-place DFT of the complex signal (`re`, `im`), both of length n (a power of two):
 * X[k] = Σ_t x[t]·e^{∓2πikt/n}, the minus sign forward; `inverse` takes the plus sign and
 * divides by n, so that inverse(forward(x)) = x.
 */
export function fft64(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length
  if (!isPowerOfTwo(n) || im.length !== n) {
    throw new Error(`fft64: sizes ${re.length} and ${im.length} must be one power of two >= 2`)
  }
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1
    for (; j & bit; bit >>= 1) j ^= bit
    j ^= bit
    if (i < j) {
      let t = re[i]
      re[i] = re[j]
      re[j] = t
      t = im[i]
      im[i] = im[j]
      im[j] = t
    }
  }
  const { cos, sin } = twiddlesOf(n)
  const sign = inverse ? 1 : -1
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1
    const step = n / size
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step]
        const wi = sign * sin[k * step]
        const a = start + k
        const b = a + half
        const xr = re[b] * wr - im[b] * wi
        const xi = re[b] * wi + im[b] * wr
        re[b] = re[a] - xr
        im[b] = im[a] - xi
        re[a] += xr
        im[a] += xi
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] /= n
      im[i] /= n
    }
  }
}
