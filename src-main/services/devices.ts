// The Devices view: per-device counts and mean spectra, and the device × group coverage, all
// read from the summaries' aggregates (summed once per change of the recordings).
import type { DevicesView } from '@shared/api/views'
import { meanLogByDevice } from '@shared/dsp/aggregates'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { DB_PER_NEPER } from '@shared/dsp/units'
import { summaryAggregates } from './aggregates'
import type { Project } from './project'

/** Counts and mean log spectrum (dB) per device, with the coverage of alignment groups. */
export function devicesOverview(project: Project): DevicesView {
  const key = project.analysisKey()
  const { aggregates, devicesView } = summaryAggregates(project)
  const means = meanLogByDevice(aggregates)
  return {
    frequencies: Array.from(fftFrequencies({ sampleRate: key.sampleRate, nFft: key.nFft })),
    devices: devicesView.devices,
    spectraDb: Object.fromEntries(
      [...means].map(([d, mean]) => [d, Array.from(mean, (v) => v * DB_PER_NEPER)]),
    ),
    coverage: devicesView.coverage,
  }
}
