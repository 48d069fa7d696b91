// Linear-phase least-squares FIR design from a gain curve (paper section 2.8, golden README "FIR").

/**
 * Taps of a correction FIR unless asked otherwise: the paper's length (section 3.3), odd so the
 * filter is linear-phase type I.
 */
export const DEFAULT_FIR_TAPS = 1025

/** A gain curve: linear gains at ascending frequencies in Hz. */
export interface GainCurve {
  frequenciesHz: ArrayLike<number>
  gains: ArrayLike<number>
}

/**
 * Gains of `curve` at `targetHz`, interpolated linearly in log gain over Hz and held flat beyond
 * the curve's first and last frequency. Used to carry coefficients to another sample rate.
 */
export function interpolateLogGain(curve: GainCurve, targetHz: ArrayLike<number>): Float64Array {
  const { frequenciesHz: f, gains } = curve
  const n = f.length
  if (n === 0 || gains.length !== n)
    throw new Error('gain curve needs as many gains as frequencies')
  const out = new Float64Array(targetHz.length)
  let j = 0
  for (let i = 0; i < targetHz.length; i++) {
    const x = targetHz[i]
    if (x <= f[0]) out[i] = gains[0]
    else if (x >= f[n - 1]) out[i] = gains[n - 1]
    else {
      while (f[j + 1] < x) j++
      while (j > 0 && f[j] > x) j--
      const u = (x - f[j]) / (f[j + 1] - f[j])
      out[i] = Math.exp((1 - u) * Math.log(gains[j]) + u * Math.log(gains[j + 1]))
    }
  }
  return out
}

/** A linear-phase FIR of `taps` coefficients (odd) for signals at `sampleRate` Hz. */
export interface FirDesignOptions {
  taps: number
  sampleRate: number
}

/** The options, after checking them; errors name the bad value. */
export function checkFirOptions(options: FirDesignOptions): FirDesignOptions {
  const { taps, sampleRate } = options
  if (!Number.isInteger(taps) || taps < 1 || taps % 2 === 0) {
    throw new Error(`taps=${taps} must be an odd positive integer`)
  }
  if (!(sampleRate > 0)) throw new Error(`sampleRate=${sampleRate} must be positive`)
  return options
}

/**
 * Designs a type-I linear-phase FIR of `taps` (odd) coefficients minimising
 * ∫₀^{fs/2} (A(f) − D(f))² df, where D runs linearly between the gains of adjacent curve points
 * (every band weighted equally: scipy's `firls` with bands between adjacent frequencies). The curve
 * is extended flat to 0 and fs/2 if it stops short, and cut at fs/2. Because those bands tile
 * [0, fs/2], the normal equations are diagonal and the solution is the cosine series of D,
 * integrated exactly per band in float64. Returns h with h[M + n] = h[M − n], M = (taps − 1)/2;
 * the filter delays by M samples.
 */
export function designFir(curve: GainCurve, options: FirDesignOptions): Float64Array {
  const { taps, sampleRate: fs } = checkFirOptions(options)
  const { f, d } = bandEdges(curve, fs / 2)
  const half = (taps - 1) / 2
  const h = new Float64Array(taps)
  let a0 = 0
  for (let k = 0; k + 1 < f.length; k++) a0 += ((f[k + 1] - f[k]) * (d[k] + d[k + 1])) / 2
  h[half] = (2 / fs) * a0
  for (let n = 1; n <= half; n++) {
    const w = (2 * Math.PI * n) / fs
    let b = 0
    for (let k = 0; k + 1 < f.length; k++) {
      const width = f[k + 1] - f[k]
      if (width <= 0) continue
      const slope = (d[k + 1] - d[k]) / width
      // cos(w f1) − cos(w f0) written as a product to avoid cancellation in narrow bands.
      b += slope * -2 * Math.sin((w * (f[k + 1] + f[k])) / 2) * Math.sin((w * width) / 2)
    }
    // a_n = (4/fs)·∫D cos(wf) df; the D·sin(wf)/w terms telescope to zero at 0 and fs/2.
    const an = ((4 / fs) * b) / (w * w)
    h[half + n] = an / 2
    h[half - n] = an / 2
  }
  return h
}

/**
 * The curve restricted and extended to exactly [0, nyquist]: its points strictly inside, plus the
 * (linearly interpolated or held) gains at 0 and at nyquist. Gains must be finite and >= 0.
 */
export function bandEdges(curve: GainCurve, nyquist: number): { f: number[]; d: number[] } {
  const { frequenciesHz, gains } = curve
  if (frequenciesHz.length < 1 || gains.length !== frequenciesHz.length) {
    throw new Error('gain curve needs as many gains as frequencies, at least one')
  }
  const f: number[] = []
  const d: number[] = []
  for (let i = 0; i < frequenciesHz.length; i++) {
    const fi = frequenciesHz[i]
    if (!Number.isFinite(gains[i]) || gains[i] < 0) {
      throw new Error(`gain ${gains[i]} at ${fi} Hz must be finite and non-negative`)
    }
    if (i > 0 && fi < frequenciesHz[i - 1]) throw new Error('curve frequencies must ascend')
    if (fi > 0 && fi < nyquist) {
      f.push(fi)
      d.push(gains[i])
    }
  }
  const at = (x: number): number =>
    interpolateLinear(
      frequenciesHz,
      gains,
      Math.min(Math.max(x, frequenciesHz[0]), frequenciesHz[frequenciesHz.length - 1]),
    )
  f.unshift(0)
  d.unshift(at(0))
  f.push(nyquist)
  d.push(at(nyquist))
  return { f, d }
}

function interpolateLinear(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  let j = 0
  while (j + 1 < xs.length && xs[j + 1] < x) j++
  if (j + 1 >= xs.length || xs[j + 1] === xs[j]) return ys[j]
  if (x <= xs[j]) return ys[j]
  const u = (x - xs[j]) / (xs[j + 1] - xs[j])
  return (1 - u) * ys[j] + u * ys[j + 1]
}

/**
 * The realised amplitude of a linear-phase FIR (delay removed) at `frequenciesHz`:
 * A(f) = h[M] + 2 Σ_n h[M+n] cos(2πnf/fs). Compare with the target curve for display.
 */
export function firAmplitude(
  h: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  sampleRate: number,
): Float64Array {
  const half = (h.length - 1) / 2
  const out = new Float64Array(frequenciesHz.length)
  for (let i = 0; i < frequenciesHz.length; i++) {
    const w = (2 * Math.PI * frequenciesHz[i]) / sampleRate
    let a = h[half]
    for (let n = 1; n <= half; n++) a += 2 * h[half + n] * Math.cos(w * n)
    out[i] = a
  }
  return out
}
