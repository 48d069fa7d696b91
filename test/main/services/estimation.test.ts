// Estimates are stored with provenance, reused when identical, and banded by the bootstrap.
import { describe, expect, it } from 'vitest'
import { confidenceBands, currentEstimate, estimate } from '../../../src-main/services/estimation'
import { APP_VERSION } from '@shared/app-info'
import { analysedGoldenProject } from '../../helpers/golden-project'

const golden = analysedGoldenProject()

describe('estimation service', () => {
  it('defaults the reference to the most recorded device and stores provenance', () => {
    const e = estimate(golden())
    expect(e).toMatchObject({
      variant: 'unaligned',
      reference: 'a',
      nFft: 2048,
      hopLength: 512,
      sampleRate: 44100,
      appVersion: APP_VERSION,
    })
    expect(e.recordingIds.length).toBe(15)
    expect(golden().settings()).toMatchObject({ referenceDevice: 'a', currentEstimateId: e.id })
    expect(currentEstimate(golden())!.id).toBe(e.id)
  })

  it('reuses an identical estimate and makes a new one when settings change', () => {
    const a = estimate(golden(), { variant: 'aligned', reference: 'b' })
    const b = estimate(golden(), { variant: 'aligned', reference: 'b' })
    const c = estimate(golden(), { variant: 'aligned', reference: 'c' })
    expect(b.id).toBe(a.id)
    expect(c.id).not.toBe(a.id)
    expect(golden().settings().referenceDevice).toBe('c')
    expect([...c.devices.c.coefficients].every((v) => v === 1)).toBe(true)
  })

  it('applies regularisation only when asked', () => {
    const plain = estimate(golden(), { variant: 'unaligned', reference: 'a', regularization: {} })
    const limited = estimate(golden(), {
      variant: 'unaligned',
      reference: 'a',
      regularization: { maxBoostDb: 6 },
    })
    expect(Math.max(...plain.devices.b.coefficients)).toBeGreaterThan(2)
    expect(Math.max(...limited.devices.b.coefficients)).toBeCloseTo(10 ** (6 / 20), 9)
  })

  it('gives bootstrap bands that hold the estimate', () => {
    const e = estimate(golden(), { variant: 'unaligned', reference: 'a', regularization: {} })
    const bands = confidenceBands(
      golden(),
      { variant: 'unaligned', reference: 'a' },
      { iterations: 50 },
    )
    let inside = 0
    e.devices.c.coefficients.forEach((v, k) => {
      if (v >= bands.c.lower[k] * 0.999 && v <= bands.c.upper[k] * 1.001) inside++
    })
    expect(inside / e.devices.c.coefficients.length).toBeGreaterThan(0.9)
    expect(bands.a.lower.every((v) => v === 1)).toBe(true)
  })
})

describe('confidence bands follow the estimate settings', () => {
  it('regularise every resample, so a boost limit bounds the band too', () => {
    const bands = confidenceBands(
      golden(),
      { variant: 'unaligned', reference: 'a', regularization: { maxBoostDb: 6 } },
      { iterations: 20 },
    )
    expect(Math.max(...bands.b.upper)).toBeLessThanOrEqual(10 ** (6 / 20) + 1e-9)
    const plain = confidenceBands(
      golden(),
      { variant: 'unaligned', reference: 'a', regularization: {} },
      { iterations: 20 },
    )
    expect(Math.max(...plain.b.upper)).toBeGreaterThan(10)
  })
})
