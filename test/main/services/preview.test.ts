// Corrected previews render in a worker thread: the same bytes as correcting in this thread,
// cached per estimate, and a vanished file reported as not found across the thread boundary.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import { InvalidInputError, NotFoundError } from '../../../src-main/services/errors'
import { estimate, type EstimateResult } from '../../../src-main/services/estimation'
import { correctionFor } from '../../../src-main/services/fir'
import { MAX_PREVIEW_SAMPLES, PreviewRenderer } from '../../../src-main/services/preview'
import { ByteBoundedCache } from '../../../src-main/services/preview-cache'
import { analyzeProject } from '../../../src-main/services/analysis'
import { openProject, type Project } from '../../../src-main/services/project'
import { recordingsOf } from '../../../src-main/services/recordings'
import { indexFolder } from '../../../src-main/services/sources'
import { correctToMemory, type CorrectionSpec } from '../../../src-main/workers/export-file'
import { GOLDEN_AUDIO } from '../../helpers/golden'
import { tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const previews = new PreviewRenderer()
let project: Project
let est: EstimateResult

beforeAll(async () => {
  await loadFft()
  mkdirSync(corpus)
  for (const d of ['a', 'b']) {
    for (const g of ['park-lyon-0-0', 'bus-prague-3-30']) {
      copyFileSync(join(GOLDEN_AUDIO, `${g}-${d}.wav`), join(corpus, `${g}-${d}.wav`))
    }
  }
  project = openProject(join(tmp.dir, 'p.scw'), { create: true })
  await indexFolder(project, corpus, { labels: { kind: 'dcase' } })
  await analyzeProject(project, { workers: 1 })
  est = estimate(project, { reference: 'a' })
})
afterAll(async () => {
  await previews.close()
  project.close()
  tmp.cleanup()
})

describe('PreviewRenderer', () => {
  it('renders in a worker exactly what correcting in this thread gives, and caches it', async () => {
    const rec = recordingsOf(project).find((r) => r.device === 'b')!
    const path = join(corpus, rec.relativePath)
    for (const method of ['fir', 'stft'] as const) {
      const correction = (): CorrectionSpec =>
        correctionFor(project, est, 'b', rec.sampleRate!, method)
      const bytes = await previews.render(est, { ...rec, device: 'b' }, path, method, correction)
      const here = await correctToMemory({
        inputPath: path,
        outputPath: null,
        correction: correction(),
        format: 'float32',
        gainDb: 0,
      })
      expect(Buffer.from(bytes).equals(Buffer.from(here.bytes))).toBe(true)
      expect(
        await previews.render(est, { ...rec, device: 'b' }, path, method, () => {
          throw new Error('cached: no correction needed')
        }),
      ).toBe(bytes)
    }
  })

  it('reports a file gone since the scan as not found, naming it', async () => {
    const rec = recordingsOf(project).filter((r) => r.device === 'b')[1]
    const path = join(corpus, rec.relativePath)
    rmSync(path)
    const failure = previews.render(est, { ...rec, device: 'b' }, path, 'fir', () =>
      correctionFor(project, est, 'b', rec.sampleRate!, 'fir'),
    )
    await expect(failure).rejects.toBeInstanceOf(NotFoundError)
    await expect(failure).rejects.toThrow(`${rec.relativePath} is gone since the last scan`)
  })

  it('refuses recordings of more samples (frames × channels) than the bound, as a user error', async () => {
    const rec = recordingsOf(project).find((r) => r.device === 'b')!
    const fir = (): CorrectionSpec => correctionFor(project, est, 'b', 44100, 'fir')
    const long = { ...rec, device: 'b', frames: MAX_PREVIEW_SAMPLES / 2 + 1, channels: 2 }
    const failure = previews.render(est, long, join(corpus, rec.relativePath), 'fir', fir)
    await expect(failure).rejects.toBeInstanceOf(InvalidInputError)
    await expect(failure).rejects.toThrow(
      `too long for a corrected preview (${MAX_PREVIEW_SAMPLES + 2} samples, frames × channels; at most ${MAX_PREVIEW_SAMPLES}); export it instead`,
    )
  })

  it('stops rendering at the bound when the header said less (its length was an estimate)', async () => {
    const small = new PreviewRenderer({ maxSamples: 1000 })
    try {
      const rec = recordingsOf(project).find((r) => r.device === 'b')!
      const claimed = { ...rec, device: 'b', frames: 10, channels: 1 }
      await expect(
        small.render(est, claimed, join(corpus, rec.relativePath), 'fir', () =>
          correctionFor(project, est, 'b', 44100, 'fir'),
        ),
      ).rejects.toThrow(/too long for a corrected preview \(more than that samples/)
    } finally {
      await small.close()
    }
  })

  it('keeps previews in a cache bounded in bytes, least recently used out first', () => {
    const cache = new ByteBoundedCache(100)
    cache.set('a', new Uint8Array(40))
    cache.set('b', new Uint8Array(40))
    expect(cache.get('a')?.length).toBe(40) // a is now the most recently used
    cache.set('c', new Uint8Array(40))
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((x) => x?.length)).toEqual([
      40,
      undefined,
      40,
    ])
    expect(cache.bytes).toBe(80)
    cache.set('huge', new Uint8Array(101))
    expect(cache.get('huge')).toBeUndefined()
    expect(cache.bytes).toBeLessThanOrEqual(100)
  })
})
