// What main sends the renderer: plain JSON shapes (arrays of numbers, no typed arrays).
import type { EstimatorVariant } from '../dsp/estimate'
import type { LabelPreviewRow, LabelRule } from '../labels'
import type { JobProgress } from '../model/job'
import type { DeviceCorrection, RateCorrection } from '../model/correction'
import type { ProjectSettings } from '../model/project'
import type { DeviceSignalChecks } from '../model/signal-checks'
import type { AnalysisStatus, RecordingStatus } from '../model/recording'
import type { FileWarning } from '../model/warning'

export interface AppInfo {
  name: string
  version: string
  transport: 'electron' | 'browser'
  /** True where the app can show native file dialogs and reveal folders (Electron). */
  nativeDialogs: boolean
  recent: string[]
  /** Folder of the demo project (created on first open). */
  demoDir: string
}

/**
 * One folder as the folder browser shows it: subfolders with how many audio files each holds
 * directly, nothing else (no file names). Only the user's home folder and the folders the user
 * has named (sources, recent projects, the demo) and what lies inside them can be listed.
 */
export interface FolderListing {
  /** The folder listed, resolved through its links. */
  path: string
  /** Its parent where that may be listed too, else null. */
  parent: string | null
  /** Audio files directly inside. */
  audioFiles: number
  /** Subfolders, sorted by name; `audioFiles` null where the folder cannot be read. */
  folders: { name: string; path: string; audioFiles: number | null }[]
  /** More subfolders than listed (the first ones by name are). */
  truncated: boolean
  /** Where browsing may start: the home folder and the folders the user named. */
  roots: string[]
}

export interface SourceView {
  id: number
  root: string
  labelRule: LabelRule
  labelRuleText: string
  addedAt: string
  scannedAt: string | null
  recordings: number
}

export interface ProjectCounts {
  recordings: number
  devices: number
  analysed: number
  silent: number
  failed: number
  pending: number
  unreadable: number
  missing: number
  seconds: number
}

export interface ProjectView {
  path: string
  name: string
  settings: ProjectSettings
  sources: SourceView[]
  counts: ProjectCounts
  devices: string[]
  /**
   * Changes whenever a source, recording or summary changes, or the analysis setting: while it
   * stays the same, the recordings table (`recordings.table`) and the counts stay the same.
   */
  recordingsRevision: string
}

/** One row of the recordings table. */
export interface RecordingRow {
  id: number
  sourceId: number
  path: string
  device: string | null
  scene: string | null
  group: string | null
  status: RecordingStatus
  analysis: AnalysisStatus
  error: string | null
  durationSec: number | null
  sampleRate: number | null
  channels: number | null
  format: string | null
  manualLabels: boolean
  clippedSamples: number | null
  /** What reading the file worked around (header probe, then analysis); empty when nothing. */
  warnings: FileWarning[]
}

export interface RecordingDetail {
  recording: RecordingRow
  /** Recordings of the same alignment group by other devices. */
  siblings: { id: number; device: string | null }[]
  /** True when a corrected preview can be made (an estimate with this device). */
  correctable: boolean
  /** Mean log spectrum of the recording in dB (per bin), when analysed. */
  spectrumDb: number[] | null
  frequencies: number[]
}

/** Per device label: readable recordings, their seconds, and how many are analysed or left out. */
export interface DeviceStats {
  device: string
  recordings: number
  seconds: number
  analysed: number
  excluded: number
}

export interface DevicesView {
  frequencies: number[]
  devices: DeviceStats[]
  /**
   * Per device: mean over its analysed recordings of mean_t 20·log10|S| (dB), each recording
   * counting only at the bins its own rate covers; above `coveredHz` the value is held.
   */
  spectraDb: Record<string, number[]>
  /** Per device, the highest frequency (Hz) its recordings cover at the analysis rate. */
  coveredHz: Record<string, number>
  analysisSampleRate: number
  /** Per device, its readable files per native sample rate (Hz), ascending. */
  rates: Record<string, { sampleRate: number; recordings: number; seconds: number }[]>
  /** Recordings with substantial digital silence, clipping or DC, per device. */
  signalChecks: DeviceSignalChecks[]
  coverage: CoverageView
}

/** Which devices recorded which alignment groups (the input of the aligned estimators). */
export interface CoverageView {
  groups: number
  /** Groups holding both devices, for every pair (the diagonal: groups holding the device). */
  pairs: Record<string, Record<string, number>>
  /** The first groups (sorted) with the devices that recorded each, for the matrix view. */
  sample: { group: string; devices: string[] }[]
}

