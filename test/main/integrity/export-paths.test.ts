// Guarantees 1, 2 and 12: an export never writes into a source (whatever links lead there), two
// inputs never share an output, every `done` row's hash is the file's, and manifest cells cannot
// run as spreadsheet formulas. The CLI runs on real folders and a real project file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { doneRowProblems, readManifest, sha256 } from '../../helpers/export-checks'
import { writeWav } from '../../helpers/integrity-corpus'

const FIXTURES = join(import.meta.dirname, '../../fixtures/audio')
const tmp = tempFolder()
afterAll(() => tmp.cleanup())

/** sha256 of every file under `dir`, by relative path. */
function hashes(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name
    if (e.isDirectory()) Object.assign(out, hashes(dir, rel))
    else out[rel] = sha256(join(dir, rel))
  }
  return out
}

describe('guarantee 1: inputs are never written', () => {
  // The audit's layout: the source `data/audio` holds recordings at its top and in a
  // same-named sub-folder `audio/`; exporting to `data` would put the corrected copy of
  // `audio/x.wav` at `data/audio/x.wav`, which is the source file `x.wav`.
  const data = join(tmp.dir, 'g1', 'data')
  const source = join(data, 'audio')
  const project = join(tmp.dir, 'g1', 'p.scw')
  let before: Record<string, string>

  beforeAll(async () => {
    let seed = 1
    for (const folder of ['', 'audio/']) {
      for (let i = 0; i < 2; i++) {
        for (const d of ['a', 'b']) {
          writeWav(join(source, `${folder}park-lyon-${i}-0-${d}.wav`), { seed: seed++ })
        }
      }
    }
    await scwJson('index', project, source, '--labels', 'dcase')
    await scwJson('estimate', project, '--reference', 'a')
    before = hashes(source)
  }, 60_000)

  it('refuses an output folder that contains a source, before writing anything', async () => {
    const r = await scw('export', project, data)
    expect(r.code).toBe(2)
    expect(r.err).toContain(`the output folder ${data} contains the source ${source}`)
    expect(hashes(source)).toEqual(before)
    expect(readdirSync(data)).toEqual(['audio'])
  })

  it('refuses the same folder reached through a link', async () => {
    const link = join(tmp.dir, 'g1', 'link-to-data')
    symlinkSync(data, link)
    const r = await scw('export', project, join(link, 'out', '..'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/contains the source|lies inside the source|is the source/)
    const r2 = await scw('export', project, link)
    expect(r2.code).toBe(2)
    expect(r2.err).toContain(`contains the source ${source}`)
    expect(hashes(source)).toEqual(before)
  })

  it('refuses an output folder whose sub-folder links into a source, before writing anything', async () => {
    const out = join(tmp.dir, 'g1', 'out')
    mkdirSync(out)
    // The outputs of `audio/…` would land in out/audio/, which is the source itself.
    symlinkSync(source, join(out, 'audio'))
    const r = await scw('export', project, out)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/audio\/park-lyon-0-0-a\.wav would be written inside the source/)
    expect(hashes(source)).toEqual(before)
    expect(readdirSync(out)).toEqual(['audio'])
  })
})

describe('guarantee 2: one recording, one output', () => {
  const corpus = join(tmp.dir, 'g2', 'corpus')
  const project = join(tmp.dir, 'g2', 'p.scw')
  const out = join(tmp.dir, 'g2', 'out')

  beforeAll(async () => {
    // x.wav with x.flac, x.mp3 and x.WAV beside it (one folder per device).
    writeWav(join(corpus, 'a', 'x.wav'), { seed: 1 })
    copyFileSync(join(FIXTURES, 'tone-1k-mono.flac'), join(corpus, 'a', 'x.flac'))
    copyFileSync(join(FIXTURES, 'tone-1k-mono.mp3'), join(corpus, 'a', 'x.mp3'))
    writeWav(join(corpus, 'a', 'x.WAV'), { seed: 2, format: 'pcm16' })
    writeWav(join(corpus, 'a', 'y.wav'), { seed: 3 })
    writeWav(join(corpus, 'b', 'x.wav'), { seed: 4 })
    copyFileSync(join(FIXTURES, 'tone-440-880-stereo.ogg'), join(corpus, 'b', 'x.ogg'))
    writeWav(join(corpus, 'b', 'y.wav'), { seed: 5 })
    await scwJson('index', project, corpus, '--labels', 'folders')
    await scwJson('estimate', project, '--reference', 'a')
  }, 60_000)

  it('keeps x.wav, x.flac, x.mp3 and x.WAV apart, deterministically', async () => {
    const r = await scwJson<{ written: number; failed: unknown[] }>('export', project, out)
    expect(r).toMatchObject({ written: 8, failed: [] })
    const manifest = readManifest(out)
    const outputs = Object.fromEntries(
      manifest.map((m) => [m.input.slice(corpus.length + 1), m.output]),
    )
    expect(outputs).toEqual({
      'a/x.wav': 'a/x.wav',
      'a/x.flac': 'a/x.flac.wav',
      'a/x.mp3': 'a/x.mp3.wav',
      'a/x.WAV': 'a/x.WAV.wav',
      'a/y.wav': 'a/y.wav',
      'b/x.ogg': 'b/x.ogg.wav',
      'b/x.wav': 'b/x.wav',
      'b/y.wav': 'b/y.wav',
    })
    for (const m of manifest) expect(m.output_hash, m.output).toBe(sha256(join(out, m.output)))
    expect(doneRowProblems(project, out)).toEqual([])
  })

  it('every done row keeps the hash of the file on disk when the corpus grows and is exported again', async () => {
    // A new x.flac beside b/x.wav and b/x.ogg: the same settings resume the job with a new row.
    copyFileSync(join(FIXTURES, 'tone-440-880-stereo.flac'), join(corpus, 'b', 'x.flac'))
    await scwJson('index', project, corpus)
    const r = await scwJson<{ written: number; skipped: number }>('export', project, out)
    expect(r.written + r.skipped).toBe(9)
    expect(existsSync(join(out, 'b', 'x.flac.wav'))).toBe(true)
    expect(doneRowProblems(project, out)).toEqual([])
  })
})

describe('guarantee 12: manifest cells are CSV-safe', () => {
  const corpus = join(tmp.dir, 'g12', 'corpus')
  const project = join(tmp.dir, 'g12', 'p.scw')
  const out = join(tmp.dir, 'g12', 'out')

  it('escapes cells that start with = + - or @', async () => {
    // Device folders and file names a spreadsheet would run as formulas.
    const names = ['=HYPERLINK("x")', '+1+2', '-2+3', '@SUM(A1)']
    let seed = 1
    for (const d of names) {
      for (const f of ['=1+1.wav', 'plain.wav']) writeWav(join(corpus, d, f), { seed: seed++ })
    }
    await scwJson('index', project, corpus, '--labels', 'folders')
    await scwJson('estimate', project, '--reference', '+1+2')
    await scwJson('export', project, out)
    const manifest = readManifest(out)
    expect(manifest).toHaveLength(8)
    for (const row of manifest) {
      for (const [column, cell] of Object.entries(row)) {
        expect(cell, `${column}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/)
      }
    }
    // Escaped with a leading apostrophe, which spreadsheets hide, so the value reads as it is.
    const devices = manifest.map((m) => m.device).sort()
    expect([...new Set(devices)]).toEqual(["'+1+2", "'-2+3", '\'=HYPERLINK("x")', "'@SUM(A1)"])
    expect(manifest.some((m) => m.output === `'-2+3/=1+1.wav`)).toBe(true)
  })
})
