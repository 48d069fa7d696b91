// Trustworthy correction, through the real command line on a generated corpus (48 kHz stereo
// PCM24: a flat reference, a steep high-pass, a low-pass and a peaky device, a device mixing 16
// and 48 kHz files, one with stretches of digital silence), measured on the files export writes.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { POLICY_DEFAULTS } from '@shared/dsp/correction-policy'
import type { DeviceSpectrum } from '@shared/dsp/device-spectra'
import { loadFft } from '@shared/dsp/fft'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'
import type { DeviceCorrection } from '@shared/model/correction'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { AUDIT_DEVICES, auditCorpus, GAP_SHARE, writeCorpus } from '../../helpers/device-corpus'
import { analyseFolder, exportAndMeasure, type MeasuredDevice } from '../../helpers/export-measure'

const tmp = tempFolder()
let corpus: ReturnType<typeof auditCorpus>
const folder = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')
const MEASURE = { reference: 'studio', labels: 'folders', sampleRate: 48000 }
/** Every device but the one with dropouts, which needs frame gating. */
const STEADY = AUDIT_DEVICES.join(',')
let original: { spectra: Record<string, DeviceSpectrum>; frequencies: Float64Array }
let indexed: { analysisRate: { sampleRate: number; chosen: boolean; changed: boolean } }

interface EstimateJson {
  sampleRate: number
  frameGating: boolean
  maxPerDevice: number | null
  seed: number
  regularization: object
  frequencies: number[]
  coefficients: Record<string, number[]>
  gating: { device: string; silentFrameShare: number; maxChangeDb: number }[]
  signalChecks: { device: string; kinds: { silence: { recordings: number; share: number } } }[]
}

/** `scw estimate <project> …flags --json`, parsed. */
const estimateJson = (...flags: string[]): Promise<EstimateJson> =>
  scwJson<EstimateJson>('estimate', project, ...flags)

/** RMS dB difference of an estimated curve from the true inverse of a device over 100 Hz–10 kHz. */
function missDb(e: EstimateJson, device: string): number {
  const truth = corpus.responseDb!
  let sum = 0
  let n = 0
  e.frequencies.forEach((f, k) => {
    if (f < 100 || f > 10000) return
    const want = truth.studio(f) - truth[device](f)
    sum += (20 * Math.log10(e.coefficients[device][k]) - want) ** 2
    n++
  })
  return Math.sqrt(sum / n)
}

beforeAll(async () => {
  await loadFft()
  corpus = auditCorpus({ durationSec: 2, devices: [...AUDIT_DEVICES, 'gappy'] })
  writeCorpus(corpus, folder)
  indexed = await scwJson('index', project, folder, '--labels', 'folders')
  original = await analyseFolder(folder, { project, ...MEASURE })
  await scwJson('estimate', project, '--reference', 'studio')
}, 300_000)
afterAll(() => tmp.cleanup())

describe('sample rates', () => {
  it('analyses at the corpus’s own rate, the most common among its files', async () => {
    expect(indexed.analysisRate).toEqual({ sampleRate: 48000, chosen: false, changed: true })
    const e = await scwJson<EstimateJson>('estimate', project, '--reference', 'studio')
    expect(e.sampleRate).toBe(48000)
    expect(e.frequencies.at(-1)).toBe(24000)
  })

  it('keeps the 16 kHz files of a device from bending its curve above their Nyquist', async () => {
    const e = await scwJson<EstimateJson>('estimate', project, '--reference', 'studio')
    const truth = corpus.responseDb!
    let worst = 0
    e.frequencies.forEach((f, k) => {
      if (f < 8000 || f > 20000) return
      const miss = 20 * Math.log10(e.coefficients.mixed[k]) + truth.mixed(f)
      worst = Math.max(worst, Math.abs(miss))
    })
    // Averaged in, the 16 kHz files' empty bins bent it by −45 to −65 dB; what is left is the
    // scenes its 48 kHz files share with the reference's differing from the reference's own.
    expect(worst).toBeLessThan(6)
  })

  it('warns about the device mixing rates, in words and in --json', async () => {
    const text = await scw('estimate', project, '--reference', 'studio')
    expect(text.out).toContain(
      'warning: mixed: mixed sample rates (3 at 16 kHz, 4 at 48 kHz); above 7.2 kHz its curve rests on its 48 kHz files only',
    )
    expect(text.out).not.toMatch(/warning: (studio|phone|dark|peaky|gappy): mixed/)
    const e = await scwJson<EstimateJson & { sampleRates: object; warnings: string[] }>(
      'estimate',
      project,
      '--reference',
      'studio',
    )
    expect(e.sampleRates).toMatchObject({
      mixed: [
        { sampleRate: 16000, recordings: 3 },
        { sampleRate: 48000, recordings: 4 },
      ],
      studio: [{ sampleRate: 48000, recordings: 7 }],
    })
    expect(e.warnings.filter((w) => w.includes('sample rates'))).toHaveLength(1)
  })
})