/** How an estimate was made. */
export interface EstimateProvenance {
  createdAt: string
  variant: EstimatorVariant
  reference: string
  sampleRate: number
  nFft: number
  hopLength: number
  maxPerDevice: number | null
  seed: number
  /** Digitally silent frames were left out of the means. */
  frameGating: boolean
}

export interface EstimateView extends EstimateProvenance {
  id: number
  frequencies: number[]
  devices: Record<string, { coefficientsDb: number[]; recordings: number; segments: number }>
  missing: { device: string; reason: string }[]
  /** Bins where a gain exceeds ±20 dB, summarised per device (band of frequencies). */
  warnings: { device: string; fromHz: number; toHz: number; maxDb: number }[]
  /**
   * Per device, where it and the reference both carry signal (Hz) and what limits each edge;
   * outside it export tapers a boost to 0 dB and holds a cut (`appliedDb`, what export applies).
   */
  validBands: Record<
    string,
    { bandHz: [number, number] | null; limits: [string, string] | null; appliedDb: number[] }
  >
  /** Share of each device's frames that are digitally silent, and what gating changes (dB). */
  gating: { device: string; silentFrameShare: number; maxChangeDb: number }[]
}

export interface BandsView {
  frequencies: number[]
  level: number
  iterations: number
  devices: Record<string, { lowerDb: number[]; upperDb: number[] }>
}

export interface FirResponseView {
  device: string
  taps: number
  sampleRate: number
  /** The native rates of the device's files (Hz): the FIR defaults to the most common. */
  deviceRates: number[]
  /** What export applies to these files by default: this FIR, the STFT path, or nothing. */
  policy: 'fir' | 'stft' | 'refused'
  frequencies: number[]
  /** The FIR's target: the applied curve (the coefficients, tapered or held outside the band). */
  targetDb: number[]
  /** The estimate's raw coefficients at this rate. */
  coefficientsDb: number[]
  realisedDb: number[]
  /** The FIR as export reports it: design, band, error against the target, distances. */
  correction: RateCorrection
}

/** A file to hand to the user: text or base64 bytes. */
export interface DownloadView {
  fileName: string
  mimeType: string
  text?: string
  base64?: string
}

export interface JobView {
  id: number
  kind: 'scan' | 'analyze' | 'export'
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted'
  createdAt: string
  progress: JobProgress | null
  /** The final report (scan, analysis or export summary). */
  report: unknown
  error: string | null
}

export interface EvaluationView {
  /** The band the RMS distances are measured over, Hz (each device's is cut at its coverage). */
  bandHz: [number, number]
  reference: string
  estimateId: number
  frequencies: number[]
  /** The correction scored: as export would apply it with these choices (null: the policy's). */
  method: 'fir' | 'stft' | null
  taps: number | null
  paperExact: boolean
  /** The held-out split: alignment groups (and ungrouped recordings) in halves, seeded. */
  split: {
    seed: number
    trainUnits: number
    testUnits: number
    trainGroups: number
    testGroups: number
  }
  devices: {
    device: string
    bandHz: [number, number] | null
    /**
     * RMS over the band of (device mean spectrum − reference mean spectrum) on the test half, in
     * dB, before and after the correction planned on the training half as export realises it.
     */
    rmsDbBefore: number | null
    rmsDbAfter: number | null
    trainRecordings: number
    testRecordings: number
    /** The correction planned on the training half (band, filters, their errors). */
    correction: DeviceCorrection | null
    spectrumDbBefore: number[]
    spectrumDbAfter: number[]
    /** Why the device has no figure, when it has none. */
    note: string | null
  }[]
  classifier: {
    /**
     * Nearest centroid on standardised log-mel summaries: the alignment groups split in halves,
     * the correction re-estimated and the centroids learned on one, the other classified.
     */
    accuracyBefore: number
    accuracyAfter: number
    /** Accuracy of always guessing the device with the most test recordings. */
    chance: number
    devices: string[]
    /** confusion[true][predicted] counts. */
    confusionBefore: number[][]
    confusionAfter: number[][]
    trained: number
    tested: number
    /** Test recordings per device, in `devices` order. */
    testedPerDevice: number[]
  }
  /** Why the figures may not mean much (test sets too small), in words. */
  warnings: string[]
}

export type { LabelPreviewRow }
