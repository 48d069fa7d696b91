// The Export view's form, its checks, and the export.start request it stands for.
import type { RequestOf } from '@shared/api/schemas'
import { parseOptionalTaps } from './fir-form'

export type ExportRequest = RequestOf<'export.start'>
export type ExportFormat = ExportRequest['format']

export interface ExportForm {
  outDir: string
  /** 'auto': the correction policy's choice (a FIR that meets it, else the STFT path). */
  method: 'auto' | 'fir' | 'stft'
  /** Typed text (FIR only); '' : the policy's length. */
  taps: string
  /** The paper's exact FIR (firls on the raw coefficients). */
  paperExact: boolean
  format: ExportFormat
  deviceMode: 'all' | 'some'
  /** The chosen devices when deviceMode is 'some'. */
  devices: string[]
  gainMode: 'auto' | 'db'
  gainDb: string
}

export type ExportFormField = keyof ExportForm

export const FORMATS: readonly { format: ExportFormat; title: string }[] = [
  { format: 'same', title: 'Same as each input' },
  { format: 'pcm16', title: 'PCM 16-bit' },
  { format: 'pcm24', title: 'PCM 24-bit' },
  { format: 'pcm32', title: 'PCM 32-bit' },
  { format: 'float32', title: 'Float 32-bit (never clips)' },
]

export function defaultExportForm(outDir = ''): ExportForm {
  return {
    outDir,
    method: 'auto',
    taps: '',
    paperExact: false,
    format: 'same',
    deviceMode: 'all',
    devices: [],
    gainMode: 'db',
    gainDb: '0',
  }
}

/** True for an absolute POSIX or Windows path. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)
}

export interface ParsedExportForm {
  request: ExportRequest | null
  errors: Partial<Record<ExportFormField, string>>
}

/** Checks the form against the contract's limits; `available`: devices with coefficients. */
export function parseExportForm(form: ExportForm, available: readonly string[]): ParsedExportForm {
  const errors: ParsedExportForm['errors'] = {}
  const outDir = form.outDir.trim()
  if (outDir === '') errors.outDir = 'Give the output folder'
  else if (!isAbsolutePath(outDir)) errors.outDir = `${outDir} is not an absolute path`
  let taps: number | undefined
  if (form.method !== 'stft') {
    const t = parseOptionalTaps(form.taps)
    if ('error' in t) errors.taps = t.error
    else taps = t.taps
  }
  let gain: ExportRequest['gain'] = 'auto'
  if (form.gainMode === 'db') {
    const text = form.gainDb.trim()
    const n = Number(text)
    if (text === '' || !Number.isFinite(n) || n < -120 || n > 40)
      errors.gainDb = `Gain: ${text || 'nothing'} is not a number of dB from −120 to 40`
    else gain = n
  }
  let devices: string[] | undefined
  if (form.deviceMode === 'some') {
    devices = form.devices.filter((d) => available.includes(d)).sort()
    if (devices.length === 0) errors.devices = 'Choose at least one device'
  }
  if (Object.keys(errors).length) return { request: null, errors }
  return {
    request: {
      outDir,
      ...(form.method !== 'auto' ? { method: form.method } : {}),
      ...(taps !== undefined ? { taps } : {}),
      ...(form.paperExact && form.method !== 'stft' ? { paperExact: true } : {}),
      format: form.format,
      ...(devices ? { devices } : {}),
      gain,
    },
    errors,
  }
}
