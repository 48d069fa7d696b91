// The Devices view: per-device counts and mean spectra, and the device × group coverage.
import type { DevicesView } from '@shared/api/views'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { deviceSpectra } from '@shared/dsp/device-spectra'
import { deviceCoverage, deviceStats } from '../db/devices-repo'
import { loadSummaryRecords } from '../db/summaries-repo'
import { ratesPerDevice } from './analysis-rate'
import type { Project } from './project'
import { signalChecks } from './signal-checks'

/**
 * Counts and mean log spectrum (dB) per device, each recording entering only the bins its own rate
 * covers (and without silent frames when the project gates them), with the native rates of each
 * device's files, the signal checks, and the coverage of alignment groups.
 */
export function devicesOverview(project: Project): DevicesView {
  const key = project.analysisKey()
  const gated = project.settings().estimate.frameGating
  const records = loadSummaryRecords(project.db, key, { gated })
  const spectra = records.length ? deviceSpectra(records, { sampleRate: key.sampleRate }) : {}
  const f = fftFrequencies({ sampleRate: key.sampleRate, nFft: key.nFft })
  return {
    frequencies: Array.from(f),
    devices: deviceStats(project.db, key),
    spectraDb: Object.fromEntries(
      Object.values(spectra).map((s) => [s.device, Array.from(s.meanLogDb)]),
    ),
    coveredHz: Object.fromEntries(
      Object.values(spectra).map((s) => [s.device, f[s.coveredBins - 1]]),
    ),
    analysisSampleRate: key.sampleRate,
    rates: ratesPerDevice(project),
    signalChecks: signalChecks(project),
    coverage: deviceCoverage(project.db),
  }
}
