import { describe, expect, it } from 'vitest'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'

describe('spectrumDistanceDb', () => {
  const f = [0, 100, 200, 300, 400]
  const device = [50, 10, 4, 0, 50]
  const reference = [0, 0, 0, 0, 0]

  it('is the RMS of the dB difference over the bins in the band, levels included', () => {
    expect(spectrumDistanceDb(device, reference, f, [100, 300])).toBeCloseTo(
      Math.sqrt((100 + 16 + 0) / 3),
      12,
    )
    expect(spectrumDistanceDb([6, 6], [0, 0], [1, 2], [1, 2])).toBe(6)
  })

  it('adds the realised gains in dB for the distance after correction', () => {
    expect(spectrumDistanceDb(device, reference, f, [100, 300], [-10, -10, -4, 0, 0])).toBe(0)
  })

  it('names mismatched inputs and empty bands', () => {
    expect(() => spectrumDistanceDb([1], [1, 2], [1, 2], [0, 5])).toThrow(/spectra of 1 and 2 bins/)
    expect(() => spectrumDistanceDb([1], [1], [1], [0, 5], [1, 2])).toThrow(/and 2 gains/)
    expect(() => spectrumDistanceDb([1], [1], [1], [5, 9])).toThrow(/holds no bin/)
    expect(() => spectrumDistanceDb([1], [1], [1], [9, 5])).toThrow(/must ascend/)
  })
})
