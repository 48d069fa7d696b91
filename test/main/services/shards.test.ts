// Cluster workflow: shards analysed into summary files, merged into a project, equal a full run.
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inShard, parseShard } from '../../../src-main/services/shard'
import { GOLDEN_DIR, goldenJson, type GoldenCoefficients } from '../../helpers/golden'
import { scw, scwJson, tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
afterAll(() => tmp.cleanup())

describe('shards', () => {
  it('parses i/n and names a bad one', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 })
    expect(() => parseShard('0/5')).toThrow(/--shard 0\/5: expected i\/n with 1 <= i <= n/)
    expect(() => parseShard('x')).toThrow(/--shard x/)
  })

  it('splits paths into disjoint shards covering everything', () => {
    const paths = Array.from({ length: 300 }, (_, i) => `audio/f${i}.wav`)
    const counts = [1, 2, 3].map(
      (i) => paths.filter((p) => inShard(p, { index: i, count: 3 })).length,
    )
    expect(counts.reduce((a, b) => a + b)).toBe(300)
    expect(Math.min(...counts)).toBeGreaterThan(60)
  })

  it('merges shard summaries into a project: the estimate equals the golden one', async () => {
    const base = join(tmp.dir, 'base.scw')
    await scwJson('index', base, join(GOLDEN_DIR, 'corpus'), '--labels', 'dcase')
    const files: string[] = []
    for (const i of [1, 2, 3]) {
      // Each task works on its own copy of the indexed project, as on a cluster node.
      const copy = join(tmp.dir, `task-${i}.scw`)
      copyFileSync(base, copy)
      const out = join(tmp.dir, `shard-${i}.scws`)
      const r = await scw('analyze', copy, '--shard', `${i}/3`, '--summaries-out', out)
      expect(r.code, r.err).toBe(0)
      files.push(out)
    }
    const merged = await scwJson<{ imported: number; unmatched: unknown[] }>(
      'summaries',
      'import',
      base,
      ...files,
    )
    expect(merged).toEqual({ imported: 15, unmatched: [] })
    const analyse = await scwJson<{ analysed: number }>('analyze', base)
    expect(analyse.analysed).toBe(0)
    const e = await scwJson<{ coefficients: Record<string, number[]> }>(
      'estimate',
      base,
      '--variant',
      'aligned',
    )
    const golden = goldenJson<GoldenCoefficients>('coefficients.json')
    const worst = Math.max(...golden.aligned.c.map((g, k) => Math.abs(e.coefficients.c[k] / g - 1)))
    expect(worst).toBeLessThan(1e-3)
    const exported = join(tmp.dir, 'all.scws')
    expect(await scwJson('summaries', 'export', base, exported)).toEqual({ exported: 15 })
    const bad = await scw('summaries', 'import', base, join(GOLDEN_DIR, 'corpus/meta.csv'))
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/meta\.csv:1: not JSON/)
  })
})
