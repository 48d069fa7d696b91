// Worker-thread entry for export (piscina loads this file's default export).
import { loadFft } from '@shared/dsp/fft'
import { exportFile, type ExportResult, type ExportTask } from './export-file'

export default async function exportWorker(task: ExportTask): Promise<ExportResult> {
  await loadFft()
  return exportFile(task)
}
