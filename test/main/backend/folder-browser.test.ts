// Browser mode's folder browser through the backend: subfolders and audio counts of the home
// folder and the folders the user named, and refusals everywhere else, links included.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src-main/backend/backend'
import { MAX_LISTED_FOLDERS } from '../../../src-main/services/folders'
import { GOLDEN_DIR } from '../../helpers/golden'
import { tempFolder } from '../../helpers/cli'

const tmp = tempFolder('scw-folders-')
const home = join(tmp.dir, 'home')
const elsewhere = join(tmp.dir, 'elsewhere')
let backend: Backend

const touch = (...parts: string[]): void => writeFileSync(join(...parts), '')

beforeAll(async () => {
  mkdirSync(join(home, 'data', 'tau', 'audio'), { recursive: true })
  mkdirSync(join(home, '.cache'), { recursive: true })
  mkdirSync(join(elsewhere, 'secret'), { recursive: true })
  for (const f of ['a.wav', 'b.FLAC', 'c.mp3', 'notes.txt']) touch(home, 'data', 'tau', 'audio', f)
  touch(home, 'data', 'tau', 'meta.csv')
  touch(elsewhere, 'secret', 'x.wav')
  // A link inside home that leads outside it.
  symlinkSync(elsewhere, join(home, 'data', 'link-out'))
  backend = await createBackend({
    transport: 'browser',
    stateDir: join(tmp.dir, 'state'),
    demoDir: join(tmp.dir, 'demo-not-made'),
    homeDir: home,
  })
})
afterAll(async () => {
  await backend.close()
  tmp.cleanup()
})

const list = (path?: string) => backend.handle('system.listFolder', path ? { path } : {})

describe('system.listFolder', () => {
  it('starts at home and lists subfolders with their audio counts, no files', async () => {
    const top = await list()
    expect(top.path).toBe(home)
    expect(top.parent).toBeNull()
    // Hidden folders are left out.
    expect(top.folders.map((f) => f.name)).toEqual(['data'])
    const tau = await list(join(home, 'data', 'tau'))
    expect(tau.folders).toEqual([
      { name: 'audio', path: join(home, 'data', 'tau', 'audio'), audioFiles: 3 },
    ])
    expect(tau.audioFiles).toBe(0)
    expect(tau.parent).toBe(join(home, 'data'))
    expect(JSON.stringify(tau)).not.toContain('a.wav')
  })

  it('refuses folders outside home and the named folders, and links that lead there', async () => {
    await expect(list(elsewhere)).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('lies outside your home folder and the folders you named'),
    })
    await expect(list(join(home, 'data', 'link-out', 'secret'))).rejects.toMatchObject({
      code: 'invalid-request',
    })
    await expect(list(join(home, '..'))).rejects.toMatchObject({ code: 'invalid-request' })
    await expect(list('/')).rejects.toMatchObject({ code: 'invalid-request' })
    await expect(list(join(home, 'nothing-here'))).rejects.toThrow(/no such folder/)
    await expect(
      backend.handle('system.listFolder', { path: join(home, 'data'), extra: true }),
    ).rejects.toMatchObject({ code: 'invalid-request' })
  })

  it('a source folder the user added may be browsed, wherever it lies', async () => {
    await expect(list(join(GOLDEN_DIR, 'corpus'))).rejects.toMatchObject({
      code: 'invalid-request',
    })
    await backend.handle('project.create', { path: join(home, 'p.scw') })
    const { jobId } = await backend.handle('sources.add', {
      folder: join(GOLDEN_DIR, 'corpus'),
      rule: { kind: 'dcase' },
    })
    while (
      (await backend.handle('jobs.list', {})).find((j) => j.id === jobId)?.status === 'running'
    ) {
      await new Promise((r) => setTimeout(r, 20))
    }
    const corpus = await list(join(GOLDEN_DIR, 'corpus'))
    expect(corpus.folders.find((f) => f.name === 'audio')?.audioFiles).toBe(15)
    expect(corpus.roots).toContain(corpus.path)
  })

  it('lists at most MAX_LISTED_FOLDERS subfolders and says so', async () => {
    const many = join(home, 'many')
    for (let i = 0; i < MAX_LISTED_FOLDERS + 3; i++)
      mkdirSync(join(many, `d${String(i).padStart(4, '0')}`), { recursive: true })
    const r = await list(many)
    expect(r.folders).toHaveLength(MAX_LISTED_FOLDERS)
    expect(r.truncated).toBe(true)
    expect(r.folders[0].name).toBe('d0000')
  })
})
