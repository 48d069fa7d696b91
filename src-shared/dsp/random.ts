/**
 * Deterministic pseudo-random numbers in [0, 1) from a 32-bit seed (mulberry32), so that subsets
 * and bootstrap bands are reproducible from the seed stored with an estimate.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `k` items drawn without replacement (Fisher–Yates prefix), in their original order. */
export function sampleWithoutReplacement<T>(
  items: readonly T[],
  k: number,
  random: () => number,
): T[] {
  if (k >= items.length) return [...items]
  const idx = items.map((_, i) => i)
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (idx.length - i))
    ;[idx[i], idx[j]] = [idx[j], idx[i]]
  }
  return idx
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => items[i])
}
