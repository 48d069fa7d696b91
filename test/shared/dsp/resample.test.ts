import { describe, expect, it } from 'vitest'
import { resample, Resampler } from '@shared/dsp/resample'

function tone(hz: number, rate: number, seconds: number, amp = 0.5): Float32Array {
  return Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate),
  )
}

/** Largest error against the ideal tone, away from the edges. */
function toneError(y: Float32Array, hz: number, rate: number, amp = 0.5): number {
  let worst = 0
  for (let i = 200; i < y.length - 200; i++) {
    worst = Math.max(worst, Math.abs(y[i] - amp * Math.sin((2 * Math.PI * hz * i) / rate)))
  }
  return worst
}

describe('resample', () => {
  it('converts a 1 kHz tone 44.1 → 48 kHz and back without delay or drift', () => {
    const x = tone(1000, 44100, 1)
    const y = resample(x, 44100, 48000)
    expect(y.length).toBe(48000)
    expect(toneError(y, 1000, 48000)).toBeLessThan(1e-3)
    const z = resample(y, 48000, 44100)
    expect(z.length).toBe(44100)
    expect(toneError(z, 1000, 44100)).toBeLessThan(1e-3)
  })

  it('removes content above the new Nyquist frequency when downsampling', () => {
    const y = resample(tone(15000, 44100, 0.5), 44100, 16000)
    const rms = Math.sqrt(y.slice(200, -200).reduce((s, v) => s + v * v, 0) / (y.length - 400))
    expect(rms).toBeLessThan(1e-3)
  })

  it('gives the same samples whatever the block sizes', () => {
    const x = tone(3000, 22050, 0.7)
    const whole = resample(x, 22050, 44100)
    const r = new Resampler(22050, 44100)
    const parts: number[] = []
    for (let at = 0; at < x.length; at += 777) parts.push(...r.push(x.subarray(at, at + 777)))
    parts.push(...r.finish())
    expect(parts.length).toBe(whole.length)
    parts.forEach((v, i) => expect(v).toBeCloseTo(whole[i], 6))
  })

  it('names bad rates', () => {
    expect(() => new Resampler(0, 44100)).toThrow(/fromRate=0 must be a positive integer/)
    expect(() => new Resampler(44100, 22050.5)).toThrow(/toRate=22050.5/)
  })
})
