import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fitRangeDb } from '@shared/figures/range'
import {
  bandText,
  formatHz,
  formatTick,
  frequencyTicks,
  linearTicks,
  niceStep,
} from '@shared/figures/ticks'

describe('linear ticks', () => {
  it('pick 1-2-5 steps', () => {
    expect(niceStep(10, 5)).toBe(2)
    expect(niceStep(10, 10)).toBe(1)
    expect(niceStep(0.03, 4)).toBeCloseTo(0.01, 12)
    expect(niceStep(7, 1)).toBe(10)
    expect(() => niceStep(0, 5)).toThrow('span=0')
  })

  it('never repeat a label on a short range (the waveform of a short file)', () => {
    // 40 ms over 800 px: the old axis printed "0 0 0".
    const t = linearTicks(0, 0.04, { lengthPx: 800, minGapPx: 64 })
    expect(t.labels).toEqual([
      '0.000',
      '0.005',
      '0.010',
      '0.015',
      '0.020',
      '0.025',
      '0.030',
      '0.035',
      '0.040',
    ])
    expect(new Set(t.labels).size).toBe(t.labels.length)
  })

  it('keep labels distinct, inside the range and at least minGapPx apart, for any range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.integer({ min: 120, max: 2000 }),
        fc.integer({ min: 20, max: 120 }),
        (min, span, lengthPx, minGapPx) => {
          const max = min + span
          fc.pre(max > min)
          const t = linearTicks(min, max, { lengthPx, minGapPx })
          expect(new Set(t.labels).size).toBe(t.labels.length)
          for (const v of t.values) {
            expect(v).toBeGreaterThanOrEqual(min - t.step * 1e-6)
            expect(v).toBeLessThanOrEqual(max + t.step * 1e-6)
          }
          if (t.values.length > 1)
            expect((t.step / span) * lengthPx).toBeGreaterThanOrEqual(minGapPx * 0.999)
        },
      ),
    )
  })

  it('write a typographic minus and never "-0"', () => {
    expect(formatTick(-5, 0)).toBe('\u22125')
    expect(formatTick(-0.0001, 1)).toBe('0.0')
    expect(linearTicks(-10, 10, { lengthPx: 200 }).labels).toContain('\u221210')
  })

  it('refuse an empty or infinite range, naming it', () => {
    expect(() => linearTicks(3, 3, { lengthPx: 100 })).toThrow('range [3, 3]')
    expect(() => linearTicks(0, Infinity, { lengthPx: 100 })).toThrow('range [0, Infinity]')
  })
})

describe('log frequency ticks', () => {
  it('run 20, 50, 100, 200, 500, 1k … 20k over the audio band', () => {
    const ticks = frequencyTicks(20, 20_000)
    expect(ticks.map(formatHz)).toEqual([
      '20',
      '50',
      '100',
      '200',
      '500',
      '1k',
      '2k',
      '5k',
      '10k',
      '20k',
    ])
  })

  it('fall back to every multiple of the decade on a narrow range', () => {
    expect(frequencyTicks(110, 180)).toEqual([])
    expect(frequencyTicks(300, 900)).toEqual([300, 400, 500, 600, 700, 800, 900])
    expect(frequencyTicks(100, 10_000)).toEqual([100, 200, 500, 1000, 2000, 5000, 10_000])
  })

  it('say bands in running text', () => {
    expect(bandText([100, 10_000])).toBe('100 Hz–10 kHz')
    expect(formatHz(12_500)).toBe('12.5k')
  })
})

describe('fitRangeDb', () => {
  const f = Array.from({ length: 1025 }, (_, k) => (k * 44100) / 2048)
  // ±5 dB in the mid band, +50 dB at the low edge.
  const curve = f.map((hz) => (hz < 60 ? 50 : 5 * Math.sin(hz / 500)))

  it('fits the mid band so a +50 dB edge does not squash it', () => {
    const [lo, hi] = fitRangeDb([curve], f, [100, 10_000])
    expect(lo).toBeGreaterThanOrEqual(-6)
    expect(lo).toBeLessThan(-5)
    expect(hi).toBeGreaterThan(5)
    expect(hi).toBeLessThanOrEqual(6)
    expect(fitRangeDb([curve], f, [20, 20_000])[1]).toBeGreaterThanOrEqual(50)
  })

  it('skips gaps, widens flat curves and names a band without data', () => {
    const flat = f.map((_, k) => (k % 2 ? null : 0))
    expect(fitRangeDb([flat], f, [100, 10_000])).toEqual([-1.5, 1.5])
    expect(() => fitRangeDb([curve], f, [30_000, 40_000])).toThrow('between 30000 and 40000 Hz')
    expect(() => fitRangeDb([curve.slice(1)], f, [100, 200])).toThrow('1024 values for 1025')
  })
})
