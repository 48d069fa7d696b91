import { describe, expect, it } from 'vitest'
import { regularize } from '@shared/dsp/regularize'
import { fftFrequencies } from '@shared/dsp/stft-options'

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
