// `recordings.table` (the columns the Recordings view loads) against `recordings.list` (the rows
// as they always were) on a project with every kind of row: two sources, nested folders and odd
// names, unreadable, silent, non-finite, missing and relabelled recordings. And the recordings
// revision that ProjectView carries: it moves with every change of the rows, including changes
// made by another process, and stays put for a new estimate or reference.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeRecordingColumns } from '@shared/api/recording-columns'
import { createBackend, type Backend } from '../../../src-main/backend/backend'
import { encodeWav } from '../../../src-main/audio'
import { relabelRecordings } from '../../../src-main/db/recordings-repo'
import { openProject } from '../../../src-main/services/project'
import { floatWav } from '../../helpers/float-wav'
import { GOLDEN_DIR } from '../../helpers/golden'
import { tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
const projectPath = join(tmp.dir, 'p.scw')
let backend: Backend

async function idle(): Promise<void> {
  while ((await backend.handle('jobs.list', {})).some((j) => j.status === 'running')) {
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function addSource(folder: string): Promise<void> {
  await backend.handle('sources.add', { folder, rule: { kind: 'dcase' } })
  await idle()
}

const revision = async (): Promise<string> =>
  (await backend.handle('project.current', {}))!.recordingsRevision

async function expectTableEqualsList(): Promise<void> {
  const list = await backend.handle('recordings.list', {})
  const table = await backend.handle('recordings.table', {})
  expect(decodeRecordingColumns(JSON.parse(JSON.stringify(table)))).toEqual(list)
  expect(table.revision).toBe(await revision())
}

beforeAll(async () => {
  const first = join(tmp.dir, 'first')
  const nested = join(first, 'audio', 'Ünïcode dir', 'deeper')
  mkdirSync(nested, { recursive: true })
  for (const f of ['park-lyon-0-0-a.wav', 'park-lyon-0-0-b.wav', 'metro-vienna-1-10-c.wav'])
    copyFileSync(join(GOLDEN_DIR, 'corpus', 'audio', f), join(first, 'audio', f))
  copyFileSync(
    join(GOLDEN_DIR, 'corpus', 'audio', 'park-lyon-0-0-c.wav'),
    join(nested, 'park-lyon-0-0-c.wav'),
  )
  writeFileSync(join(first, 'audio', 'bus-x-1-2-a.wav'), 'not audio at all')
  writeFileSync(
    join(first, 'audio', 'tram-x-2-3-b.wav'),
    encodeWav([new Float32Array(4410)], 44100, 'pcm16').bytes,
  )
  writeFileSync(join(first, 'audio', 'tram-x-2-3-c.wav'), floatWav([0.1, Number.NaN, 0.2, 0.1]))
  writeFileSync(
    join(first, 'audio', 'no labels here.wav'),
    encodeWav([new Float32Array(4410).fill(0.1)], 44100, 'pcm16').bytes,
  )
  const second = join(tmp.dir, 'second')
  mkdirSync(second)
  for (const f of ['park-lyon-0-0-a.wav', 'metro-vienna-1-10-b.wav'])
    copyFileSync(join(GOLDEN_DIR, 'corpus', 'audio', f), join(second, f))

  backend = await createBackend({
    transport: 'browser',
    stateDir: join(tmp.dir, 'state'),
    demoDir: join(tmp.dir, 'demo'),
  })
  await backend.handle('project.create', { path: projectPath })
  await addSource(first)
  await addSource(second)
})
afterAll(async () => {
  await backend.close()
  tmp.cleanup()
})

describe('recordings.table', () => {
  it('decodes to exactly the rows of recordings.list, in order, with every kind of state', async () => {
    const list = await backend.handle('recordings.list', {})
    expect(list).toHaveLength(10)
    const states = new Set(list.map((r) => `${r.status}/${r.analysis}`))
    for (const s of ['ok/done', 'ok/silent', 'ok/failed', 'error/pending'])
      expect(states, s).toContain(s)
    expect(list.some((r) => r.device === null)).toBe(true)
    await expectTableEqualsList()
  })

  it('keeps its revision for a new reference or estimate, and answers the same table', async () => {
    const before = await revision()
    const table = await backend.handle('recordings.table', {})
    await backend.handle('project.setReference', { device: 'a' })
    await backend.handle('estimate.compute', { variant: 'aligned' })
    await backend.handle('project.setReference', { device: 'b' })
    expect(await revision()).toBe(before)
    expect(await backend.handle('recordings.table', {})).toBe(table)
  })

  it('moves its revision on relabelling, a vanished file and a rescan, and stays equal to the list', async () => {
    const list = await backend.handle('recordings.list', {})
    let seen = await revision()
    const moved = async (): Promise<void> => {
      const now = await revision()
      expect(now).not.toBe(seen)
      seen = now
      await expectTableEqualsList()
    }
    await backend.handle('recordings.relabel', {
      ids: [list[0].id, list[3].id],
      patch: { device: 'zz', group: null },
    })
    await moved()
    expect(
      (await backend.handle('recordings.list', {})).filter((r) => r.manualLabels),
    ).toHaveLength(2)

    rmSync(join(tmp.dir, 'second', 'metro-vienna-1-10-b.wav'))
    const second = (await backend.handle('project.current', {}))!.sources.find((s) =>
      s.root.endsWith('second'),
    )!
    await backend.handle('sources.rescan', { sourceId: second.id })
    await idle()
    await moved()
    expect((await backend.handle('recordings.list', {})).some((r) => r.status === 'missing')).toBe(
      true,
    )
  })

  it('sees changes made through another connection (another process)', async () => {
    const before = await revision()
    const table = await backend.handle('recordings.table', {})
    const other = openProject(projectPath)
    try {
      const id = (await backend.handle('recordings.list', {}))[5].id
      relabelRecordings(other.db, [id], { scene: 'edited elsewhere' })
    } finally {
      other.close()
    }
    expect(await revision()).not.toBe(before)
    const after = await backend.handle('recordings.table', {})
    expect(after).not.toBe(table)
    expect(decodeRecordingColumns(after).some((r) => r.scene === 'edited elsewhere')).toBe(true)
    await expectTableEqualsList()
  })

  it('counts again when the analysis setting changes (same rows, other states)', async () => {
    const before = await revision()
    await backend.handle('project.updateSettings', { nFft: 1024 })
    const view = (await backend.handle('project.current', {}))!
    expect(view.recordingsRevision).not.toBe(before)
    await expectTableEqualsList()
    await idle()
  })
})
