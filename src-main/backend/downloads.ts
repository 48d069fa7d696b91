// Files the user can take away from the Correction view: coefficients and FIR filters.
import type { DownloadView } from '@shared/api/views'
import type { RequestOf } from '@shared/api/schemas'
import { coefficientsCsv, coefficientsJson } from '@shared/io/coefficients'
import { coefficientsExportOf } from '../services/estimate-json'
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
    const data = coefficientsExportOf(e)
    return req.format === 'json'
      ? { fileName: `${stem}.json`, mimeType: 'application/json', text: coefficientsJson(data) }
      : { fileName: `${stem}.csv`, mimeType: 'text/csv', text: coefficientsCsv(data) }
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
