// The spectrogram's colour map: Green's cubehelix (Bull. Astr. Soc. India 39, 2011), a helix
// through the RGB cube whose perceived brightness rises monotonically from black to white, so
// levels read the same in colour, in grey print and for colour-blind readers. Defined by a
// formula, so it is exact and needs no table from elsewhere.

export type Rgb8 = readonly [number, number, number]

export interface CubehelixOptions {
  /** Starting colour: 0 blue, 1 red, 2 green (default 2.6: a dark navy). */
  start?: number
  /** Turns of the helix from black to white (default 0.8: navy → purple → pink → orange → cream). */
  rotations?: number
  /** Saturation (default 1.5). */
  hue?: number
  /** Gamma on the brightness (default 1). */
  gamma?: number
}

/** `levels` colours from black to white. */
export function cubehelix(levels: number, o: CubehelixOptions = {}): Rgb8[] {
  if (!Number.isInteger(levels) || levels < 2 || levels > 256) {
    throw new Error(`levels=${levels}: expected an integer from 2 to 256`)
  }
  const start = o.start ?? 2.6
  const rotations = o.rotations ?? 0.8
  const hue = o.hue ?? 1.5
  const gamma = o.gamma ?? 1
  const out: Rgb8[] = []
  for (let i = 0; i < levels; i++) {
    const l = (i / (levels - 1)) ** gamma
    const phi = 2 * Math.PI * (start / 3 + rotations * (i / (levels - 1)))
    const a = (hue * l * (1 - l)) / 2
    const c = Math.cos(phi)
    const s = Math.sin(phi)
    const to8 = (v: number): number => Math.round(255 * Math.min(1, Math.max(0, v)))
    out.push([
      to8(l + a * (-0.14861 * c + 1.78277 * s)),
      to8(l + a * (-0.29227 * c - 0.90649 * s)),
      to8(l + a * (1.97294 * c)),
    ])
  }
  return out
}
