// The Devices view: per-device counts and mean spectra, and the device × group coverage.
import type { CoverageView, DevicesView } from '@shared/api/views'
import { meanLogByDevice } from '@shared/dsp/aggregates'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { DB_PER_NEPER } from '@shared/dsp/units'
import { deviceStats, groupDevices } from '../db/devices-repo'
import { summaryAggregates } from './aggregates'
import type { Project } from './project'

/** Groups listed one by one in the coverage matrix. */
const SAMPLE_GROUPS = 60

/** Counts and mean log spectrum (dB) per device, with the coverage of alignment groups. */
export function devicesOverview(project: Project): DevicesView {
  const key = project.analysisKey()
  const means = meanLogByDevice(summaryAggregates(project).aggregates)
  return {
    frequencies: Array.from(fftFrequencies({ sampleRate: key.sampleRate, nFft: key.nFft })),
    devices: deviceStats(project.db, key),
    spectraDb: Object.fromEntries(
      [...means].map(([d, mean]) => [d, Array.from(mean, (v) => v * DB_PER_NEPER)]),
    ),
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
