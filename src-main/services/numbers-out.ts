// Numbers for Python and R: the project's spectral summaries and an estimate's coefficients as
// files (NumPy .npz, CSV, JSON), written whole or not at all.
import { fftFrequencies } from '@shared/dsp/stft-options'
import {
  coefficientsCsv,
  coefficientsJson,
  coefficientsNpz,
  type CoefficientsFormat,
} from '@shared/io/coefficients'
import { summariesNpz } from '@shared/io/summaries-npz'
import { concatBytes } from '@shared/io/bytes'
import { listLabelledSummaries } from '../db/summaries-repo'
import { writeFileAtomically } from '../fs/atomic-write'
import { coefficientsExportOf } from './estimate-json'
import type { EstimateResult } from './estimation'
import type { Project } from './project'

/**
 * Writes every analysed, non-silent recording's summary at the project's settings to `path` as
 * `.npz` (src-shared/io/summaries-npz); returns how many recordings it holds.
 */
export async function exportSummariesNpz(project: Project, path: string): Promise<number> {
  const key = project.analysisKey()
  const recordings = listLabelledSummaries(project.db, key)
  if (recordings.length === 0) {
    throw new Error(
      `${project.path} has no analysed recording at nFft=${key.nFft} hop=${key.hopLength} ${key.sampleRate} Hz; run scw analyze first`,
    )
  }
  const parts = summariesNpz({
    sampleRate: key.sampleRate,
    nFft: key.nFft,
    hopLength: key.hopLength,
    frequencies: fftFrequencies({ sampleRate: key.sampleRate, nFft: key.nFft }),
    recordings,
  })
  await writeFileAtomically(path, concatBytes(parts))
  return recordings.length
}

/** The coefficients of `e` in `format`: text for JSON and CSV, bytes for .npz. */
export function coefficientsFile(
  e: EstimateResult,
  format: CoefficientsFormat,
): string | Uint8Array {
  const data = coefficientsExportOf(e)
  if (format === 'json') return coefficientsJson(data)
  if (format === 'csv') return coefficientsCsv(data)
  return concatBytes(coefficientsNpz(data))
}

/** The format a file name asks for by its extension, if it names one. */
export function coefficientsFormatOf(path: string): CoefficientsFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase()
  return ext === 'json' || ext === 'csv' || ext === 'npz' ? ext : undefined
}
