// Integration on the golden corpus through the command line: index, estimate, export.
import { readFileSync, realpathSync } from 'node:fs'
import { decodeNpz } from '@shared/io/npz'
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

  it('estimate --format json|csv|npz --out writes the coefficients in the download formats', async () => {
    const args = ['estimate', project, '--variant', 'unaligned', '--reference', 'a']
    const json = join(tmp.dir, 'c.json')
    expect((await scw(...args, '--out', json)).code).toBe(0)
    const e = JSON.parse(readFileSync(json, 'utf8')) as EstimateJson & { segments: object }
    expect(Object.keys(e)).toEqual([
      'estimateId',
      'appVersion',
      'createdAt',
      'variant',
      'reference',
      'sampleRate',
      'nFft',
      'hopLength',
      'maxPerDevice',
      'seed',
      'frameGating',
      'regularization',
      'recordingsOffered',
      'frequencies',
      'coefficients',
      'recordings',
      'segments',
      'missing',
    ])
    // The same document `--json` prints, followed by the checks the estimate ran (the signal
    // checks, frame gating's effect, the rates per device and the warnings).
    const { signalChecks, gating, sampleRates, warnings, ...printed } = await scwJson<
      EstimateJson & Record<'signalChecks' | 'gating' | 'sampleRates' | 'warnings', unknown>
    >(...args)
    expect(printed).toEqual(e)
    expect({ signalChecks, gating, warnings }).toEqual({
      signalChecks: expect.any(Array),
      gating: expect.any(Array),
      warnings: expect.any(Array),
    })
    expect(Object.keys(sampleRates as object).sort()).toEqual(['a', 'b', 'c'])
    const csv = join(tmp.dir, 'c.txt')
    expect((await scw(...args, '--format', 'csv', '--out', csv)).code).toBe(0)
    const rows = readFileSync(csv, 'utf8').trim().split('\n')
    expect(rows[0]).toBe('frequency_hz,a_gain,a_db,b_gain,b_db,c_gain,c_db')
    expect(rows).toHaveLength(1 + 1025)
    expect(Number(rows[101].split(',')[3])).toBe(e.coefficients.b[100])
    const npz = join(tmp.dir, 'c.npz')
    expect((await scw(...args, '--out', npz)).code).toBe(0)
    const z = decodeNpz(new Uint8Array(readFileSync(npz)))
    expect(z.device.data).toEqual(['a', 'b', 'c'])
    expect(z.gain.shape).toEqual([3, 1025])
    expect((z.gain.data as Float64Array)[1025 + 100]).toBe(e.coefficients.b[100])
    expect(z.hop_length.data[0]).toBe(512)
    const wrong = await scw(...args, '--out', join(tmp.dir, 'c.bin'))
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain('name a .json, .csv or .npz file, or give --format')
    expect((await scw(...args, '--format', 'npz')).err).toContain('give --out <file.npz>')
  })

  it('summaries export writes the analysed summaries as .npz with their labels', async () => {
    const npz = join(tmp.dir, 'summaries.npz')
    const r = await scwJson<{ exported: number }>('summaries', 'export', project, npz)
    expect(r.exported).toBe(15)
    const z = decodeNpz(new Uint8Array(readFileSync(npz)))
    expect(z.mean_log).toMatchObject({ dtype: 'f4', shape: [15, 1025] })
    expect(z.mean_mag).toMatchObject({ dtype: 'f4', shape: [15, 1025] })
    expect(z.frequencies.data).toEqual(Float64Array.from(golden.frequencies))
    expect([...new Set(z.device.data as string[])].sort()).toEqual(['a', 'b', 'c'])
    // Sources are stored with links resolved (../shared may be a link to the golden data).
    const corpus = realpathSync(CORPUS)
    expect((z.path.data as string[]).every((p) => p.startsWith(corpus))).toBe(true)
    expect(
      (z.scene.data as string[]).every((sc, i) => (z.group.data as string[])[i].startsWith(sc)),
    ).toBe(true)
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
