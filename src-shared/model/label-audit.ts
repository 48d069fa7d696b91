// What the label audit lists (`scw audit`, the Devices view's Audit panel): recordings whose
// spectrum fits another device clearly better than their own, exact duplicates, and anomalies.

/** A recording as the audit names it: its id, absolute path and label. */
export interface AuditedRecording {
  id: number
  /** Absolute path of the file ('/' separators inside the source). */
  path: string
  device: string
}

/** A recording whose label is clearly not the best match. */
export interface AuditSuspect extends AuditedRecording {
  /** The device whose signature fits it best. */
  bestMatch: string
  /** How much better the best match fits than its own device, dB RMS (level removed). */
  score: number
  /** `aligned`: log ratios within its alignment group; `device-mean`: leave-one-out medians. */
  method: 'aligned' | 'device-mean'
  /**
   * A recording of the suspected device to listen to beside it: of the same alignment group if
   * there is one, else the first by path.
   */
  compareWith: AuditedRecording | null
}

/** Recordings with the same content hash: a copying error across devices, or within one. */
export interface AuditDuplicate {
  kind: 'across-devices' | 'within-device'
  recordings: AuditedRecording[]
}

export const ANOMALY_KINDS = [
  'silent',
  'clipped',
  'sample-rate',
  'channels',
  'device-twice-in-group',
] as const
export type AnomalyKind = (typeof ANOMALY_KINDS)[number]

/** Something odd about one recording, or (device twice in a group) about several. */
export interface AuditAnomaly {
  kind: AnomalyKind
  recordings: AuditedRecording[]
  /** What is odd, in words with the numbers (e.g. "16000 Hz; the device's others: 48000 Hz"). */
  detail: string
}

export interface LabelAuditReport {
  suspects: AuditSuspect[]
  duplicates: AuditDuplicate[]
  anomalies: AuditAnomaly[]
  /** Labelled readable recordings looked at, and how many had a usable summary to fit. */
  recordings: number
  fitted: number
}

/** True when the audit lists anything (`scw audit` then exits 3). */
export const auditFindsAnything = (r: LabelAuditReport): boolean =>
  r.suspects.length + r.duplicates.length + r.anomalies.length > 0
