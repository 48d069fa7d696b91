import { expect } from 'vitest'
import type { CorrectionEstimate } from '@shared/dsp/estimate'

/**
 * Asserts two estimates agree: counts exactly, coefficients within `tolerance` (relative).
 * coveredBins is compared where both carry it (stored estimates do not keep it).
 */
export function expectSameEstimate(
  got: CorrectionEstimate,
  want: CorrectionEstimate,
  tolerance = 1e-9,
): void {
  expect(got.missing).toEqual(want.missing)
  expect(Object.keys(got.devices).sort()).toEqual(Object.keys(want.devices).sort())
  for (const [device, w] of Object.entries(want.devices)) {
    const g = got.devices[device]
    const { recordings, segments, unequalFramePairs } = w
    expect(g).toMatchObject({ device, recordings, segments, unequalFramePairs })
    if (g.coveredBins !== undefined) expect(g.coveredBins).toBe(w.coveredBins)
    let worst = 0
    w.coefficients.forEach((v, k) => {
      worst = Math.max(worst, Math.abs(g.coefficients[k] - v) / Math.abs(v))
    })
    expect(worst, `${device}: largest relative difference`).toBeLessThanOrEqual(tolerance)
  }
}
