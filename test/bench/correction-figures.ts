// `npx tsx test/bench/correction-figures.ts [audit|golden|demo ...]`: per device, the distance to
// the reference before correction and after each way of correcting it (paper-exact FIR, the
// default plan, STFT with the raw and with the applied curve), predicted from the summaries and
// measured on the corrected audio, and the realised FIR error per sample rate. Figures only.
import { appliedCurve } from '@shared/dsp/correction-policy'
import { pairedSpreads } from '@shared/dsp/device-spectra'
import { loadFft } from '@shared/dsp/fft'
import { designRelativeFir } from '@shared/dsp/fir-design'
import { analysisGainsDb, firMagnitude, responseErrorDb } from '@shared/dsp/fir-response'
import { designFir } from '@shared/dsp/firls'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'
import { validBand } from '@shared/dsp/valid-band'
import type { AnalysisSettings } from '../helpers/correction-pipeline'
import {
  estimateCorpus,
  METHODS,
  measureCorpus,
  type CorpusFigures,
} from '../helpers/correction-figures'
import { auditCorpus, demoCorpus, goldenCorpus, type Corpus } from '../helpers/device-corpus'

const SETTINGS = { nFft: 2048, hopLength: 512 }

async function corpusNamed(name: string): Promise<{ corpus: Corpus; sampleRate: number }> {
  if (name === 'audit') return { corpus: auditCorpus(), sampleRate: 48000 }
  if (name === 'golden') return { corpus: goldenCorpus(), sampleRate: 44100 }
  if (name === 'demo') return { corpus: await demoCorpus(), sampleRate: 44100 }
  throw new Error(`corpus ${name}: expected audit, golden or demo`)
}

const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—').padStart(6)

function print(fig: CorpusFigures): void {
  console.log(
    `\n${fig.corpus}: reference ${fig.reference}, analysed at ${fig.settings.sampleRate} Hz, nFft ${fig.settings.nFft}`,
  )
  console.log(
    'distance to the reference over the valid band, dB (predicted / measured on the corrected audio)',
  )
  console.log(
    `${'device'.padEnd(8)}${'band Hz'.padEnd(14)}${'before'.padStart(7)}  ${METHODS.map((m) => m.padStart(15)).join('')}`,
  )
  for (const d of fig.devices) {
    const band = d.bandHz ? `${Math.round(d.bandHz[0])}-${Math.round(d.bandHz[1])}` : 'none'
    const cells = METHODS.map((m) => {
      const x = d.methods[m]
      return x ? `${f2(x.predictedDb)}/${f2(x.measuredDb)}`.padStart(15) : ''.padStart(15)
    })
    console.log(`${d.device.padEnd(8)}${band.padEnd(14)}${f2(d.beforeDb)} ${cells.join('')}`)
  }
  console.log('what was applied, and the realised FIR error over the band (RMS / max dB)')
  for (const d of fig.devices) {
    for (const m of ['paperFir', 'defaultPlan'] as const) {
      for (const r of d.methods[m]?.perRate ?? []) {
        const err =
          r.errorRmsDb === undefined
            ? ''
            : ` error ${f2(r.errorRmsDb)} / ${f2(r.errorMaxDb ?? NaN)}`
        const what = r.kind === 'fir' ? `fir ${r.taps} taps (${r.design})` : r.kind
        const clip = d.methods[m].clippedSamples ? `, ${d.methods[m].clippedSamples} clipped` : ''
        console.log(
          `  ${d.device.padEnd(7)} ${m.padEnd(12)} ${String(r.sampleRate).padEnd(6)} ${what}${err}${clip}`,
        )
        if (m === 'defaultPlan') for (const why of r.reasons) console.log(`      ${why}`)
      }
    }
  }
}

/** Largest |predicted − measured| after-distance of the default plan and the STFT paths. */
function predictionGap(fig: CorpusFigures): number {
  let gap = 0
  for (const d of fig.devices) {
    for (const m of ['defaultPlan', 'stftApplied', 'stftRaw'] as const) {
      const x = d.methods[m]
      if (x && x.clippedSamples === 0) gap = Math.max(gap, Math.abs(x.predictedDb - x.measuredDb))
    }
  }
  return gap
}

/**
 * The thresholds' evidence: for each device at the analysis rate, the paper's design on the raw
 * coefficients and least squares / relative least squares on the applied curve at several
 * lengths, with the realised error over the valid band and the predicted distance after.
 */
function designSweep(corpus: Corpus, settings: AnalysisSettings): void {
  const { records, spectra, est, f, ref } = estimateCorpus(corpus, settings)
  const fs = settings.sampleRate
  console.log(
    'design sweep at the analysis rate: realised error RMS / max dB, predicted distance after (dB)',
  )
  for (const [device, e] of Object.entries(est.devices)) {
    if (device === corpus.reference) continue
    const spreads = pairedSpreads(records, device, corpus.reference, settings)
    const band = validBand(spectra[device], ref, { ...settings, spreads }).bandHz
    if (!band) continue
    const applied = appliedCurve(e.coefficients, f, band)
    const stft = spectrumDistanceDb(
      spectra[device].meanLogDb,
      ref.meanLogDb,
      f,
      band,
      applied.map((g) => 20 * Math.log10(g)),
    )
    const before = spectrumDistanceDb(spectra[device].meanLogDb, ref.meanLogDb, f, band)
    console.log(`  ${device}: before ${f2(before)}, STFT (applied) ${f2(stft)}`)
    for (const taps of [513, 1025, 2049, 4097]) {
      const rows: [string, Float64Array, ArrayLike<number>][] = [
        [
          'paper',
          designFir({ frequenciesHz: f, gains: e.coefficients }, { taps, sampleRate: fs }),
          e.coefficients,
        ],
        ['ls', designFir({ frequenciesHz: f, gains: applied }, { taps, sampleRate: fs }), applied],
      ]
      if (taps <= 2049) {
        const h = designRelativeFir({ frequenciesHz: f, gains: applied }, { taps, sampleRate: fs })
        rows.push(['relative', h, applied])
      }
      const cells = rows.map(([name, h, target]) => {
        const err = responseErrorDb(firMagnitude(h, f, fs), target, f, band)
        const after = spectrumDistanceDb(
          spectra[device].meanLogDb,
          ref.meanLogDb,
          f,
          band,
          analysisGainsDb(h, fs, settings),
        )
        return `${name} ${f2(err.rmsDb)}/${err.maxDb.toFixed(1).padStart(5)} → ${f2(after)}`
      })
      console.log(`    ${String(taps).padStart(5)} taps  ${cells.join('   ')}`)
    }
  }
}

await loadFft()
const names = process.argv.slice(2)
for (const name of names.length ? names : ['audit', 'golden', 'demo']) {
  const { corpus, sampleRate } = await corpusNamed(name)
  const started = performance.now()
  const fig = measureCorpus(corpus, { sampleRate, ...SETTINGS })
  print(fig)
  console.log(
    `largest |predicted − measured| (default plan and STFT, files that do not clip): ${f2(predictionGap(fig))} dB`,
  )
  designSweep(corpus, { sampleRate, ...SETTINGS })
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s on a shared machine)`)
}
