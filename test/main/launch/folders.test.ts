// Where the demo and the state live. The launcher (start.mjs, plain JavaScript that runs before
// any build) has its own copy of each rule; these tests hold the two copies together.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { demoDir } from '../../../src-main/launch/demo-dir'
import { browserStateDir } from '../../../src-main/launch/state-dir'

type Rule = (env: NodeJS.ProcessEnv) => string

const rules = [
  {
    name: 'demoDir',
    rule: demoDir,
    file: 'demo-dir.mjs',
    own: 'SCW_DEMO_DIR',
    xdg: 'XDG_DATA_HOME',
    home: '.local/share',
    tail: 'spectrum-correction-workbench/demo',
  },
  {
    name: 'browserStateDir',
    rule: browserStateDir,
    file: 'state-dir.mjs',
    own: 'SCW_STATE_DIR',
    xdg: 'XDG_STATE_HOME',
    home: '.local/state',
    tail: 'spectrum-correction-workbench',
  },
]

describe.each(rules)('$name', ({ name, rule, file, own, xdg, home, tail }) => {
  it(`follows ${own}, then ${xdg}, then ~/${home}`, () => {
    expect(rule({})).toBe(join(homedir(), home, tail))
    expect(rule({ [xdg]: '/x' })).toBe(join('/x', tail))
    expect(rule({ [own]: '/somewhere/else', [xdg]: '/x' })).toBe('/somewhere/else')
  })

  it('agrees with the launcher (loaded by URL: it has no type declarations)', async () => {
    const url = pathToFileURL(join(import.meta.dirname, '../../../src-main/launch', file)).href
    const launcher = ((await import(url)) as Record<string, Rule>)[name]
    const cases = [{}, { [xdg]: '/x' }, { [own]: '/a/b', [xdg]: '/x' }, { [own]: 'relative/b' }]
    for (const env of cases) expect(launcher(env)).toBe(rule(env))
  })
})
