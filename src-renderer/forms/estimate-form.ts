// The Correction view's settings form and the estimate request it stands for. Number fields are
// kept as typed text, so a half-typed value is shown as an error instead of being lost.
import type { RequestOf } from '@shared/api/schemas'
import type { EstimatorVariant } from '@shared/dsp/estimate'

/** How an estimate is made (towards the project's reference, which is not part of it). */
export type ComputeRequest = RequestOf<'estimate.compute'>

export interface EstimateForm {
  variant: EstimatorVariant
  subset: 'all' | 'some'
  maxPerDevice: string
  seed: string
  /** Fractional-octave smoothing width in octaves; '' or 0: none. */
  smoothingOctaves: string
  /** '' : unlimited. */
  maxBoostDb: string
  maxCutDb: string
  /** Hold band edges in Hz; both '' : no hold. */
  bandLowHz: string
  bandHighHz: string
  /** Leave digitally silent frames out of the means. */
  frameGating: boolean
}

export type EstimateFormField = keyof EstimateForm

export const VARIANTS: readonly { variant: EstimatorVariant; title: string; needs: string }[] = [
  {
    variant: 'unaligned',
    title: 'Unaligned',
    needs:
      'Needs only a device label per recording; devices may record different sounds of a similar mix (eq. 9).',
  },
  {
    variant: 'aligned',
    title: 'Aligned',
    needs:
      'Needs alignment groups: the same sound recorded by the device and the reference (eq. 8).',
  },
  {
    variant: 'dcase2019',
    title: 'DCASE 2019',
    needs:
      'Needs alignment groups like aligned; per group the ratio of mean magnitudes, then their mean (the 2019 submission).',
  },
]

/** The number fields, for telling a typed value from a choice. */
export const NUMBER_FIELDS: readonly EstimateFormField[] = [
  'maxPerDevice',
  'seed',
  'smoothingOctaves',
  'maxBoostDb',
  'maxCutDb',
  'bandLowHz',
  'bandHighHz',
]

const text = (n: number | null | undefined): string =>
  n === undefined || n === null ? '' : String(n)

/** The form showing `request` (fields it leaves out take their defaults). */
export function formOf(request: ComputeRequest): EstimateForm {
  const r = request.regularization ?? {}
  return {
    variant: request.variant ?? 'unaligned',
    subset: request.maxPerDevice ? 'some' : 'all',
    maxPerDevice: text(request.maxPerDevice ?? 20),
    seed: text(request.seed ?? 0),
    smoothingOctaves: text(r.smoothingOctaves || undefined),
    maxBoostDb: text(r.maxBoostDb),
    maxCutDb: text(r.maxCutDb),
    bandLowHz: text(r.bandHz?.[0]),
    bandHighHz: text(r.bandHz?.[1]),
    frameGating: request.frameGating ?? false,
  }
}

export interface ParsedForm {
  /** The request, when every field is valid. */
  request: ComputeRequest | null
  /** Messages per field that is not. */
  errors: Partial<Record<EstimateFormField, string>>
}

const WHOLE_1 = 'is not a whole number ≥ 1'

/** Parses and checks the form (the limits of the contract's estimate.compute schema). */
export function parseForm(form: EstimateForm): ParsedForm {
  const errors: ParsedForm['errors'] = {}
  const num = (
    field: EstimateFormField,
    label: string,
    check: (n: number) => boolean,
    rule: string,
  ): number | undefined => {
    const t = String(form[field]).trim()
    if (t === '') return undefined
    const n = Number(t)
    if (!Number.isFinite(n) || !check(n)) {
      errors[field] = `${label}: ${t} ${rule}`
      return undefined
    }
    return n
  }
  const int = Number.isInteger
  let maxPerDevice: number | undefined
  if (form.subset === 'some') {
    maxPerDevice = num('maxPerDevice', 'Recordings per device', (n) => int(n) && n >= 1, WHOLE_1)
    if (form.maxPerDevice.trim() === '')
      errors.maxPerDevice = 'Recordings per device: give a number, or choose all'
  }
  const seed = num(
    'seed',
    'Seed',
    (n) => int(n) && n >= 0 && n <= 2 ** 31,
    'is not a whole number ≥ 0',
  )
  const smoothingOctaves = num(
    'smoothingOctaves',
    'Smoothing',
    (n) => n >= 0 && n <= 4,
    'is not 0–4 octaves',
  )
  const maxBoostDb = num('maxBoostDb', 'Max boost', (n) => n >= 0 && n <= 200, 'is not 0–200 dB')
  const maxCutDb = num('maxCutDb', 'Max cut', (n) => n >= 0 && n <= 200, 'is not 0–200 dB')
  const low = num('bandLowHz', 'Hold band low edge', (n) => n >= 0, 'is not ≥ 0 Hz')
  const high = num('bandHighHz', 'Hold band high edge', (n) => n > 0, 'is not > 0 Hz')
  let bandHz: [number, number] | undefined
  if ((low === undefined) !== (high === undefined) && !errors.bandLowHz && !errors.bandHighHz) {
    errors[low === undefined ? 'bandLowHz' : 'bandHighHz'] =
      'Hold band: give both edges, or neither'
  } else if (low !== undefined && high !== undefined) {
    if (high <= low) errors.bandHighHz = `Hold band: ${high} Hz must be above ${low} Hz`
    else bandHz = [low, high]
  }
  if (Object.keys(errors).length) return { request: null, errors }
  return {
    request: {
      variant: form.variant,
      maxPerDevice: form.subset === 'some' ? maxPerDevice! : null,
      seed: seed ?? 0,
      // Always sent whole, so clearing a field clears it in the project too.
      regularization: {
        ...(smoothingOctaves ? { smoothingOctaves } : {}),
        ...(maxBoostDb !== undefined ? { maxBoostDb } : {}),
        ...(maxCutDb !== undefined ? { maxCutDb } : {}),
        ...(bandHz ? { bandHz } : {}),
      },
      frameGating: form.frameGating,
    },
    errors,
  }
}

/** The fields whose values differ between two forms. */
export function changedFields(a: EstimateForm, b: EstimateForm): EstimateFormField[] {
  return (Object.keys(a) as EstimateFormField[]).filter((k) => a[k] !== b[k])
}
