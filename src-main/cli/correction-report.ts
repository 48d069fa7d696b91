// The realised correction as the command line prints it: per device its valid band and the
// predicted distance to the reference before and after, and per sample rate the filter and its
// error against its target.
import type { DeviceCorrection, RateCorrection } from '@shared/model/correction'

const db = (x: number | null, digits = 2): string => (x === null ? '–' : x.toFixed(digits))
const hz = (x: number): string =>
  x >= 1000 ? `${+(x / 1000).toFixed(2)} kHz` : `${Math.round(x)} Hz`

/** What one rate's correction is, e.g. `FIR 2049 taps (relative-ls)`. */
export function describeRate(r: RateCorrection): string {
  if (r.kind === 'refused') return 'refused'
  if (r.kind === 'stft') return 'STFT gains'
  if (r.design === 'identity') return 'copied (identity)'
  return `FIR ${r.taps} taps (${r.design})`
}

/** Lines describing every device's correction. */
export function correctionLines(devices: readonly DeviceCorrection[]): string[] {
  const lines: string[] = []
  for (const d of devices) {
    const band = d.bandHz ? `${hz(d.bandHz[0])}–${hz(d.bandHz[1])}` : 'no shared band'
    const limits = d.bandLimits ? ` (edges: ${d.bandLimits.join(', ')})` : ''
    const change = d.reference
      ? 'the reference'
      : `distance to the reference ${db(d.beforeDb)} → ${db(d.afterDb)} dB (predicted)`
    lines.push(`${d.device}: ${change}, over ${band}${limits}`)
    for (const r of d.rates) {
      const error =
        r.errorRmsDb === null
          ? ''
          : `, error against its target ${db(r.errorRmsDb)} dB RMS, max ${db(r.errorMaxDb, 1)} dB${r.errorMaxAtHz === null ? '' : ` at ${hz(r.errorMaxAtHz)}`}`
      lines.push(`  ${r.sampleRate} Hz, ${r.files} files: ${describeRate(r)}${error}`)
      for (const why of r.reasons) lines.push(`    ${why}`)
    }
  }
  return lines
}
