// Audio for the renderer by recording id: the indexed file itself, or a corrected preview
// rendered with the current estimate (kept in a small cache).
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { getRecording } from '../db/recordings-repo'
import { getSource } from '../db/sources-repo'
import { currentEstimate } from '../services/estimation'
import { firFor, stftGainsFor } from '../services/fir'
import type { Project } from '../services/project'
import { isAudioError } from '../audio'
import { correctToMemory } from '../workers/export-file'
import { BackendError, type MediaBody, type MediaRequest } from './types'

const TYPES: Record<string, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
}
/** Previews longer than this are refused: they are rendered in the main process. */
const MAX_PREVIEW_SEC = 20 * 60
const CACHE_SIZE = 6

export class MediaSource {
  private readonly cache = new Map<string, MediaBody>()

  constructor(private readonly project: () => Project | null) {}

  async body(req: MediaRequest): Promise<MediaBody | null> {
    const project = this.project()
    if (!project) return null
    const rec = getRecording(project.db, project.analysisKey(), req.recordingId)
    if (!rec || rec.status !== 'ok') return null
    const source = getSource(project.db, rec.sourceId)
    if (!source) return null
    const path = join(source.root, rec.relativePath)
    const gone = (): BackendError =>
      new BackendError(
        'not-found',
        `${rec.relativePath} is gone since the last scan; rescan its source`,
      )
    if (req.kind === 'recording') {
      const size = await stat(path).then(
        (s) => s.size,
        () => null,
      )
      if (size === null) throw gone()
      return { path, size, contentType: TYPES[rec.container ?? ''] ?? 'application/octet-stream' }
    }
    const est = currentEstimate(project)
    if (!est || !rec.device || !est.devices[rec.device]) {
      throw new BackendError(
        'not-found',
        `no correction for device ${rec.device ?? '(none)'} in the current estimate`,
      )
    }
    if ((rec.durationSec ?? 0) > MAX_PREVIEW_SEC) {
      throw new BackendError(
        'failed',
        `${rec.relativePath}: corrected previews are limited to 20 minutes; export it instead`,
      )
    }
    const method = req.method ?? 'fir'
    const key = `${est.id}:${rec.id}:${method}`
    const cached = this.cache.get(key)
    if (cached) return cached
    const rate = rec.sampleRate ?? est.sampleRate
    const correction =
      method === 'fir'
        ? {
            method,
            fir: firFor(est, rec.device, { taps: 1025, sampleRate: rate }),
            nFft: est.nFft,
            hop: est.hop,
          }
        : { method, gains: stftGainsFor(est, rec.device, rate), nFft: est.nFft, hop: est.hop }
    const out = await correctToMemory({
      inputPath: path,
      outputPath: null,
      correction,
      format: 'float32',
      gainDb: 0,
    }).catch((e: unknown) => {
      throw isAudioError(e) && e.code === 'io' ? gone() : e
    })
    const body: MediaBody = { bytes: out.bytes, size: out.bytes.length, contentType: 'audio/wav' }
    this.cache.set(key, body)
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
    return body
  }

  clear(): void {
    this.cache.clear()
  }
}
