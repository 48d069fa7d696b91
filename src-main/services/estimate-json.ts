// The one JSON form of an estimate (src-shared/io/coefficients): `scw estimate --json`, the
// Correction view's coefficients download, and the `estimate` of an export's scw-export.json.
import type { EstimateProvenance } from '@shared/api/views'
import {
  coefficientsRecord,
  type CoefficientsExport,
  type CoefficientsRecord,
} from '@shared/io/coefficients'
import type { EstimateResult } from './estimation'

export type EstimateJson = CoefficientsRecord

/** How an estimate was made: what both its JSON and the Correction view's view of it show. */
export function estimateProvenance(e: EstimateResult): EstimateProvenance {
  return {
    createdAt: e.createdAt,
    variant: e.variant,
    reference: e.reference,
    sampleRate: e.sampleRate,
    nFft: e.nFft,
    hopLength: e.hopLength,
    maxPerDevice: e.maxPerDevice,
    seed: e.seed,
    frameGating: e.frameGating,
  }
}

/** What the coefficients' files are written from. */
export function coefficientsExportOf(e: EstimateResult): CoefficientsExport {
  return {
    id: e.id,
    appVersion: e.appVersion,
    ...estimateProvenance(e),
    regularization: e.regularization,
    recordingsOffered: e.recordingIds.length,
    frequencies: e.frequencies,
    devices: e.devices,
    missing: e.missing,
  }
}

export function estimateJson(e: EstimateResult): EstimateJson {
  return coefficientsRecord(coefficientsExportOf(e))
}
