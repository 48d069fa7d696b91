// `npx tsx --import ./build/wat-register.mjs test/bench/export-figures.ts [audit|demo ...]`:
// through the real command line, with the defaults, per device the distance to the reference
// before and after export (FIR and STFT with the defaults, and the paper's exact FIR), predicted by the export's report and measured on the
// exported files, and the realised FIR error per device and rate. Figures only.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFft } from '@shared/dsp/fft'
import { jsonOf, scwBuilt } from '../helpers/cli'
import { AUDIT_DEVICES, auditCorpus, writeCorpus } from '../helpers/device-corpus'
import { analyseFolder, exportAndMeasure } from '../helpers/export-measure'

const f2 = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '  –  ' : x.toFixed(2).padStart(5)

async function corpusNamed(
  name: string,
  dir: string,
): Promise<{
  folder: string
  labels: string
  reference: string
  sampleRate: number
  gated: boolean
}> {
  if (name === 'demo') {
    await jsonOf(scwBuilt, 'demo', join(dir, 'demo'))
    return {
      folder: join(dir, 'demo'),
      labels: 'dcase',
      reference: 'a',
      sampleRate: 44100,
      gated: false,
    }
  }
  const devices = name.startsWith('gappy') ? [...AUDIT_DEVICES, 'gappy'] : AUDIT_DEVICES
  const folder = writeCorpus(auditCorpus({ devices }), join(dir, 'corpus'))
  return {
    folder,
    labels: 'folders',
    reference: 'studio',
    sampleRate: 48000,
    gated: name === 'gappy',
  }
}

await loadFft()
for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ['audit', 'demo']) {
  const dir = mkdtempSync(join(tmpdir(), 'scw-export-figures-'))
  try {
    const c = await corpusNamed(name, dir)
    const project = join(dir, 'p.scw')
    const original = await analyseFolder(
      c.folder,
      { project, labels: c.labels, sampleRate: c.sampleRate, gated: c.gated },
      scwBuilt,
    )
    await jsonOf(
      scwBuilt,
      'estimate',
      project,
      '--reference',
      c.reference,
      ...(c.gated ? ['--frame-gating'] : []),
    )
    const options = {
      reference: c.reference,
      labels: c.labels,
      sampleRate: c.sampleRate,
      gated: c.gated,
      run: scwBuilt,
    }
    const fir = await exportAndMeasure(project, join(dir, 'fir'), original, options)
    const stft = await exportAndMeasure(project, join(dir, 'stft'), original, {
      ...options,
      flags: ['--method', 'stft'],
    })
    const paper = await exportAndMeasure(project, join(dir, 'paper'), original, {
      ...options,
      flags: ['--paper-exact'],
    })
    console.log(
      `\n${name}: reference ${c.reference}, analysed at ${c.sampleRate} Hz; distance to the reference over each device's valid band, dB`,
    )
    console.log(
      'device  band Hz          before   FIR predicted/measured   STFT predicted/measured   paper-exact FIR predicted/measured',
    )
    for (const m of fir.measured) {
      const p = fir.report.corrections.find((d) => d.device === m.device)!
      const s = stft.report.corrections.find((d) => d.device === m.device)!
      const sm = stft.measured.find((x) => x.device === m.device)!
      const pp = paper.report.corrections.find((d) => d.device === m.device)!
      const pm = paper.measured.find((x) => x.device === m.device)!
      const band = `${Math.round(m.bandHz[0])}-${Math.round(m.bandHz[1])}`
      console.log(
        `${m.device.padEnd(8)}${band.padEnd(17)}${f2(m.beforeDb)}    ${f2(p.afterDb)} / ${f2(m.afterDb)}            ${f2(s.afterDb)} / ${f2(sm.afterDb)}            ${f2(pp.afterDb)} / ${f2(pm.afterDb)}`,
      )
    }
    console.log(
      `clipped samples: FIR ${fir.report.clippedSamples}, STFT ${stft.report.clippedSamples}, paper-exact FIR ${paper.report.clippedSamples}`,
    )
    console.log(
      'realised FIR per device and rate: taps (design), error against its target over the band, dB RMS / max',
    )
    for (const [what, run] of [
      ['defaults', fir],
      ['paper-exact', paper],
    ] as const) {
      for (const d of run.report.corrections) {
        for (const r of d.rates) {
          console.log(
            `  ${what.padEnd(12)} ${d.device.padEnd(7)} ${String(r.sampleRate).padEnd(6)} ${r.kind} ${r.taps ?? ''} (${r.design ?? ''})  ${f2(r.errorRmsDb)} / ${f2(r.errorMaxDb)}`,
          )
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
