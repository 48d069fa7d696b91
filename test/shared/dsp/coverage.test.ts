import { beforeAll, describe, expect, it } from 'vitest'
import { coveredBins, RESAMPLED_BAND_FRACTION, sumOverCovering } from '@shared/dsp/coverage'
import { deviceSpectra } from '@shared/dsp/device-spectra'
import { loadFft } from '@shared/dsp/fft'
import { estimateCorrection, ESTIMATOR_VARIANTS, type SummaryRecord } from '@shared/dsp/estimate'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { goldenJson, type GoldenCoefficients } from '../../helpers/golden'
import { goldenSummaries } from '../../helpers/golden-summaries'
import { analyseRecordings } from '../../helpers/correction-pipeline'
import { auditCorpus } from '../../helpers/device-corpus'

const golden = goldenJson<GoldenCoefficients>('coefficients.json')
const db = (x: number): number => 20 * Math.log10(x)

beforeAll(() => loadFft())

/** A record whose log spectrum is `low` below bin `edge` and `high` from it on. */
function flat(
  id: number,
  device: string,
  group: string | null,
  sampleRate: number,
  low: number,
  high = low,
  edge = 308,
): SummaryRecord {
  const meanLogMagnitude = Float64Array.from({ length: 1025 }, (_, k) => (k < edge ? low : high))
  return {
    id,
    device,
    group,
    frames: 100,
    sampleRate,
    meanLogMagnitude,
    meanMagnitude: meanLogMagnitude.map(Math.exp),
  }
}

describe('coveredBins', () => {
  it('covers every bin at or above the analysis rate, else below 0.9 of its own Nyquist', () => {
    const grid = { sampleRate: 48000, bins: 1025 }
    expect(coveredBins(48000, grid)).toBe(1025)
    expect(coveredBins(96000, grid)).toBe(1025)
    expect(coveredBins(undefined, grid)).toBe(1025)
    const n16 = coveredBins(16000, grid)
    const f = fftFrequencies({ sampleRate: 48000, nFft: 2048 })
    expect(f[n16 - 1]).toBeLessThan(RESAMPLED_BAND_FRACTION * 8000)
    expect(f[n16]).toBeGreaterThanOrEqual(RESAMPLED_BAND_FRACTION * 8000)
    expect(n16).toBe(308)
    expect(coveredBins(44100, grid)).toBe(847)
  })

  it('names bad values', () => {
    expect(() => coveredBins(16000, { sampleRate: 0, bins: 1025 })).toThrow(/sampleRate=0/)
    expect(() => coveredBins(16000, { sampleRate: 48000, bins: 1 })).toThrow(/bins=1/)
    expect(() => coveredBins(-5, { sampleRate: 48000, bins: 1025 })).toThrow(/sampleRate=-5/)
  })

  it('sums per bin over the records that cover it', () => {
    const { sum, count, covered } = sumOverCovering(
      [
        { n: 2, v: [1, 2, 3] },
        { n: 3, v: [10, 20, 30] },
      ],
      3,
      (r) => r.n,
      (r) => r.v,
    )
    expect([...sum]).toEqual([11, 22, 30])
    expect([...count]).toEqual([2, 2, 1])
    expect(covered).toBe(3)
  })
})

describe('estimates with recordings at several rates', () => {
  it('are bit-identical to the paper estimators when every recording covers every bin', () => {
    const records = goldenSummaries(golden.nFft, golden.hop).map((r) => ({
      ...r,
      sampleRate: golden.sampleRate,
    }))
    for (const variant of ESTIMATOR_VARIANTS) {
      const plain = estimateCorrection(records, { variant, reference: 'a' })
      const covered = estimateCorrection(records, { variant, reference: 'a', sampleRate: 44100 })
      for (const d of ['b', 'c']) {
        expect(covered.devices[d].coefficients).toEqual(plain.devices[d].coefficients)
        expect(covered.devices[d].coveredBins).toBe(1025)
      }
    }
  })

  it('average each bin only over the recordings whose own rate covers it', () => {
    // x is 6 dB (×2) above r everywhere; its 16 kHz recording is empty above its Nyquist.
    const records = [
      flat(1, 'x', 'g1', 16000, Math.log(2), Math.log(1e-10)),
      flat(2, 'x', 'g2', 48000, Math.log(2)),
      flat(3, 'r', 'g1', 48000, 0),
      flat(4, 'r', 'g2', 48000, 0),
    ]
    for (const variant of ESTIMATOR_VARIANTS) {
      const est = estimateCorrection(records, { variant, reference: 'r', sampleRate: 48000 })
      for (const c of est.devices.x.coefficients) expect(c).toBeCloseTo(0.5, 12)
      expect(est.devices.x.coveredBins).toBe(1025)
      const bent = estimateCorrection(records, { variant, reference: 'r' })
      expect(bent.devices.x.coefficients[600]).toBeGreaterThan(1e3)
    }
  })

  it('hold the curve flat above what a device’s recordings cover, and say so', () => {
    const records = [
      flat(1, 'x', 'g1', 16000, Math.log(2), Math.log(1e-10)),
      flat(2, 'r', 'g1', 48000, 0, Math.log(3)),
    ]
    for (const variant of ESTIMATOR_VARIANTS) {
      const est = estimateCorrection(records, { variant, reference: 'r', sampleRate: 48000 })
      expect(est.devices.x.coveredBins).toBe(308)
      for (const c of est.devices.x.coefficients) expect(c).toBeCloseTo(0.5, 12)
    }
  })

  it('keep a 16 kHz file from bending a 48 kHz device above 8 kHz (generated corpus)', () => {
    const corpus = auditCorpus({ devices: ['studio', 'mixed'], durationSec: 2 })
    expect(new Set(corpus.recordings.map((r) => r.sampleRate))).toEqual(new Set([16000, 48000]))
    const settings = { sampleRate: 48000, nFft: 2048, hopLength: 512 }
    const records = analyseRecordings(corpus.recordings, settings)
    const f = fftFrequencies(settings)
    const truth = f.map((x) => -corpus.responseDb!.mixed(x))
    const worstAbove8k = (coefficients: Float64Array): number =>
      Math.max(
        ...f.map((x, k) => (x > 8500 && x < 20000 ? Math.abs(db(coefficients[k]) - truth[k]) : 0)),
      )
    const covered = estimateCorrection(records, {
      variant: 'unaligned',
      reference: 'studio',
      sampleRate: 48000,
    })
    const bent = estimateCorrection(records, { variant: 'unaligned', reference: 'studio' })
    // Unaligned estimates from different scenes miss by a few dB; the empty bins by far more.
    expect(worstAbove8k(covered.devices.mixed.coefficients)).toBeLessThan(6)
    expect(worstAbove8k(bent.devices.mixed.coefficients)).toBeGreaterThan(30)
    const spectra = deviceSpectra(records, { sampleRate: 48000 })
    const plain = deviceSpectra(records)
    const k10k = Math.round(10000 / (48000 / 2048))
    expect(spectra.mixed.meanLogDb[k10k] - plain.mixed.meanLogDb[k10k]).toBeGreaterThan(40)
  })
})
