// Indexing: incremental rescans, missing files reported, label rules and hand labels.
import { copyFileSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JobProgress } from '@shared/model/job'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listRecordings } from '../../../src-main/db/recordings-repo'
import { openProject, type Project } from '../../../src-main/services/project'
import {
  indexFolder,
  previewLabels,
  relabel,
  setLabelRule,
} from '../../../src-main/services/sources'
import { GOLDEN_AUDIO } from '../../helpers/golden'
import { tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
let project: Project

const copy = (name: string, as = name): void =>
  copyFileSync(join(GOLDEN_AUDIO, name), join(corpus, as))

beforeAll(() => {
  mkdirSync(corpus)
  for (const f of ['park-lyon-0-0-a.wav', 'park-lyon-0-0-b.wav', 'bus-prague-3-30-a.wav']) copy(f)
  project = openProject(join(tmp.dir, 'p.scw'), { create: true })
})
afterAll(() => {
  project.close()
  tmp.cleanup()
})

const recordings = () => listRecordings(project.db, project.analysisKey())

describe('indexFolder', () => {
  it('adds, then rescans incrementally: changed files updated, vanished ones reported missing', async () => {
    const first = await indexFolder(project, corpus, { labels: { kind: 'dcase' } })
    expect(first).toMatchObject({
      added: 3,
      updated: 0,
      unchanged: 0,
      removed: 0,
      devices: { a: 2, b: 1 },
    })
    copy('park-lyon-0-0-c.wav')
    copy('bus-prague-3-30-b.wav', 'bus-prague-3-30-a.wav') // same size, new content
    utimesSync(join(corpus, 'bus-prague-3-30-a.wav'), new Date(), new Date(Date.now() + 5000))
    rmSync(join(corpus, 'park-lyon-0-0-b.wav'))
    const second = await indexFolder(project, corpus)
    expect(second).toMatchObject({ added: 1, updated: 1, unchanged: 1, removed: 1 })
    const missing = recordings().filter((r) => r.status === 'missing')
    expect(missing.map((r) => r.relativePath)).toEqual(['park-lyon-0-0-b.wav'])
    copy('park-lyon-0-0-b.wav')
    const seen: JobProgress[] = []
    const third = await indexFolder(project, corpus, { onProgress: (p) => seen.push(p) })
    expect(third).toMatchObject({ added: 0, updated: 1, removed: 0 })
    // A rescan reports the files it found, then counts the unchanged ones as done.
    expect(seen.find((p) => p.phase === 'walking')).toMatchObject({ done: 4, etaSec: null })
    expect(seen.at(-1)).toMatchObject({ phase: null, done: 4, total: 4, skipped: 3, etaSec: 0 })
    expect(recordings().every((r) => r.status === 'ok')).toBe(true)
  })

  it('refuses a folder that overlaps a source', async () => {
    mkdirSync(join(corpus, 'sub'), { recursive: true })
    await expect(indexFolder(project, join(corpus, 'sub'))).rejects.toThrow(/overlaps the source/)
  })

  it('keeps hand labels when the rule changes, and previews a rule without applying it', async () => {
    const [rec] = recordings().filter((r) => r.relativePath === 'park-lyon-0-0-c.wav')
    expect(relabel(project, [rec.id], { device: 'phone-x' })).toBe(1)
    const source = project.db.prepare('SELECT id FROM sources').get() as { id: number }
    setLabelRule(project, source.id, {
      kind: 'regex',
      pattern: '^(?<scene>[a-z]+)-.*-(?<device>[a-z])\\.wav$',
    })
    const after = Object.fromEntries(recordings().map((r) => [r.relativePath, r]))
    expect(after['park-lyon-0-0-c.wav'].device).toBe('phone-x')
    expect(after['park-lyon-0-0-c.wav'].manualLabels).toBe(true)
    expect(after['park-lyon-0-0-a.wav']).toMatchObject({
      device: 'a',
      scene: 'park',
      group: 'park-lyon-0-0',
    })
    writeFileSync(join(corpus, 'readme.txt'), 'not audio')
    const preview = await previewLabels(corpus, { kind: 'folders' })
    expect(preview.length).toBe(4)
    expect(preview[0].error).toMatch(/folder/)
  })
})
