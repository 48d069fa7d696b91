// `npx tsx test/bench/correction-figures.ts [audit|golden|demo ...]`: per device, the distance to
// the reference before correction and after each way of correcting it (paper-exact FIR, the
// default plan, STFT with the raw and with the applied curve), predicted from the summaries and
// measured on the corrected audio, and the realised FIR error per sample rate. Figures only.
import { loadFft } from '@shared/dsp/fft'
import { METHODS, measureCorpus, type CorpusFigures } from '../helpers/correction-figures'
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

await loadFft()
const names = process.argv.slice(2)
for (const name of names.length ? names : ['audit', 'golden', 'demo']) {
  const { corpus, sampleRate } = await corpusNamed(name)
  const started = performance.now()
  const fig = measureCorpus(corpus, { sampleRate, ...SETTINGS })
  print(fig)
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s on a shared machine)`)
}
