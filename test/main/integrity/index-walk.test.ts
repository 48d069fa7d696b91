// Guarantee 7: nothing is skipped without a word. What the walk cannot look into (an unreadable
// folder, a dangling link, links looping, a name that is not UTF-8) is reported with its name
// and the index exits 3; a rescan lists again the files that are still unreadable. The built CLI
// runs as a child process (as `nobody` when the tests run as root, so permissions apply).
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scwExec, tempFolder, unprivilegedUser } from '../../helpers/cli'
import { wavBytes, writeDcaseCorpus } from '../../helpers/integrity-corpus'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')
const user = unprivilegedUser()

interface IndexJson {
  added: number
  errors: { path: string; error: string }[]
  skipped: { path: string; error: string }[]
}

beforeAll(() => {
  writeDcaseCorpus(corpus, { perDevice: 2 })
  const audio = join(corpus, 'audio')
  // A folder nobody may list, holding a recording.
  mkdirSync(join(audio, 'locked'))
  writeFileSync(join(audio, 'locked', 'park-lyon-7-0-a.wav'), wavBytes())
  // A dangling link, two links pointing at each other, a link back to the corpus root.
  symlinkSync(join(tmp.dir, 'nowhere.wav'), join(audio, 'park-lyon-8-0-a.wav'))
  symlinkSync('ping.wav', join(audio, 'pong.wav'))
  symlinkSync('pong.wav', join(audio, 'ping.wav'))
  symlinkSync(corpus, join(audio, 'lyon', 'back'))
  // A name in Latin-1 (café), not UTF-8.
  writeFileSync(Buffer.from(`${join(audio, 'lyon')}/caf\xe9-lyon-9-0-a.wav`, 'latin1'), wavBytes())
  // A recording nobody may read.
  writeFileSync(join(audio, 'lyon', 'park-lyon-6-0-b.wav'), wavBytes({ seed: 6 }))
  if (user) {
    chmodSync(tmp.dir, 0o755)
    // -h: the links themselves (some point nowhere); numeric ids, whatever the group is named.
    execFileSync('chown', ['-R', '-h', `${user.uid}:${user.gid}`, tmp.dir])
  }
  chmodSync(join(audio, 'lyon', 'park-lyon-6-0-b.wav'), 0o000)
  chmodSync(join(audio, 'locked'), 0o000)
})
afterAll(() => {
  chmodSync(join(corpus, 'audio', 'locked'), 0o755)
  tmp.cleanup()
})

const run = (): Promise<{ code: number | null; out: string; err: string }> =>
  scwExec(['index', project, corpus, '--labels', 'dcase', '--json'], user ?? {})

describe('walk issues', () => {
  it('are reported with the file name, and the index exits 3', async () => {
    const r = await run()
    expect(r.code, r.err).toBe(3)
    const j = JSON.parse(r.out) as IndexJson
    const audio = join(corpus, 'audio')
    expect(j.skipped).toEqual([
      {
        path: join(audio, 'locked'),
        error: 'cannot list the folder: permission denied; check its permissions (EACCES)',
      },
      {
        path: join(audio, 'lyon', 'back'),
        error: expect.stringMatching(`loops back to ${corpus}, a folder above it`),
      },
      {
        path: join(audio, 'lyon', 'caf\\xE9-lyon-9-0-a.wav'),
        error: expect.stringMatching(/not valid UTF-8.*rename it/),
      },
      {
        path: join(audio, 'park-lyon-8-0-a.wav'),
        error: `the symbolic link points to ${join(tmp.dir, 'nowhere.wav')}, which does not exist; fix or remove the link`,
      },
      { path: join(audio, 'ping.wav'), error: expect.stringMatching(/loops/) },
      { path: join(audio, 'pong.wav'), error: expect.stringMatching(/loops/) },
    ])
    expect(j.errors.map((e) => e.path)).toEqual([join(audio, 'lyon', 'park-lyon-6-0-b.wav')])
    expect(j.errors[0].error).toMatch(/permission denied/)
    expect(j.added).toBe(7)
  })

  it('are reported again by a rescan, with the files still unreadable', async () => {
    const r = await run()
    expect(r.code, r.err).toBe(3)
    const j = JSON.parse(r.out) as IndexJson & { updated: number; unchanged: number }
    expect(j.skipped).toHaveLength(6)
    expect(j.errors.map((e) => e.path.split('/').pop())).toEqual(['park-lyon-6-0-b.wav'])
    expect(j).toMatchObject({ added: 0, updated: 0, unchanged: 7 })
  })

  it('prints each one by name without --json', async () => {
    const r = await scwExec(['index', project, corpus], user ?? {})
    expect(r.code).toBe(3)
    expect(r.out).toMatch(/^skipped: .*\/locked: cannot list the folder/m)
    expect(r.out).toMatch(/^unreadable: park-lyon-6-0-b\.wav: permission denied/m)
  })
})
