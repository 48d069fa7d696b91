import { beforeAll, describe, expect, it } from 'vitest'
import { loadFft, RealFft } from '@shared/dsp/fft'
import { Framer, reflectIndex } from '@shared/dsp/framer'
import { frameCount } from '@shared/dsp/stft-options'
import { summarize, MAGNITUDE_FLOOR } from '@shared/dsp/summary'

beforeAll(() => loadFft())

/** All frames of x, each as a plain array, fed in the given block sizes. */
function frames(
  x: Float32Array,
  nFft: number,
  hop: number,
  blocks: number[],
  center = true,
): number[][] {
  const out: number[][] = []
  const f = new Framer({ nFft, hopLength: hop, center }, (fr) => out.push([...fr]))
  let at = 0
  for (let i = 0; at < x.length; i++) {
    const n = blocks[i % blocks.length]
    f.push(x.subarray(at, at + n))
    at += n
  }
  f.finish()
  return out
}

describe('Framer', () => {
  const x = Float32Array.from({ length: 37 }, (_, i) => i + 1)

  it('reflect-pads without repeating the edge sample', () => {
    const fr = frames(x, 8, 4, [37])
    expect(fr[0]).toEqual([5, 4, 3, 2, 1, 2, 3, 4])
    expect(fr.length).toBe(frameCount(37, { nFft: 8, hopLength: 4 }))
    expect(fr[fr.length - 1]).toEqual([33, 34, 35, 36, 37, 36, 35, 34])
  })

  it('gives identical frames for any block sizes', () => {
    const whole = frames(x, 8, 3, [37])
    expect(frames(x, 8, 3, [1])).toEqual(whole)
    expect(frames(x, 8, 3, [2, 5, 11])).toEqual(whole)
  })

  it('folds the reflection for signals shorter than half a frame, like numpy', () => {
    const short = Float32Array.from([1, 2, 3])
    const fr = frames(short, 16, 4, [3])
    expect(fr.length).toBe(1)
    expect(fr[0].slice(0, 8)).toEqual(
      [1, 2, 3, 2, 1, 2, 3, 2].map((_, i) => short[reflectIndex(i - 8, 3)]),
    )
  })

  it('frames without padding when not centred', () => {
    const fr = frames(x, 8, 4, [5], false)
    expect(fr.length).toBe(frameCount(37, { nFft: 8, hopLength: 4, center: false }))
    expect(fr[0]).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('names bad options', () => {
    expect(() => new Framer({ nFft: 1000, hopLength: 10 }, () => {})).toThrow(
      /nFft=1000 must be a power of two/,
    )
    expect(() => new Framer({ nFft: 1024, hopLength: 0 }, () => {})).toThrow(
      /hopLength=0 must be a positive integer/,
    )
  })
})

describe('RealFft', () => {
  it('agrees with a direct DFT at PFFFT sizes and at the small sizes it cannot take', () => {
    for (const n of [8, 16, 64, 256]) {
      const fft = new RealFft(n)
      const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + 0.1 * i)
      fft.input.set(x)
      fft.forward()
      const s = fft.spectrum
      for (const k of [0, 1, n / 4, n / 2]) {
        let re = 0
        let im = 0
        for (let t = 0; t < n; t++) {
          re += x[t] * Math.cos((2 * Math.PI * k * t) / n)
          im -= x[t] * Math.sin((2 * Math.PI * k * t) / n)
        }
        const [gotRe, gotIm] =
          k === 0 ? [s[0], 0] : k === n / 2 ? [s[1], 0] : [s[2 * k], s[2 * k + 1]]
        expect(gotRe).toBeCloseTo(re, 3)
        expect(gotIm).toBeCloseTo(im, 3)
      }
      fft.inverse()
      fft.input.forEach((v, i) => expect(v / n).toBeCloseTo(x[i], 4))
      fft.dispose()
    }
  })
})

describe('summarize', () => {
  it('gives finite numbers at the floor for digital silence', () => {
    const s = summarize(new Float32Array(4096), { nFft: 512, hopLength: 128 })
    expect(s.frames).toBe(33)
    s.meanLogMagnitude.forEach((v) => expect(v).toBeCloseTo(Math.log(MAGNITUDE_FLOOR), 9))
    s.meanMagnitude.forEach((v) => expect(v).toBe(0))
  })

  it('is unchanged by a DC offset, which is removed first', () => {
    const x = Float32Array.from({ length: 5000 }, (_, i) => 0.3 * Math.sin(i / 7))
    const shifted = x.map((v) => v + 0.25)
    const a = summarize(x, { nFft: 256, hopLength: 64 })
    const b = summarize(shifted, { nFft: 256, hopLength: 64 })
    // Bins within 60 dB of the strongest: below that, the float32 rounding of x + 0.25 shows.
    const top = Math.max(...a.meanLogMagnitude)
    a.meanLogMagnitude.forEach((v, k) => {
      if (v > top - Math.log(1000)) expect(b.meanLogMagnitude[k]).toBeCloseTo(v, 3)
    })
  })
})

describe('summarize agrees with a float64 DFT at every size', () => {
  const x = Float32Array.from(
    { length: 3000 },
    (_, i) => Math.sin(i / 3) * 0.4 + ((i * 7919) % 97) / 500,
  )
  const mean = x.reduce((s, v) => s + v, 0) / x.length
  // 2048 is covered by the golden tests; a float64 DFT of it here would be slow.
  for (const nFft of [2, 4, 8, 16, 64, 512]) {
    it(`nFft=${nFft}`, () => {
      const hop = Math.max(1, nFft / 4)
      const s = summarize(x, { nFft, hopLength: hop })
      const frames = 1 + Math.floor(x.length / hop)
      expect(s.frames).toBe(frames)
      const bins = nFft / 2 + 1
      const refLog = new Float64Array(bins)
      const refMag = new Float64Array(bins)
      const frame = new Float64Array(nFft)
      for (let t = 0; t < frames; t++) {
        for (let i = 0; i < nFft; i++) {
          const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nFft)
          frame[i] = (x[reflectIndex(t * hop + i - nFft / 2, x.length)] - mean) * w
        }
        for (let k = 0; k < bins; k++) {
          let re = 0
          let im = 0
          for (let i = 0; i < nFft; i++) {
            re += frame[i] * Math.cos((2 * Math.PI * k * i) / nFft)
            im -= frame[i] * Math.sin((2 * Math.PI * k * i) / nFft)
          }
          refMag[k] += Math.hypot(re, im) / frames
          refLog[k] += (0.5 * Math.log(re * re + im * im + MAGNITUDE_FLOOR ** 2)) / frames
        }
      }
      const top = Math.max(...refMag)
      for (let k = 0; k < bins; k++) {
        expect(Math.abs(s.meanMagnitude[k] - refMag[k])).toBeLessThan(1e-5 * top)
        // float32 rounding is magnified by the logarithm in frames where a bin is tiny: logs are
        // compared for bins within 60 dB of the strongest.
        if (refMag[k] > 1e-3 * top)
          expect(Math.abs(s.meanLogMagnitude[k] - refLog[k])).toBeLessThan(1e-2)
      }
    })
  }
})

describe('RealFft z-domain layout', () => {
  it('holds every bin once, in groups of four real then four imaginary parts', () => {
    for (const n of [8, 32, 2048]) {
      const fft = new RealFft(n)
      const x = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 0.9) + i / n)
      fft.input.set(x)
      fft.forward()
      const ordered = fft.spectrum.slice(0, n)
      fft.input.set(x)
      fft.forwardZ()
      const z = fft.spectrum
      const bins = fft.laneBins()
      expect([...bins].sort((a, b) => a - b)).toEqual([...Array(n / 2).keys()])
      bins.forEach((bin, j) => {
        const re = z[8 * (j >> 2) + (j & 3)]
        const im = z[8 * (j >> 2) + 4 + (j & 3)]
        if (bin === 0) {
          expect(re).toBeCloseTo(ordered[0], 3)
          expect(im).toBeCloseTo(ordered[1], 3) // Nyquist rides in lane 0
        } else {
          expect(re).toBeCloseTo(ordered[2 * bin], 3)
          expect(im).toBeCloseTo(ordered[2 * bin + 1], 3)
        }
      })
      fft.inverseZ()
      fft.input.forEach((v, i) => expect(v / n).toBeCloseTo(x[i], 4))
      fft.dispose()
    }
  })
})
