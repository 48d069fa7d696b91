// An export killed mid-way (a real SIGKILL) and run again ends complete and identical to an
// uninterrupted run; no half-written file ever sits at a final path.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { writeBenchCorpus } from '../../bench/corpus'
import { scw, scwJson, scwProcess, tempFolder } from '../../helpers/cli'

const FILES = 150
const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')

beforeAll(async () => {
  writeBenchCorpus(corpus, FILES)
  await scwJson('index', project, corpus, '--labels', 'dcase')
  await scwJson('estimate', project)
}, 120_000)
afterAll(() => tmp.cleanup())

const wavs = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.wav'))
        .sort()
    : []

it('resumes a killed export to the same bytes as an uninterrupted one', async () => {
  const reference = join(tmp.dir, 'reference')
  const full = await scwJson<{ written: number }>('export', project, reference, '--workers', '1')
  expect(full.written).toBe(FILES)

  const out = join(tmp.dir, 'out')
  const child = scwProcess('export', project, out, '--workers', '1')
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  // Kill once a tenth of the files are written: mid-way, with work in flight.
  while (wavs(out).length < FILES / 10) {
    if (child.exitCode !== null) throw new Error('the export finished before it could be killed')
    await new Promise((r) => setTimeout(r, 5))
  }
  child.kill('SIGKILL')
  await exited
  const partial = wavs(out)
  expect(partial.length).toBeLessThan(FILES)
  // Whatever sits at a final path is complete: same size and bytes as the reference output.
  for (const f of partial) {
    expect(readFileSync(join(out, f)).equals(readFileSync(join(reference, f))), f).toBe(true)
  }

  const resumed = await scw('export', project, out, '--workers', '1', '--json')
  expect(resumed.code).toBe(0)
  const r = JSON.parse(resumed.out) as { written: number; skipped: number }
  // A file renamed into place just before the kill, but not yet recorded as done, is written
  // again (atomically, to the same bytes): every other finished file is skipped.
  expect(r.skipped).toBeGreaterThan(0)
  expect(r.skipped).toBeLessThanOrEqual(partial.length)
  expect(r.skipped).toBeGreaterThanOrEqual(partial.length - 4)
  expect(r.written + r.skipped).toBe(FILES)
  expect(wavs(out)).toEqual(wavs(reference))
  for (const f of wavs(reference)) {
    expect(readFileSync(join(out, f)).equals(readFileSync(join(reference, f))), f).toBe(true)
  }
  expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([])

  // A repeated export rewrites nothing.
  const mtimes = wavs(out).map((f) => statSync(join(out, f)).mtimeMs)
  const again = await scwJson<{ written: number; skipped: number }>('export', project, out)
  expect(again).toMatchObject({ written: 0, skipped: FILES })
  expect(wavs(out).map((f) => statSync(join(out, f)).mtimeMs)).toEqual(mtimes)
}, 120_000)