describe('settings', () => {
  it('uses the documented defaults for every flag left out, and reports every setting', async () => {
    const first = await estimateJson(
      ...['--reference', 'studio', '--max-per-device', '3', '--seed', '7', '--max-boost', '20'],
    )
    expect(first).toMatchObject({ maxPerDevice: 3, seed: 7, regularization: { maxBoostDb: 20 } })
    const plain = await scwJson<EstimateJson>('estimate', project, '--reference', 'studio')
    expect(plain).toMatchObject({ maxPerDevice: null, seed: 0, regularization: {} })
    expect(plain).toMatchObject({ frameGating: false, sampleRate: 48000 })
    const again = await scwJson<EstimateJson>('estimate', project, '--reference', 'studio')
    expect(again.coefficients).toEqual(plain.coefficients)
  })

  it('--max-per-device draws each device its subset once: another reference only rescales', async () => {
    const subset = ['--max-per-device', '3', '--seed', '5']
    const toStudio = await estimateJson('--reference', 'studio', ...subset)
    const toPeaky = await estimateJson('--reference', 'peaky', ...subset)
    expect(toStudio.maxPerDevice).toBe(3)
    const db = (x: number): number => 20 * Math.log10(x)
    // C_d→studio = C_d→peaky · C_peaky→studio, bin by bin (drawn per reference, it failed by up
    // to 12.7 dB).
    for (const d of ['phone', 'dark', 'mixed', 'gappy']) {
      let worst = 0
      toStudio.frequencies.forEach((_, k) => {
        const miss =
          db(toStudio.coefficients[d][k]) -
          db(toPeaky.coefficients[d][k]) -
          db(toStudio.coefficients.peaky[k])
        worst = Math.max(worst, Math.abs(miss))
      })
      expect(worst, d).toBeLessThan(1e-3)
    }
    // The subset is drawn: another seed gives other curves.
    const other = await estimateJson(
      '--reference',
      'studio',
      '--max-per-device',
      '3',
      '--seed',
      '6',
    )
    expect(other.coefficients.phone).not.toEqual(toStudio.coefficients.phone)
    await scwJson('estimate', project, '--reference', 'studio')
  })
})

describe('signal checks and frame gating', () => {
  it('flags the device with digital silence, with how much of it, and shows what gating changes', async () => {
    const text = await scw('estimate', project, '--reference', 'studio')
    expect(text.code).toBe(0)
    expect(text.out).toMatch(
      /warning: gappy: 7 of 7 recordings \(100% of its audio\) have digital silence in ≥ 5% of their frames/,
    )
    expect(text.out).toMatch(/gappy: \d+\.\d% of its frames are digitally silent; --frame-gating/)
    // (mixed is warned about for its sample rates only, above.)
    expect(text.out).not.toMatch(/warning: (studio|phone|dark|peaky|mixed): \d+ of \d+ recordings/)
    const e = await scwJson<EstimateJson>('estimate', project, '--reference', 'studio')
    const gappy = e.gating.find((g) => g.device === 'gappy')!
    expect(gappy.silentFrameShare).toBeGreaterThan(0.7 * GAP_SHARE)
    expect(gappy.maxChangeDb).toBeGreaterThan(20)
    expect(e.gating.find((g) => g.device === 'peaky')!.maxChangeDb).toBe(0)
    const checks = e.signalChecks.find((c) => c.device === 'gappy')!
    expect(checks.kinds.silence).toMatchObject({ recordings: 7, share: 1 })
  })

  it('with --frame-gating, estimates the device with dropouts as well as the others', async () => {
    const plain = await scwJson<EstimateJson>('estimate', project, '--reference', 'studio')
    const gated = await scwJson<EstimateJson>(
      'estimate',
      project,
      '--reference',
      'studio',
      '--frame-gating',
    )
    expect(gated.frameGating).toBe(true)
    // Ungated, its mean is dragged towards the magnitude floor (the curve is off by tens of dB);
    // gated, it misses the true inverse by about as much as the devices without dropouts (whose
    // own scenes differ from the reference's).
    const steady = Math.max(...AUDIT_DEVICES.slice(1).map((d) => missDb(gated, d)))
    expect(missDb(plain, 'gappy')).toBeGreaterThan(20)
    expect(missDb(gated, 'gappy')).toBeLessThan(steady + 1)
    // Devices without silence do not move.
    expect(gated.coefficients.peaky).toEqual(plain.coefficients.peaky)
  })
})

