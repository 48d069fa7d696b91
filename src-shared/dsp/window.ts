/**
 * Hann window of `length` samples. Periodic (the default, as librosa and the paper's code use
 * for spectral analysis): `w[n] = 0.5 - 0.5 cos(2πn / length)`; symmetric divides by `length - 1`.
 */
export function hannWindow(length: number, options: { periodic?: boolean } = {}): Float32Array {
  if (!Number.isInteger(length) || length < 1) {
    throw new Error(`length=${length} must be a positive integer`)
  }
  const periodic = options.periodic ?? true
  const denominator = periodic ? length : length - 1
  const w = new Float32Array(length)
  if (denominator === 0) {
    w[0] = 1
    return w
  }
  for (let n = 0; n < length; n++) w[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / denominator)
  return w
}
