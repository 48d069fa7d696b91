// Audio for the renderer by recording id, never by path: the indexed file itself, or its
// preview corrected with the current estimate.
import { join } from 'node:path'
import { getRecording, indexedFileFacts } from '../db/recordings-repo'
import { getSource } from '../db/sources-repo'
import { checkSameFile, openCheckedFile, type CheckedFile } from '../fs/same-file'
import { NotFoundError } from './errors'
import { currentEstimate } from './estimation'
import { correctionFor } from './fir'
import type { PreviewRenderer } from './preview'
import type { Project } from './project'

/** Opens a MediaBody's file for sending (still the same file, or throws). */
export { openCheckedFile }

/** Audio for the renderer: a file on disk or bytes in memory, never chosen by path. */
export interface MediaBody {
  /**
   * The indexed file as checked (originals): opened only if still the same file (see
   * fs/same-file.ts), or undefined when `bytes` is given.
   */
  file?: CheckedFile
  /** The bytes (corrected previews, rendered on demand). */
  bytes?: Uint8Array
  size: number
  contentType: string
}

export interface MediaRequest {
  kind: 'recording' | 'corrected'
  recordingId: number
  method?: 'fir' | 'stft'
}

const TYPES: Record<string, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
}

/** The audio a request names; null when the recording is not indexed or not readable. */
export async function mediaOf(
  project: Project,
  req: MediaRequest,
  previews: PreviewRenderer,
): Promise<MediaBody | null> {
  const rec = getRecording(project.db, project.analysisKey(), req.recordingId)
  if (!rec || rec.status !== 'ok') return null
  const source = getSource(project.db, rec.sourceId)
  if (!source) return null
  const path = join(source.root, rec.relativePath)
  const indexed = indexedFileFacts(project.db, rec.id)!
  const same = await checkSameFile(path, source.root, indexed)
  if (!same.ok) {
    throw new NotFoundError(`${rec.relativePath} is not served: ${same.reason}; rescan its source`)
  }
  if (req.kind === 'recording') {
    return {
      file: same.file,
      size: same.file.size,
      contentType: TYPES[rec.container ?? ''] ?? 'application/octet-stream',
    }
  }
  const est = currentEstimate(project)
  if (!est || !rec.device || !est.devices[rec.device]) {
    throw new NotFoundError(
      `no correction for device ${rec.device ?? '(none)'} in the current estimate`,
    )
  }
  const device = rec.device
  const method = req.method ?? 'fir'
  // What export would apply to this file: the policy's FIR (or STFT gains) at the file's rate.
  const bytes = await previews.render(est, { ...rec, device }, same.file.path, method, () =>
    correctionFor(project, est, device, rec.sampleRate ?? est.sampleRate, method),
  )
  return { bytes, size: bytes.length, contentType: 'audio/wav' }
}