/** Every measured device ends closer to the reference than it started. */
function expectCloser(measured: MeasuredDevice[], report: DeviceCorrection[]): void {
  for (const m of measured) {
    const predicted = report.find((d) => d.device === m.device)!
    const what = `${m.device}: ${m.beforeDb.toFixed(2)} → ${m.afterDb.toFixed(2)} dB measured, ${predicted.afterDb?.toFixed(2)} predicted`
    expect(m.afterDb, what).toBeLessThan(m.beforeDb - 1)
    expect(Math.abs(m.afterDb - predicted.afterDb!), what).toBeLessThan(0.5)
  }
}

describe('export with the defaults', () => {
  let fir: Awaited<ReturnType<typeof exportAndMeasure>>

  it('refuses to worsen the device with dropouts silently: names it, why, and the fixes', async () => {
    await scwJson('estimate', project, '--reference', 'studio')
    const r = await scw('export', project, join(tmp.dir, 'refused'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/nothing was exported/)
    expect(r.err).toMatch(
      /device gappy at 48000 Hz: the device and the reference share signal over/,
    )
    expect(r.err).toMatch(/Override with --method stft or --paper-exact/)
    expect(r.err).toMatch(/gappy: \d+% of its frames are digitally silent.*--frame-gating/)
    expect(r.err).toMatch(/leave gappy out with --devices/)
  })

  it('brings every other device closer, measured on the FIR-corrected files', async () => {
    fir = await exportAndMeasure(project, join(tmp.dir, 'fir'), original, {
      ...MEASURE,
      flags: ['--devices', STEADY],
    })
    expect(fir.report.written).toBe(35)
    expect(fir.measured.map((m) => m.device)).toEqual(['dark', 'mixed', 'peaky', 'phone'])
    expectCloser(fir.measured, fir.report.corrections)
  })

  it('reports per device and rate the realised FIR error and the predicted distances', async () => {
    const phone = fir.report.corrections.find((d) => d.device === 'phone')!
    expect(phone.bandHz![0]).toBeGreaterThan(60)
    expect(phone.bandLimits![0]).toMatch(/^(device|reference)-/)
    expect(phone.beforeDb!).toBeGreaterThan(3)
    expect(phone.rates).toHaveLength(1)
    expect(phone.rates[0]).toMatchObject({ sampleRate: 48000, files: 7, kind: 'fir' })
    expect(phone.rates[0].taps!).toBeGreaterThan(1025)
    const mixed = fir.report.corrections.find((d) => d.device === 'mixed')!
    expect(mixed.rates.map((r) => [r.sampleRate, r.files])).toEqual([
      [16000, 3],
      [48000, 4],
    ])
    for (const d of fir.report.corrections) {
      for (const r of d.rates) {
        expect(r.kind, `${d.device}@${r.sampleRate}`).toBe('fir')
        expect(r.errorRmsDb!).toBeLessThanOrEqual(POLICY_DEFAULTS.maxRmsErrorDb)
        expect(r.errorMaxDb!).toBeLessThanOrEqual(POLICY_DEFAULTS.maxErrorDb)
      }
    }
    // The same report beside the files, with each FIR's taps.
    const record = JSON.parse(readFileSync(join(tmp.dir, 'fir', 'scw-export.json'), 'utf8'))
    expect(record.corrections).toEqual(fir.report.corrections)
    expect(record.settings).toMatchObject({ method: null, taps: null, paperExact: false })
    expect(record.fir.phone['48000']).toHaveLength(phone.rates[0].taps!)
    expect(Object.keys(record.fir.mixed)).toEqual(['16000', '48000'])
    const text = await scw('export', project, join(tmp.dir, 'fir'), '--devices', STEADY)
    expect(text.out).toMatch(
      /phone: distance to the reference \d+\.\d+ → \d+\.\d+ dB \(predicted\)/,
    )
    expect(text.out).toMatch(/48000 Hz, 7 files: FIR \d+ taps \(\w+\), error against its target/)
  })

  it('brings every device closer through the STFT path too', async () => {
    const stft = await exportAndMeasure(project, join(tmp.dir, 'stft'), original, {
      ...MEASURE,
      flags: ['--devices', STEADY, '--method', 'stft'],
    })
    expect(stft.report.corrections.every((d) => d.rates.every((r) => r.kind === 'stft'))).toBe(true)
    expectCloser(stft.measured, stft.report.corrections)
  })

  it('corrects the device with dropouts once the estimate leaves silent frames out', async () => {
    await scwJson('estimate', project, '--reference', 'studio', '--frame-gating')
    const gated = await exportAndMeasure(project, join(tmp.dir, 'gated'), original, {
      ...MEASURE,
      gated: true,
      flags: ['--devices', 'gappy'],
    })
    const m = gated.measured[0]
    expect(m.device).toBe('gappy')
    expect(m.afterDb).toBeLessThan(m.beforeDb / 3)
  })
})

describe('the paper’s exact FIR, one flag away', () => {
  it('applies it as asked, and warns that the phone ends further away, as it does', async () => {
    await scwJson('estimate', project, '--reference', 'studio')
    const paper = await exportAndMeasure(project, join(tmp.dir, 'paper'), original, {
      ...MEASURE,
      flags: ['--devices', 'phone', '--paper-exact'],
    })
    const rate = paper.report.corrections[0].rates[0]
    expect(rate).toMatchObject({ kind: 'fir', taps: 1025, design: 'paper-exact' })
    expect(rate.reasons.join(' ')).toMatch(/predicted to leave the device .* from the reference/)
    expect(rate.errorRmsDb!).toBeGreaterThan(5)
    const m = paper.measured[0]
    expect(m.afterDb).toBeGreaterThan(m.beforeDb)
  })
})

describe('scw evaluate', () => {
  it('scores what export writes: afterDb within 1 dB of what the exported files measure', async () => {
    // A corpus whose held-out halves can learn the correction: every scene by every device.
    const aligned = join(tmp.dir, 'aligned')
    const p = join(tmp.dir, 'aligned.scw')
    const devices = ['studio', 'phone', 'dark', 'peaky']
    writeCorpus(auditCorpus({ durationSec: 1, alignedGroups: 12, ownScenes: 0, devices }), aligned)
    const before = await analyseFolder(aligned, { project: p, ...MEASURE })
    await scwJson('estimate', p, '--reference', 'studio')
    const band: [number, number] = [100, 10000]
    const e = await scwJson<{
      band: [number, number]
      devices: Record<string, { beforeDb: number; afterDb: number; testRecordings: number }>
      classifier: { tested: number; accuracyBefore: number; accuracyAfter: number }
      warnings: string[]
    }>('evaluate', p, '--band', `${band[0]}-${band[1]}`)
    expect(e.band).toEqual(band)
    expect(e.warnings).toEqual([])
    const out = join(tmp.dir, 'aligned-fir')
    await scwJson('export', p, out)
    const after = await analyseFolder(out, {
      project: join(tmp.dir, 'aligned-fir.scw'),
      ...MEASURE,
    })
    const ref = before.spectra.studio.meanLogDb
    for (const device of devices.slice(1)) {
      const f = before.frequencies
      const measuredBefore = spectrumDistanceDb(before.spectra[device].meanLogDb, ref, f, band)
      const measured = spectrumDistanceDb(after.spectra[device].meanLogDb, ref, f, band)
      const d = e.devices[device]
      const what = `${device}: held out ${d.beforeDb.toFixed(2)} → ${d.afterDb.toFixed(2)}, files ${measuredBefore.toFixed(2)} → ${measured.toFixed(2)}`
      expect(Math.abs(d.afterDb - measured), what).toBeLessThan(1)
      expect(d.afterDb, what).toBeLessThan(d.beforeDb)
      expect(d.testRecordings).toBe(6)
    }
    expect(e.classifier.accuracyAfter).toBeLessThan(e.classifier.accuracyBefore)
  })

  it('prints the test set, explains chance, and warns when it is too small to mean much', async () => {
    await scwJson('estimate', project, '--reference', 'studio')
    const r = await scw('evaluate', project, '--method', 'stft')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/held out: trained on \d+ and tested on \d+ of the alignment groups/)
    expect(r.out).toMatch(/chance \d+\.\d% \(always guessing the device with the most test/)
    expect(r.out).toMatch(/warning: \w+ has \d training and \d test recordings: .*too uncertain/)
    expect(r.out).toMatch(/48000 Hz: STFT gains/)
  })
})
