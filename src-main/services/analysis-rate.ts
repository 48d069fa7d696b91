// The analysis rate: by default the corpus's own, the most common native rate among the indexed
// recordings, so a 48 kHz corpus is analysed (and its coefficients reach) up to 24 kHz; the user
// may choose another, and may go back to the corpus's.
import { deviceRateCounts, rateCounts } from '../db/recordings-repo'
import type { Project } from './project'

/** The most common native rate of the readable recordings (ties: the higher), or null. */
export function corpusRate(project: Project): number | null {
  return rateCounts(project.db)[0]?.sampleRate ?? null
}

/**
 * Stores the corpus's rate after a scan. When the user has not chosen a rate and it changed, the
 * analysis rate changes with it: the current estimate is dropped (its summaries no longer apply)
 * and true is returned.
 */
export function refreshCorpusRate(project: Project): boolean {
  const s = project.settings()
  const rate = corpusRate(project)
  if (rate === s.corpusSampleRate) return false
  const before = s.analysisSampleRate
  const after = project.updateSettings({ corpusSampleRate: rate }).analysisSampleRate
  if (after === before) return false
  project.updateSettings({ currentEstimateId: null })
  return true
}

/**
 * Sets the analysis rate (Hz), or with null follows the corpus's rate again. Returns true when
 * the rate in effect changed (the current estimate is then dropped).
 */
export function setAnalysisRate(project: Project, rate: number | null): boolean {
  const before = project.settings().analysisSampleRate
  if (rate !== null && !(Number.isInteger(rate) && rate >= 1000)) {
    throw new Error(`analysis sample rate ${rate}: must be a whole number of Hz >= 1000`)
  }
  const after =
    rate === null
      ? project.resetSettings(['analysisSampleRate']).analysisSampleRate
      : project.updateSettings({ analysisSampleRate: rate }).analysisSampleRate
  if (after === before) return false
  project.updateSettings({ currentEstimateId: null })
  return true
}

/** A device's readable files at one native rate (Hz). */
export interface DeviceRate {
  sampleRate: number
  recordings: number
  seconds: number
}

/** Per device, its readable files per native sample rate, ascending. */
export function ratesPerDevice(project: Project): Record<string, DeviceRate[]> {
  const rates: Record<string, DeviceRate[]> = {}
  for (const r of deviceRateCounts(project.db)) {
    ;(rates[r.device] ??= []).push({
      sampleRate: r.sampleRate,
      recordings: r.count,
      seconds: r.seconds,
    })
  }
  return rates
}

/**
 * Warnings for the command line: devices whose files mix sample rates (above the lowest rate's
 * covered band, 0.9 × its Nyquist frequency, the device's curve rests on its other files only),
 * and devices whose files all lie below the analysis rate (their curve is held flat above).
 */
export function sampleRateLines(
  rates: Record<string, readonly DeviceRate[]>,
  analysisRate: number,
): string[] {
  const khz = (hz: number): string => `${+(hz / 1000).toFixed(2)} kHz`
  const lines: string[] = []
  for (const [device, list] of Object.entries(rates).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const low = list[0]
    const top = list[list.length - 1]
    if (list.length > 1) {
      const counts = list.map((r) => `${r.recordings} at ${khz(r.sampleRate)}`).join(', ')
      lines.push(
        `${device}: mixed sample rates (${counts}); above ${khz(0.45 * low.sampleRate)} its curve rests on its ${khz(top.sampleRate)} files only`,
      )
    } else if (low.sampleRate < analysisRate) {
      lines.push(
        `${device}: its files are at ${khz(low.sampleRate)}, below the analysis rate ${khz(analysisRate)}; above ${khz(0.45 * low.sampleRate)} its curve is held flat`,
      )
    }
  }
  return lines
}
