// Integration on the golden corpus through the command line: index, estimate, export.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAudioFile } from '../../../src-main/audio'
import { openProject } from '../../../src-main/services/project'
import { listRecordings } from '../../../src-main/db/recordings-repo'
import { GOLDEN_DIR, goldenF32, goldenJson, type GoldenCoefficients } from '../../helpers/golden'
import { scw, scwJson, tempFolder } from '../../helpers/cli'

const CORPUS = join(GOLDEN_DIR, 'corpus')
const golden = goldenJson<GoldenCoefficients>('coefficients.json')
const tmp = tempFolder()
const project = join(tmp.dir, 'golden.scw')

interface EstimateJson {
  variant: string
  reference: string
  sampleRate: number
  nFft: number
  hopLength: number
  frequencies: number[]
  coefficients: Record<string, number[]>
  recordings: Record<string, number>
}

beforeAll(async () => {
  const r = await scwJson<{ added: number; devices: Record<string, number> }>(
    'index',
    project,
    CORPUS,
    '--labels',
    'dcase',
  )
  expect(r.added).toBe(15)
})
afterAll(() => tmp.cleanup())

describe('scw on the golden corpus', () => {
  it('indexes 15 recordings, 5 per device, with their alignment groups', async () => {
    const again = await scwJson<{
      added: number
      updated: number
      removed: number
      devices: Record<string, number>
    }>('index', project, CORPUS, '--labels', 'dcase')
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, devices: { a: 5, b: 5, c: 5 } })
    const p = openProject(project)
    const recs = listRecordings(p.db, p.analysisKey())
    p.close()
    const groups = new Map<string, string[]>()
    for (const r of recs) groups.set(r.group!, [...(groups.get(r.group!) ?? []), r.device!].sort())
    expect(Object.fromEntries(groups)).toEqual({
      'airport-lisbon-2-20': ['a', 'b', 'c'],
      'bus-prague-3-30': ['a', 'b', 'c'],
      'metro-vienna-1-10': ['a', 'b', 'c'],
      'park-lyon-0-0': ['a', 'b', 'c'],
      'street-paris-5-50': ['c'],
      'tram-milan-4-40': ['a', 'b'],
    })
    expect(recs.every((r) => r.scene === r.group!.split('-')[0])).toBe(true)
  })

  for (const variant of ['unaligned', 'aligned', 'dcase2019'] as const) {
    it(`estimate --variant ${variant} --json equals coefficients.json`, async () => {
      const e = await scwJson<EstimateJson>(
        'estimate',
        project,
        '--variant',
        variant,
        '--reference',
        'a',
      )
      expect(e).toMatchObject({
        variant,
        reference: 'a',
        sampleRate: 44100,
        nFft: 2048,
        hopLength: 512,
      })
      expect(e.frequencies).toEqual(golden.frequencies)
      for (const d of ['a', 'b', 'c']) {
        const worst = Math.max(
          ...golden[variant][d].map((g, k) => Math.abs(e.coefficients[d][k] / g - 1)),
        )
        expect(worst, `${variant} ${d}`).toBeLessThan(1e-3)
      }
      expect(e.recordings.b).toBe(5)
    })
  }

  it('exports device b with --paper-exact to float32, reproducing corrected_fir_b.f32', async () => {
    await scwJson('estimate', project, '--variant', 'unaligned', '--reference', 'a')
    const out = join(tmp.dir, 'export-b')
    const r = await scwJson<{ written: number; failed: unknown[] }>(
      'export',
      project,
      out,
      '--devices',
      'b',
      '--paper-exact',
      '--format',
      'float32',
    )
    expect(r).toMatchObject({ written: 5, failed: [] })
    const { channels } = await decodeAudioFile(join(out, 'audio/park-lyon-0-0-b.wav'))
    const expected = goldenF32('corrected_fir_b.f32')
    expect(channels[0].length).toBe(expected.length)
    let worst = 0
    for (let i = 0; i < expected.length; i++)
      worst = Math.max(worst, Math.abs(channels[0][i] - expected[i]))
    expect(worst).toBeLessThan(1e-4)
    const manifest = readFileSync(join(out, 'manifest.csv'), 'utf8').trim().split('\n')
    expect(manifest).toHaveLength(6)
    const meta = readFileSync(join(out, 'meta.csv'), 'utf8').trim().split('\n')
    expect(meta.slice(1).every((l) => l.split('\t')[3] === 'b')).toBe(true)
    const record = JSON.parse(readFileSync(join(out, 'scw-export.json'), 'utf8'))
    expect(record.estimate.variant).toBe('unaligned')
    expect(record.fir.b['44100']).toHaveLength(1025)
  })

  it('refuses an output folder inside a source and names the fix', async () => {
    const r = await scw('export', project, join(CORPUS, 'audio', 'out'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/lies inside the source .*choose a folder outside every source/)
  })

  it('reports usage mistakes with exit code 1', async () => {
    expect((await scw('estimate', project, '--variant', 'median')).code).toBe(1)
    expect((await scw('export', project)).code).toBe(1)
    expect((await scw('frobnicate')).code).toBe(1)
    const missing = await scw('estimate', join(tmp.dir, 'nope.scw'))
    expect(missing.code).toBe(2)
    expect(missing.err).toMatch(/no such project file/)
  })
})
