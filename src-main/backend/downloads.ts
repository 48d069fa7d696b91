// Files the user can take away from the Correction view: coefficients and FIR filters.
import type { DownloadView } from '@shared/api/views'
import type { RequestOf } from '@shared/api/schemas'
import { amplitudeToDb } from '@shared/dsp/units'
import { estimateJson } from '../services/estimate-json'
import type { EstimateResult } from '../services/estimation'
import { deviceRate, firFor } from '../services/fir'
import { firFile } from '../services/fir-files'
import type { Project } from '../services/project'

export function downloadOf(
  project: Project,
  e: EstimateResult,
  req: RequestOf<'estimate.download'>,
): DownloadView {
  const stem = `${project.path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')}-estimate-${e.id}`
  if (req.what === 'coefficients') {
    if (req.format === 'json') {
      return {
        fileName: `${stem}.json`,
        mimeType: 'application/json',
        text: `${JSON.stringify(estimateJson(e))}\n`,
      }
    }
    const devices = Object.values(e.devices)
    const header = [
      'frequency_hz',
      ...devices.flatMap((d) => [`${d.device}_gain`, `${d.device}_db`]),
    ]
    const lines = [header.join(',')]
    e.frequencies.forEach((f, k) => {
      const cells = devices.flatMap((d) => [
        d.coefficients[k],
        amplitudeToDb(d.coefficients[k]).toFixed(4),
      ])
      lines.push([f, ...cells].join(','))
    })
    return { fileName: `${stem}.csv`, mimeType: 'text/csv', text: `${lines.join('\n')}\n` }
  }
  // The device's files' own rate unless another is asked for; the policy's FIR unless taps are.
  const rate = req.sampleRate ?? deviceRate(project, e, req.device)
  const h = firFor(project, e, req.device, {
    taps: req.taps,
    sampleRate: rate,
    paperExact: req.paperExact,
  })
  const design = req.paperExact ? '-paper-exact' : ''
  const name = `${stem}-fir-${req.device}-${h.length}taps-${rate}Hz${design}`
  const file = firFile(h, { device: req.device, sampleRate: rate }, req.format)
  if ('text' in file) return { fileName: `${name}.txt`, mimeType: 'text/plain', text: file.text }
  return {
    fileName: `${name}.wav`,
    mimeType: 'audio/wav',
    base64: Buffer.from(file.bytes).toString('base64'),
  }
}
