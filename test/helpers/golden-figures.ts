// The inputs of every figure, computed from the golden corpus with the project's own DSP: device
// spectra from the summaries, estimates and bootstrap bands, a FIR's realised response, a
// before/after evaluation, a nearest-centroid confusion matrix and one recording's spectrogram.
import { join } from 'node:path'
import type {
  CoefficientsData,
  EvaluationData,
  FirData,
  RecordingSpectrumData,
  SpectraData,
  SpectrogramData,
} from '@shared/figures'
import { bootstrapBands } from '@shared/dsp/bootstrap'
import { estimateCorrection, type SummaryRecord } from '@shared/dsp/estimate'
import { loadFft } from '@shared/dsp/fft'
import { designFir, firAmplitude } from '@shared/dsp/firls'
import { stftMagnitude } from '@shared/dsp/stft'
import { signalMean } from '@shared/dsp/summary'
import { GOLDEN_AUDIO, goldenJson, type GoldenCoefficients } from './golden'
import { goldenSummaries } from './golden-summaries'
import { readPcm16Mono } from './pcm16'

const DB_PER_NEPER = 20 / Math.LN10
const toDb = (g: number): number => 20 * Math.log10(g)

export interface GoldenFigureInputs {
  records: SummaryRecord[]
  frequencies: number[]
  golden: GoldenCoefficients
  spectra: SpectraData
  coefficients: CoefficientsData
  fir: FirData
  evaluation: EvaluationData
  confusion: { devices: string[]; counts: number[][] }
  recording: RecordingSpectrumData
  spectrogram: SpectrogramData
}

function meanSpectrumDb(records: readonly SummaryRecord[]): number[] {
  const out = new Array<number>(records[0].meanLogMagnitude.length).fill(0)
  for (const r of records) for (let k = 0; k < out.length; k++) out[k] += r.meanLogMagnitude[k]
  return out.map((v) => (v / records.length) * DB_PER_NEPER)
}

function rmsOver(a: number[], b: number[], f: number[], [lo, hi]: [number, number]): number {
  let s = 0
  let n = 0
  for (let k = 0; k < f.length; k++) {
    if (f[k] < lo || f[k] > hi) continue
    s += (a[k] - b[k]) ** 2
    n++
  }
  return Math.sqrt(s / n)
}

export async function goldenFigureInputs(): Promise<GoldenFigureInputs> {
  await loadFft()
  const golden = goldenJson<GoldenCoefficients>('coefficients.json')
  const records = goldenSummaries()
  const frequencies = golden.frequencies
  const devices = [...new Set(records.map((r) => r.device))].sort()
  const spectraDb = Object.fromEntries(
    devices.map((d) => [d, meanSpectrumDb(records.filter((r) => r.device === d))]),
  )
  const options = { variant: 'unaligned', reference: 'a' } as const
  const est = estimateCorrection(records, options)
  const bands = bootstrapBands(records, options, { iterations: 20, level: 0.9, seed: 1 })
  const coefficientsDb = Object.fromEntries(
    Object.values(est.devices).map((d) => [d.device, Array.from(d.coefficients, toDb)]),
  )
  const coefficients: CoefficientsData = {
    frequencies,
    reference: 'a',
    variant: 'unaligned',
    devices: Object.fromEntries(
      Object.entries(coefficientsDb).map(([d, c]) => [d, { coefficientsDb: c }]),
    ),
    bands: {
      level: 0.9,
      iterations: 20,
      devices: Object.fromEntries(
        Object.entries(bands)
          .filter(([d]) => d !== 'a')
          .map(([d, b]) => [
            d,
            { lowerDb: Array.from(b.lower, toDb), upperDb: Array.from(b.upper, toDb) },
          ]),
      ),
    },
  }
  const h = designFir(
    { frequenciesHz: frequencies, gains: est.devices.b.coefficients },
    { taps: 1025, sampleRate: 44100 },
  )
  const fir: FirData = {
    device: 'b',
    taps: 1025,
    sampleRate: 44100,
    frequencies,
    targetDb: coefficientsDb.b,
    realisedDb: Array.from(firAmplitude(h, frequencies, 44100), (a) => toDb(Math.abs(a))),
  }
  const band: [number, number] = [100, 10_000]
  const evaluation: EvaluationData = {
    bandHz: band,
    reference: 'a',
    frequencies,
    devices: devices.map((d) => {
      const before = spectraDb[d]
      const after = before.map((v, k) => v + coefficientsDb[d][k])
      return {
        device: d,
        rmsDbBefore: rmsOver(before, spectraDb.a, frequencies, band),
        rmsDbAfter: rmsOver(after, spectraDb.a, frequencies, band),
        spectrumDbBefore: before,
        spectrumDbAfter: after,
      }
    }),
  }
  // Nearest device mean (leave-one-out) on the summaries' dB spectra over the band.
  const counts = devices.map(() => devices.map(() => 0))
  for (const r of records) {
    const own = meanSpectrumDb([r])
    let best = ''
    let bestDist = Infinity
    for (const d of devices) {
      const others = records.filter((o) => o.device === d && o !== r)
      if (!others.length) continue
      const dist = rmsOver(own, meanSpectrumDb(others), frequencies, band)
      if (dist < bestDist) [best, bestDist] = [d, dist]
    }
    counts[devices.indexOf(r.device)][devices.indexOf(best)]++
  }
  const file = 'park-lyon-0-0-b.wav'
  const { samples, sampleRate } = readPcm16Mono(join(GOLDEN_AUDIO, file))
  const stft = stftMagnitude(samples, { nFft: 2048, hopLength: 512 }, signalMean(samples))
  const own = records.find((r) => `${r.group}-${r.device}.wav` === file)!
  const recording: RecordingSpectrumData = {
    frequencies,
    recordingDb: Array.from(own.meanLogMagnitude, (v) => v * DB_PER_NEPER),
    device: 'b',
    deviceDb: spectraDb.b,
    reference: 'a',
    referenceDb: spectraDb.a,
    coefficientsDb: coefficientsDb.b,
    coefficientFrequencies: frequencies,
  }
  return {
    records,
    frequencies,
    golden,
    spectra: { frequencies, spectraDb, reference: 'a', nFft: 2048 },
    coefficients,
    fir,
    evaluation,
    confusion: { devices, counts },
    recording,
    spectrogram: {
      db: Float32Array.from(stft.data, (m) => 20 * Math.log10(Math.max(m, 1e-10))),
      frames: stft.frames,
      bins: stft.bins,
      sampleRate,
      hopLength: 512,
      nFft: 2048,
    },
  }
}
