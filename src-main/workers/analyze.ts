// Worker-thread entry for analysis (piscina loads this file's default export).
import { loadFft } from '@shared/dsp/fft'
import { analyzeFile, type AnalyzeResult, type AnalyzeTask } from './analyze-file'

export default async function analyze(task: AnalyzeTask): Promise<AnalyzeResult> {
  await loadFft()
  return analyzeFile(task)
}
