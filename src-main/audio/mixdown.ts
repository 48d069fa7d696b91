/** Mono mixdown: the per-frame mean of the channels (same length); returns the input array for mono */
export function mixdownMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 0) throw new RangeError('mixdownMono needs at least one channel')
  if (channels.length === 1) return channels[0]
  const n = channels[0].length
  for (const ch of channels) {
    if (ch.length !== n) throw new RangeError('mixdownMono: channels differ in length')
  }
  // Sum in float64 so that the float32 mean is rounded once, as numpy's float64 mean would be
  const sum = new Float64Array(n)
  for (const ch of channels) for (let i = 0; i < n; i++) sum[i] += ch[i]
  const out = new Float32Array(n)
  const count = channels.length
  for (let i = 0; i < n; i++) out[i] = sum[i] / count
  return out
}
