// The analysis rate: by default the corpus's own, the most common native rate among the indexed
// recordings, so a 48 kHz corpus is analysed (and its coefficients reach) up to 24 kHz; the user
// may choose another, and may go back to the corpus's.
import { rateCounts } from '../db/recordings-repo'
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
