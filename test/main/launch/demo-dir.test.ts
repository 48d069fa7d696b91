import { homedir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { demoDir } from '../../../src-main/launch/demo-dir'

// The launcher's copy of the rule is plain JavaScript, loaded by URL (it has no type declarations).
const mjs = pathToFileURL(join(import.meta.dirname, '../../../src-main/launch/demo-dir.mjs')).href

describe('demoDir', () => {
  const cases: NodeJS.ProcessEnv[] = [
    {},
    { XDG_DATA_HOME: '/data' },
    { SCW_DEMO_DIR: '/somewhere/demo', XDG_DATA_HOME: '/data' },
    { SCW_DEMO_DIR: 'relative/demo' },
  ]

  it('follows SCW_DEMO_DIR, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(demoDir({})).toBe(join(homedir(), '.local/share/spectrum-correction-workbench/demo'))
    expect(demoDir({ XDG_DATA_HOME: '/data' })).toBe('/data/spectrum-correction-workbench/demo')
    expect(demoDir({ SCW_DEMO_DIR: '/somewhere/demo' })).toBe('/somewhere/demo')
  })

  it('agrees with the launcher (start.mjs)', async () => {
    const launcher = (await import(mjs)) as { demoDir(env: NodeJS.ProcessEnv): string }
    for (const env of cases) expect(launcher.demoDir(env)).toBe(demoDir(env))
  })
})
