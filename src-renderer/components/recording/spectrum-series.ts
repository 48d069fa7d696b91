// The recording's mean spectrum against its device's and the reference's, and the recording as
// the current estimate corrects it: the lines come from src-shared/figures (the same as the saved
// figure's), here turned into use-plot's series.
import { recordingSpectrumLines, type RecordingSpectrumData } from '@shared/figures/spectra'
import type { PlotData } from '../../composables/use-plot'
import { deviceColor } from '../../device-colors'

export { interpolateAt } from '@shared/figures/series'

export type SpectrumInput = RecordingSpectrumData

/** The plot's series; curves whose data is missing or on other bins are left out. */
export function comparisonPlot(input: SpectrumInput): PlotData {
  const lines = recordingSpectrumLines(input, deviceColor)
  return {
    frequencies: input.frequencies,
    series: lines.map((l) => ({
      name: l.name,
      values: l.values,
      color: l.color,
      width: l.width,
      ...(l.dashed ? { dash: [5, 4] } : {}),
    })),
  }
}
