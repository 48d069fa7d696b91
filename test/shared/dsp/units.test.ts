import { describe, expect, it } from 'vitest'
import { amplitudeToDb, dbToAmplitude, logAmplitudeToDb } from '@shared/dsp/units'

describe('amplitudeToDb', () => {
  it('is 20·log10 above the floor, and the floor below it (default −200 dB)', () => {
    expect(amplitudeToDb(1)).toBe(0)
    expect(amplitudeToDb(0.1)).toBeCloseTo(-20, 12)
    expect(amplitudeToDb(0)).toBe(-200)
    expect(amplitudeToDb(1e-12, { amin: 1e-5 })).toBeCloseTo(-100, 12)
    expect(amplitudeToDb(dbToAmplitude(-6.5))).toBeCloseTo(-6.5, 12)
  })

  it('refuses a floor that is not a positive amplitude, naming it', () => {
    expect(() => amplitudeToDb(1, { amin: 0 })).toThrow('amin=0 must be a positive amplitude')
    expect(() => amplitudeToDb(1, { amin: NaN })).toThrow('amin=NaN')
  })

  it('converts natural-log amplitudes (the summaries) to dB', () => {
    expect(logAmplitudeToDb(Math.log(10))).toBeCloseTo(20, 12)
  })
})
