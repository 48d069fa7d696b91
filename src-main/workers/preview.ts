// Worker-thread entry for corrected previews (piscina loads this file's default export): one
// recording corrected into float32 WAV bytes in memory, off the main thread.
import { loadFft } from '@shared/dsp/fft'
import { isAudioError } from '../audio'
import { correctToMemory, TooManySamplesError, type CorrectionSpec } from './export-file'

export interface PreviewTask {
  inputPath: string
  correction: CorrectionSpec
  /** Samples (frames × channels) past which rendering stops: the preview's memory bound. */
  maxSamples: number
}

/**
 * The WAV bytes, or why there are none (`missing`: the file could not be read at all;
 * `tooLong`: it holds more than `maxSamples`).
 */
export type PreviewResult =
  | { bytes: Uint8Array; error: null }
  | { bytes: null; error: string; missing: boolean; tooLong: boolean }

export default async function preview(task: PreviewTask): Promise<PreviewResult> {
  await loadFft()
  try {
    const out = await correctToMemory(
      {
        inputPath: task.inputPath,
        outputPath: null,
        correction: task.correction,
        format: 'float32',
        gainDb: 0,
      },
      undefined,
      task.maxSamples,
    )
    return { bytes: out.bytes, error: null }
  } catch (e) {
    // Errors lose their class on the way back to the main thread: say what kind it was.
    const missing = isAudioError(e) && e.code === 'io'
    const tooLong = e instanceof TooManySamplesError
    return { bytes: null, error: (e as Error).message ?? String(e), missing, tooLong }
  }
}
