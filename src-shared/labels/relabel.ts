import { normalizeLabel } from './normalize'
import type { LabelFields } from './types'

/** The fields with the patch's defined values applied (trimmed, empty values null). */
export function relabel(fields: LabelFields, patch: Partial<LabelFields>): LabelFields {
  const out = { ...fields }
  for (const key of ['device', 'scene', 'group'] as const) {
    if (patch[key] !== undefined) out[key] = normalizeLabel(patch[key])
  }
  return out
}
