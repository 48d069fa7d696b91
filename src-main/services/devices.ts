// The Devices view: per-device counts and mean spectra, and the device × group coverage.
import type { CoverageView, DevicesView } from '@shared/api/views'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { deviceSpectra } from '@shared/dsp/device-spectra'
import { deviceStats, groupDevices } from '../db/devices-repo'
import { loadSummaryRecords } from '../db/summaries-repo'
import { ratesPerDevice } from './analysis-rate'
import type { Project } from './project'
import { signalChecks } from './signal-checks'

/** Groups listed one by one in the coverage matrix. */
const SAMPLE_GROUPS = 60

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
    coverage: coverageOf(project),
  }
}

function coverageOf(project: Project): CoverageView {
  const rows = groupDevices(project.db)
  const groups = new Map<string, Set<string>>()
  for (const r of rows) {
    let set = groups.get(r.group)
    if (!set) groups.set(r.group, (set = new Set()))
    set.add(r.device)
  }
  const devices = [...new Set(rows.map((r) => r.device))].sort()
  const pairs: Record<string, Record<string, number>> = {}
  for (const a of devices) pairs[a] = Object.fromEntries(devices.map((b) => [b, 0]))
  for (const set of groups.values()) {
    for (const a of set) for (const b of set) pairs[a][b]++
  }
  return {
    groups: groups.size,
    pairs,
    sample: [...groups]
      .slice(0, SAMPLE_GROUPS)
      .map(([group, set]) => ({ group, devices: [...set].sort() })),
  }
}
