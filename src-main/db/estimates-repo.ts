import type { Database } from 'better-sqlite3'
import type { DeviceEstimate, EstimatorVariant } from '@shared/dsp/estimate'
import type { Regularization } from '@shared/dsp/regularize'
import { fromF64Blob, fromI32Blob, toF64Blob, toI32Blob } from './blobs'

/** An estimate as stored: coefficients with full provenance (DESIGN.md, Storage). */
export interface StoredEstimate {
  id: number
  createdAt: string
  appVersion: string
  fingerprint: string
  variant: EstimatorVariant
  reference: string
  nFft: number
  hopLength: number
  sampleRate: number
  maxPerDevice: number | null
  seed: number
  regularization: Regularization
  /** Digitally silent frames were left out of the means. */
  frameGating: boolean
  /** Every recording offered to the estimator. */
  recordingIds: Int32Array
  devices: Record<string, DeviceEstimate>
  missing: { device: string; reason: string }[]
}

interface Row {
  id: number
  created_at: string
  app_version: string
  fingerprint: string
  variant: EstimatorVariant
  reference: string
  n_fft: number
  hop_length: number
  sample_rate: number
  max_per_device: number | null
  seed: number
  regularization: string
  frame_gating: number
  recording_ids: Buffer
  missing: string
}

export function insertEstimate(db: Database, e: Omit<StoredEstimate, 'id'>): number {
  return db
    .transaction(() => {
      const id = Number(
        db
          .prepare(
            `INSERT INTO estimates (created_at, app_version, fingerprint, variant, reference, n_fft, hop_length,
             sample_rate, max_per_device, seed, regularization, recording_ids, missing, frame_gating)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            e.createdAt,
            e.appVersion,
            e.fingerprint,
            e.variant,
            e.reference,
            e.nFft,
            e.hopLength,
            e.sampleRate,
            e.maxPerDevice,
            e.seed,
            JSON.stringify(e.regularization),
            toI32Blob(e.recordingIds),
            JSON.stringify(e.missing),
            e.frameGating ? 1 : 0,
          ).lastInsertRowid,
      )
      const dev = db.prepare(
        `INSERT INTO estimate_devices (estimate_id, device, coefficients, recordings, segments, unequal_frame_pairs)
       VALUES (?, ?, ?, ?, ?, ?)`,
      )
      for (const d of Object.values(e.devices)) {
        dev.run(
          id,
          d.device,
          toF64Blob(d.coefficients),
          d.recordings,
          d.segments,
          d.unequalFramePairs,
        )
      }
      return id
    })
    .immediate()
}

function load(db: Database, row: Row | undefined): StoredEstimate | undefined {
  if (!row) return undefined
  const devs = db
    .prepare('SELECT * FROM estimate_devices WHERE estimate_id = ? ORDER BY device')
    .all(row.id) as {
    device: string
    coefficients: Buffer
    recordings: number
    segments: number
    unequal_frame_pairs: number
  }[]
  return {
    id: row.id,
    createdAt: row.created_at,
    appVersion: row.app_version,
    fingerprint: row.fingerprint,
    variant: row.variant,
    reference: row.reference,
    nFft: row.n_fft,
    hopLength: row.hop_length,
    sampleRate: row.sample_rate,
    maxPerDevice: row.max_per_device,
    seed: row.seed,
    regularization: JSON.parse(row.regularization) as Regularization,
    frameGating: row.frame_gating === 1,
    recordingIds: fromI32Blob(row.recording_ids),
    missing: JSON.parse(row.missing) as StoredEstimate['missing'],
    devices: Object.fromEntries(
      devs.map((d) => [
        d.device,
        {
          device: d.device,
          coefficients: fromF64Blob(d.coefficients),
          recordings: d.recordings,
          segments: d.segments,
          unequalFramePairs: d.unequal_frame_pairs,
        },
      ]),
    ),
  }
}

export function getEstimate(db: Database, id: number): StoredEstimate | undefined {
  return load(db, db.prepare('SELECT * FROM estimates WHERE id = ?').get(id) as Row | undefined)
}

export function findEstimateByFingerprint(
  db: Database,
  fingerprint: string,
): StoredEstimate | undefined {
  return load(
    db,
    db.prepare('SELECT * FROM estimates WHERE fingerprint = ?').get(fingerprint) as Row | undefined,
  )
}
