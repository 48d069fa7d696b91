import { describe, expect, it } from 'vitest'
import { hzToMel, melFilterbank, melToHz } from '@shared/dsp/mel'
import { goldenF32 } from '../../helpers/golden'

describe('melFilterbank', () => {
  it('matches mel_44100_2048_256.f32 within 1e-6 absolute', () => {
    const expected = goldenF32('mel_44100_2048_256.f32')
    const w = melFilterbank({ sampleRate: 44100, nFft: 2048, nMels: 256 })
    expect(w.length).toBe(expected.length)
    let worst = 0
    for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i] - expected[i]))
    expect(worst).toBeLessThan(1e-6)
  })

  it('uses the Slaney scale', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12)
    expect(hzToMel(500)).toBeCloseTo(7.5, 12)
    expect(melToHz(hzToMel(8000))).toBeCloseTo(8000, 9)
  })

  it('names bad options', () => {
    expect(() => melFilterbank({ sampleRate: 16000, nFft: 512, nMels: 0 })).toThrow(/nMels=0/)
    expect(() =>
      melFilterbank({ sampleRate: 16000, nFft: 512, nMels: 8, fMin: 5000, fMax: 100 }),
    ).toThrow(/fMin=5000/)
  })
})
