import type { LabelFields, LabelRule } from '../labels'
import type { FileWarning } from './warning'

/** Indexing state of a file: readable, unreadable (with the reason), or gone since the last scan. */
export type RecordingStatus = 'ok' | 'error' | 'missing'

/** Analysis state at the project's current STFT settings. */
export type AnalysisStatus = 'pending' | 'done' | 'silent' | 'failed'

/** One indexed audio file with its header facts and labels. */
export interface Recording extends LabelFields {
  id: number
  sourceId: number
  /** Path relative to its source root, '/' separators. */
  relativePath: string
  status: RecordingStatus
  /** Why the file cannot be read (status 'error'), or why analysis failed. */
  error: string | null
  container: string | null
  sampleFormat: string | null
  /** Hz */
  sampleRate: number | null
  channels: number | null
  /** Sample frames per channel. */
  frames: number | null
  durationSec: number | null
  /** True when a label was set by hand and survives re-applying the source's rule. */
  manualLabels: boolean
  analysis: AnalysisStatus
  /** Largest |sample| over all channels, full scale 1. */
  peak: number | null
  /** Samples at full scale (|x| >= 1 − 2^−15), over all channels. */
  clippedSamples: number | null
  /** What reading the file worked around: its header probe's warnings, then its analysis's. */
  warnings: FileWarning[]
}

/** A dataset folder added to a project. */
export interface Source {
  id: number
  /** Absolute folder path, links resolved. */
  root: string
  labelRule: LabelRule
  addedAt: string
  scannedAt: string | null
  recordings: number
}
