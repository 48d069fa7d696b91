// Audio for the renderer by recording id, never by path: the indexed file itself, or its
// preview corrected with the current estimate.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { getRecording } from '../db/recordings-repo'
import { getSource } from '../db/sources-repo'
import { NotFoundError } from './errors'
import { currentEstimate } from './estimation'
import { correctionFor } from './fir'
import type { PreviewRenderer } from './preview'
import type { Project } from './project'

/** Audio for the renderer: a file on disk or bytes in memory, never chosen by path. */
export interface MediaBody {
  /** Absolute path of the indexed file (originals), or undefined when `bytes` is given. */
  path?: string
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
  if (req.kind === 'recording') {
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    )
    if (size === null) {
      throw new NotFoundError(`${rec.relativePath} is gone since the last scan; rescan its source`)
    }
    return { path, size, contentType: TYPES[rec.container ?? ''] ?? 'application/octet-stream' }
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
  const bytes = await previews.render(est, { ...rec, device }, path, method, () =>
    correctionFor(project, est, device, rec.sampleRate ?? est.sampleRate, method),
  )
  return { bytes, size: bytes.length, contentType: 'audio/wav' }
}
