// Measuring an export on its files, through the real command line: the exported folder is
// indexed and analysed as a project of its own (same labels, same analysis settings), and each
// device's mean log spectrum is compared with the reference's over the device's valid band.
import { join } from 'node:path'
import { deviceSpectra, type DeviceSpectrum } from '@shared/dsp/device-spectra'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'
import { fftFrequencies } from '@shared/dsp/stft-options'
import type { DeviceCorrection } from '@shared/model/correction'
import { loadSummaryRecords } from '../../src-main/db/summaries-repo'
import { openProject } from '../../src-main/services/project'
import { jsonOf, scw, type ScwRunner } from './cli'

/** Mean log spectra of every device of the audio under `folder`, analysed as scw analyses. */
export async function analyseFolder(
  folder: string,
  options: { project: string; labels: string; sampleRate: number; gated?: boolean },
  run: ScwRunner = scw,
): Promise<{ spectra: Record<string, DeviceSpectrum>; frequencies: Float64Array }> {
  await jsonOf(run, 'index', options.project, folder, '--labels', options.labels)
  const r = await run('analyze', options.project, '--sample-rate', String(options.sampleRate))
  if (r.code !== 0) throw new Error(`scw analyze exited ${r.code}: ${r.err}${r.out}`)
  const p = openProject(options.project)
  try {
    const key = p.analysisKey()
    const records = loadSummaryRecords(p.db, key, { gated: options.gated })
    return {
      spectra: deviceSpectra(records, { sampleRate: key.sampleRate }),
      frequencies: fftFrequencies(key),
    }
  } finally {
    p.close()
  }
}

/** Per device: the distance (dB) to the reference before and after, measured on the files. */
export interface MeasuredDevice {
  device: string
  bandHz: [number, number]
  beforeDb: number
  afterDb: number
}

/**
 * Distances over each device's valid band (from the export's report) of the original and of the
 * exported device spectra from the original reference spectrum.
 */
export function measuredDistances(
  report: readonly DeviceCorrection[],
  original: Record<string, DeviceSpectrum>,
  exported: Record<string, DeviceSpectrum>,
  reference: string,
  frequencies: Float64Array,
): MeasuredDevice[] {
  const ref = original[reference].meanLogDb
  return report
    .filter((d) => d.bandHz && !d.reference)
    .map((d) => ({
      device: d.device,
      bandHz: d.bandHz!,
      beforeDb: spectrumDistanceDb(original[d.device].meanLogDb, ref, frequencies, d.bandHz!),
      afterDb: spectrumDistanceDb(exported[d.device].meanLogDb, ref, frequencies, d.bandHz!),
    }))
}

/** The export's --json result, with its report of the realised correction. */
export interface ExportJson {
  written: number
  failed: unknown[]
  clippedSamples: number
  corrections: DeviceCorrection[]
}

/** Runs `scw export … --json` and measures its files against the original corpus. */
export async function exportAndMeasure(
  project: string,
  outDir: string,
  original: { spectra: Record<string, DeviceSpectrum>; frequencies: Float64Array },
  options: {
    reference: string
    labels: string
    sampleRate: number
    gated?: boolean
    flags?: string[]
    run?: ScwRunner
  },
): Promise<{ report: ExportJson; measured: MeasuredDevice[] }> {
  const run = options.run ?? scw
  const report = await jsonOf<ExportJson>(run, 'export', project, outDir, ...(options.flags ?? []))
  const exported = await analyseFolder(
    outDir,
    {
      project: join(outDir, '..', `${outDir.replace(/.*[\\/]/, '')}-measure.scw`),
      labels: options.labels,
      sampleRate: options.sampleRate,
      gated: options.gated,
    },
    run,
  )
  return {
    report,
    measured: measuredDistances(
      report.corrections,
      original.spectra,
      exported.spectra,
      options.reference,
      original.frequencies,
    ),
  }
}
