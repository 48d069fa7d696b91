// The Recording view's spectrogram as numbers: levels in dB re unit FFT magnitude (a full-scale
// sine at a bin centre reads 20·log10(gain·N/2) for each window), centred frames, the hop that
// bounds memory, what a pixel shows on each frequency scale, and the painting through the saved
// figure's colour map.
import { describe, expect, it } from 'vitest'
import { cubehelix } from '@shared/figures/colormap'
import {
  computeSpectrogram,
  frameAt,
  hzAtFraction,
  levelAt,
  MAX_CELLS,
  mixdown,
  paintSpectrogram,
  readoutAt,
  spectrogramHop,
} from '../../src-renderer/composables/player/spectrogram-data'

const SR = 16000
const N = 512

/** A full-scale sine exactly on bin `k` of an N-point FFT, `seconds` long. */
function sine(k: number, seconds: number): Float32Array {
  return Float32Array.from({ length: SR * seconds }, (_, i) => Math.sin((2 * Math.PI * k * i) / N))
}

describe('spectrogram levels', () => {
  it('read a full-scale sine at its bin as 20·log10(coherent gain · N/2) for each window', async () => {
    for (const [window, gain] of [
      ['hann', 0.5],
      ['hamming', 0.54],
      ['blackman', 0.42],
      ['rectangular', 1],
    ] as const) {
      const m = (await computeSpectrogram(sine(32, 1), SR, { nFft: N, window }))!
      const t = Math.floor(m.frames / 2)
      const want = 20 * Math.log10((gain * N) / 2)
      // The symmetric windows' mean differs from the periodic one's by O(1/N).
      expect(Math.abs(m.db[t * m.bins + 32] - want), window).toBeLessThan(0.1)
      expect(m.db[t * m.bins + 100]).toBeLessThan(want - 40)
      expect(m.topDb).toBeGreaterThanOrEqual(m.db[t * m.bins + 32])
    }
  })

  it('centres frames every quarter frame: 1 + ⌊len / hop⌋ of them, N/2 bins', async () => {
    const m = (await computeSpectrogram(sine(10, 1), SR, { nFft: N, window: 'hann' }))!
    expect(m.hopLength).toBe(N / 4)
    expect(m.frames).toBe(1 + Math.floor(SR / (N / 4)))
    expect(m.bins).toBe(N / 2)
    expect(m.db).toHaveLength(m.frames * m.bins)
  })

  it('lengthens the hop so a long recording stays within MAX_CELLS', () => {
    expect(spectrogramHop(SR * 5, 2048)).toBe(512)
    const samples = 2 ** 24
    const hop = spectrogramHop(samples, 2048)
    expect((1 + Math.floor(samples / hop)) * 1024).toBeLessThanOrEqual(MAX_CELLS + 1024)
  })

  it('names its mistakes and stops when cancelled', async () => {
    await expect(computeSpectrogram(sine(1, 1), SR, { nFft: 500, window: 'hann' })).rejects.toThrow(
      'nFft=500 must be a power of two of at least 16',
    )
    const long = new Float32Array(SR * 20)
    expect(await computeSpectrogram(long, SR, { nFft: N, window: 'hann' }, () => true)).toBeNull()
  })

  it('mixes channels down to their mean', () => {
    expect(Array.from(mixdown([Float32Array.from([1, 0]), Float32Array.from([0, 1])]))).toEqual([
      0.5, 0.5,
    ])
  })
})

describe('what a pixel shows', () => {
  const m = {
    db: Float32Array.from([0, 10, 20, 30, -10, -20, -30, -40]),
    frames: 2,
    bins: 4,
    sampleRate: 8,
    hopLength: 4,
    nFft: 8,
    window: 'hann' as const,
    topDb: 30,
  }

  it('maps heights to Hz on the linear, log and mel scales', () => {
    expect(hzAtFraction(0.5, 'linear', 8000)).toBe(4000)
    expect(hzAtFraction(0, 'logarithmic', 20000)).toBeCloseTo(20, 6)
    expect(hzAtFraction(1, 'logarithmic', 20000)).toBeCloseTo(20000, 3)
    expect(hzAtFraction(1, 'mel', 8000)).toBeCloseTo(8000, 3)
  })

  it('interpolates levels between bins and picks the nearest frame', () => {
    expect(levelAt(m, 0, 1.5)).toBe(15)
    expect(levelAt(m, 1, 3)).toBe(-40)
    expect(frameAt(m, 0.4)).toBe(1)
    expect(frameAt(m, -1)).toBeNull()
    const view = { startSec: 0, pxPerSec: 100, scale: 'linear' as const, dynamicRangeDb: 80 }
    expect(readoutAt(m, view, 50, 50, 100)).toEqual({ timeSec: 0.5, hz: 2, db: -30 })
    expect(readoutAt(m, view, 500, 50, 100)).toBeNull()
  })

  it('paints each cell in the figure colour of its level, transparent outside the recording', () => {
    const width = 4
    const height = 2
    const pixels = new Uint8ClampedArray(width * height * 4)
    paintSpectrogram(pixels, width, height, m, {
      startSec: -0.25,
      pxPerSec: 2,
      scale: 'linear',
      dynamicRangeDb: 40,
    })
    const palette = cubehelix(256)
    // Column 0 (t = 0 s: frame 0), bottom row (1 Hz: bin 1, 10 dB): halfway up the 40 dB range.
    const at = (x: number, y: number): number[] =>
      Array.from(pixels.slice((y * width + x) * 4, (y * width + x) * 4 + 4))
    expect(at(0, 1)).toEqual([...palette[Math.round(0.5 * 255)], 255])
    // Column 3 (t = 1.5 s) lies beyond the two frames: transparent.
    expect(at(3, 0)).toEqual([0, 0, 0, 0])
  })
})
