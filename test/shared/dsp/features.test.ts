import { beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import {
  cepstralMeanSubtraction,
  deviceMeanSubtraction,
  logMelSpectrogram,
  meanOverFrames,
} from '@shared/dsp/features'
import { regularize } from '@shared/dsp/regularize'
import { fftFrequencies } from '@shared/dsp/stft-options'

beforeAll(() => loadFft())

const opts = { sampleRate: 16000, nFft: 512, hopLength: 128, nMels: 40 }
const noise = (seed: number, n = 8000): Float32Array => {
  let s = seed
  return Float32Array.from(
    { length: n },
    () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.2,
  )
}

describe('log-mel features', () => {
  it('applies correction gains before the mel projection: a gain g adds log g', () => {
    const x = noise(1)
    const plain = logMelSpectrogram(x, opts)
    const louder = logMelSpectrogram(x, { ...opts, gains: new Float64Array(257).fill(2) })
    expect(louder.frames).toBe(plain.frames)
    for (let i = 0; i < plain.data.length; i++)
      expect(louder.data[i] - plain.data[i]).toBeCloseTo(Math.log(2), 4)
  })

  it('eq. 16 cancels a device gain across recordings; eq. 18 zeroes each recording mean', () => {
    const a1 = logMelSpectrogram(noise(1), opts)
    const a2 = logMelSpectrogram(noise(2), opts)
    const b1 = logMelSpectrogram(
      noise(1).map((v) => v * 3),
      opts,
    )
    const b2 = logMelSpectrogram(
      noise(2).map((v) => v * 3),
      opts,
    )
    const [na1, , nb1] = deviceMeanSubtraction([
      { device: 'a', logMel: a1 },
      { device: 'a', logMel: a2 },
      { device: 'b', logMel: b1 },
      { device: 'b', logMel: b2 },
    ])
    for (let i = 0; i < na1.data.length; i++) expect(nb1.data[i]).toBeCloseTo(na1.data[i], 3)
    // Recording means survive eq. 16 (the room response stays) but vanish under eq. 18.
    expect(Math.max(...meanOverFrames([na1]).map(Math.abs))).toBeGreaterThan(1e-3)
    meanOverFrames([cepstralMeanSubtraction(a1)]).forEach((m) => expect(m).toBeCloseTo(0, 5))
  })
})

describe('regularize', () => {
  const f = fftFrequencies({ sampleRate: 16000, nFft: 512 })
  const c = f.map((hz) => (hz < 100 ? 1000 : 1 + (Math.round(hz / 31.25) % 2)))

  it('limits boost and cut in dB', () => {
    const r = regularize(c, f, { maxBoostDb: 20, maxCutDb: 3 })
    expect(Math.max(...r)).toBeCloseTo(10, 9)
    expect(Math.min(...regularize([0.01, 1], [0, 1], { maxCutDb: 6 }))).toBeCloseTo(0.501187, 5)
  })

  it('holds the gain flat outside the band', () => {
    const r = regularize(c, f, { bandHz: [200, 6000] })
    const edge = r[f.findIndex((hz) => hz >= 200)]
    for (let k = 0; f[k] < 200; k++) expect(r[k]).toBe(edge)
    expect(r[r.length - 1]).toBe(r[f.findLastIndex((hz) => hz <= 6000)])
  })

  it('smooths alternating gains towards their geometric mean', () => {
    const r = regularize(c, f, { smoothingOctaves: 1 / 3 })
    const mid = f.findIndex((hz) => hz >= 4000)
    expect(r[mid]).toBeGreaterThan(1.3)
    expect(r[mid]).toBeLessThan(1.55)
    expect(() => regularize(c, f, { smoothingOctaves: -1 })).toThrow(/smoothingOctaves=-1/)
  })
})
