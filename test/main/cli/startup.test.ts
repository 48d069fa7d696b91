// `scw --help` starts without loading what only commands need: no npm package (SQLite, the worker
// pool, zod, ws…) and not even a Node built-in (any service, database or file code needs some).
// Checked on the built binary by recording every module the process resolves; a control run of a
// real command shows that the recording sees such modules when they are loaded.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { CLI, tempFolder } from '../../helpers/cli'

const tmp = tempFolder('scw-startup-')
afterAll(() => tmp.cleanup())

const RECORDER = pathToFileURL(join(import.meta.dirname, '../../helpers/record-modules.mjs')).href

/** URLs of the modules that `scw …args` loads, and its exit code. */
function modulesLoadedBy(args: string[]): { loaded: string[]; status: number | null } {
  const out = join(tmp.dir, `modules-${args.join('_').replace(/\W/g, '')}.txt`)
  const r = spawnSync(process.execPath, ['--import', RECORDER, CLI, ...args], {
    env: { ...process.env, SCW_MODULES_OUT: out },
    stdio: 'ignore',
  })
  const loaded = existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean) : []
  return { loaded, status: r.status }
}

const isPackage = (url: string): boolean => url.includes('/node_modules/')
const isBuiltin = (url: string): boolean => url.startsWith('node:')

describe('scw start-up', () => {
  it('loads no npm package and no Node built-in for --help', () => {
    const { loaded, status } = modulesLoadedBy(['--help'])
    expect(status).toBe(0)
    expect(loaded.some((u) => u.endsWith('/out/main/cli.js'))).toBe(true)
    expect(loaded.filter(isPackage)).toEqual([])
    expect(loaded.filter(isBuiltin)).toEqual([])
  })

  it.each([
    [['--version'], 0],
    [['export', '--help'], 0],
    [['frobnicate'], 1],
  ])('loads neither for scw %j', (args, code) => {
    const { loaded, status } = modulesLoadedBy(args)
    expect(status).toBe(code)
    expect(loaded.filter(isPackage)).toEqual([])
    expect(loaded.filter(isBuiltin)).toEqual([])
  })

  it('sees the packages that a command loads (control)', () => {
    const { loaded, status } = modulesLoadedBy(['estimate', join(tmp.dir, 'none.scw')])
    expect(status).toBe(2) // no such project file
    expect(loaded.some((u) => u.includes('/node_modules/better-sqlite3/'))).toBe(true)
    expect(loaded).toContain('node:fs')
  })
})
