// Files the user can take away from the Correction view: coefficients and FIR filters.
import type { DownloadView } from '@shared/api/views'
import type { RequestOf } from '@shared/api/schemas'
import { encodeWav } from '../audio'
import type { EstimateResult } from '../services/estimation'
import { firFor } from '../services/fir'
import type { Project } from '../services/project'
import { toDb } from './views'

export function downloadOf(
  project: Project,
  e: EstimateResult,
  req: RequestOf<'estimate.download'>,
): DownloadView {
  const stem = `${project.path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')}-estimate-${e.id}`
  const devices = Object.values(e.devices)
  if (req.what === 'coefficients') {
    if (req.format === 'json') {
      const json = {
        estimateId: e.id,
        createdAt: e.createdAt,
        appVersion: e.appVersion,
        variant: e.variant,
        reference: e.reference,
        sampleRate: e.sampleRate,
        nFft: e.nFft,
        hop: e.hop,
        maxPerDevice: e.maxPerDevice,
        seed: e.seed,
        regularization: e.regularization,
        frequencies: Array.from(e.frequencies),
        coefficients: Object.fromEntries(
          devices.map((d) => [d.device, Array.from(d.coefficients)]),
        ),
        recordings: Object.fromEntries(devices.map((d) => [d.device, d.recordings])),
        missing: e.missing,
      }
      return {
        fileName: `${stem}.json`,
        mimeType: 'application/json',
        text: `${JSON.stringify(json)}\n`,
      }
    }
    const header = [
      'frequency_hz',
      ...devices.flatMap((d) => [`${d.device}_gain`, `${d.device}_db`]),
    ]
    const lines = [header.join(',')]
    e.frequencies.forEach((f, k) => {
      lines.push(
        [
          f,
          ...devices.flatMap((d) => [d.coefficients[k], toDb(d.coefficients[k]).toFixed(4)]),
        ].join(','),
      )
    })
    return { fileName: `${stem}.csv`, mimeType: 'text/csv', text: `${lines.join('\n')}\n` }
  }
  const rate = req.sampleRate ?? e.sampleRate
  const h = firFor(e, req.device, { taps: req.taps, sampleRate: rate })
  const name = `${stem}-fir-${req.device}-${req.taps}taps-${rate}Hz`
  if (req.format === 'sox') {
    return {
      fileName: `${name}.txt`,
      mimeType: 'text/plain',
      text: `${Array.from(h, (v) => v.toPrecision(9)).join('\n')}\n`,
    }
  }
  const bytes = encodeWav([Float32Array.from(h)], rate, 'float32').bytes
  return {
    fileName: `${name}.wav`,
    mimeType: 'audio/wav',
    base64: Buffer.from(bytes).toString('base64'),
  }
}
