// Guarantee 4: no export from a partial or stale state. Export analyses what is pending first
// and makes the estimate again when the current one predates newer summaries; a file changed
// since indexing is probed again (analysis and export), or fails with the reason when it
// changes under the reader. The CLI runs on a real project; the worker functions are called
// as the worker threads call them.
import { statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeAudio } from '../../../src-main/audio'
import { openProject } from '../../../src-main/services/project'
import { setReference } from '../../../src-main/services/reference'
import { analyzeFile } from '../../../src-main/workers/analyze-file'
import { exportFile } from '../../../src-main/workers/export-file'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { doneRowProblems } from '../../helpers/export-checks'
import { wavBytes, writeDcaseCorpus } from '../../helpers/integrity-corpus'

const tmp = tempFolder()
afterAll(() => tmp.cleanup())

interface ExportJson {
  written: number
  failed: { path: string; error: string }[]
  preparation: {
    reprobed: { path: string; change: string }[]
    analysed: number
    estimateId: number
    replacedEstimateId: number | null
  }
}

interface Sidecar {
  estimate: { estimateId: number; reference: string; recordings: Record<string, number> }
  fir: Record<string, Record<string, number[]>>
}

const sidecar = async (out: string): Promise<Sidecar> =>
  JSON.parse(await readFile(join(out, 'scw-export.json'), 'utf8')) as Sidecar

function pendingCount(project: string): number {
  const db = new Database(project, { readonly: true })
  try {
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM recordings r WHERE r.status = 'ok' AND NOT EXISTS
           (SELECT 1 FROM summaries s WHERE s.recording_id = r.id AND s.size = r.size AND s.mtime_ms = r.mtime_ms)`,
      )
      .get() as { n: number }
    return row.n
  } finally {
    db.close()
  }
}

describe('an export after a partial analysis', () => {
  const corpus = join(tmp.dir, 'shard', 'corpus')
  const project = join(tmp.dir, 'shard', 'p.scw')
  let partialId: number

  beforeAll(async () => {
    writeDcaseCorpus(corpus, { perDevice: 5 }) // 15 recordings
    await scwJson('index', project, corpus, '--labels', 'dcase')
    await scwJson('analyze', project, '--shard', '1/5')
    expect(pendingCount(project)).toBeGreaterThan(0)
    // The reference is chosen while a fifth is analysed: the estimate covers only that fifth.
    const p = openProject(project)
    try {
      partialId = setReference(p, 'a')!.id
    } finally {
      p.close()
    }
  }, 60_000)

  it('analyses the rest first and corrects with an estimate of all 15 recordings', async () => {
    const out = join(tmp.dir, 'shard', 'out')
    const r = await scwJson<ExportJson>('export', project, out)
    expect(pendingCount(project)).toBe(0)
    expect(r.preparation.analysed).toBeGreaterThan(0)
    expect(r.preparation.replacedEstimateId).toBe(partialId)
    const s = await sidecar(out)
    expect(s.estimate.estimateId).toBe(r.preparation.estimateId)
    expect(s.estimate.reference).toBe('a')
    expect(s.estimate.recordings).toEqual({ a: 5, b: 5, c: 5 })
    expect(r.written).toBe(15)
  })

  it('makes the estimate again when analysis finished after it', async () => {
    const corpus2 = join(tmp.dir, 'stale', 'corpus')
    const project2 = join(tmp.dir, 'stale', 'p.scw')
    writeDcaseCorpus(corpus2, { perDevice: 5 })
    await scwJson('index', project2, corpus2, '--labels', 'dcase')
    await scwJson('analyze', project2, '--shard', '1/5')
    const p = openProject(project2)
    let stale: number
    try {
      stale = setReference(p, 'a')!.id
    } finally {
      p.close()
    }
    await scwJson('analyze', project2) // finishes the analysis; the estimate stays as it was
    const out = join(tmp.dir, 'stale', 'out')
    const text = await scw('export', project2, out)
    expect(text.code, text.err).toBe(0)
    expect(text.out).toMatch(
      new RegExp(`estimate ${stale} predates newer summaries: made again as estimate \\d+`),
    )
    const s = await sidecar(out)
    expect(s.estimate.estimateId).not.toBe(stale)
    expect(s.estimate.reference).toBe('a')
    expect(s.estimate.recordings).toEqual({ a: 5, b: 5, c: 5 })
  })
})

describe('a file replaced after analysis', () => {
  it('is probed again, analysed again, and exported at its new rate with a filter for that rate', async () => {
    const corpus = join(tmp.dir, 'replaced', 'corpus')
    const project = join(tmp.dir, 'replaced', 'p.scw')
    const out = join(tmp.dir, 'replaced', 'out')
    const files = writeDcaseCorpus(corpus, { perDevice: 3, seconds: 1 })
    await scwJson('index', project, corpus, '--labels', 'dcase')
    await scwJson('estimate', project, '--reference', 'a')
    // The audit's case: a 48 kHz file replaced by an 8 kHz stereo one.
    const victim = join(
      corpus,
      files.find((f) => f.endsWith('-b.wav'))!,
    )
    writeFileSync(victim, wavBytes({ sampleRate: 8000, channels: 2, seconds: 2, seed: 99 }))
    // The paper's FIR: on this noise corpus the policy finds no band b's 8 kHz file shares with
    // the reference and refuses it; what is tested here is the new rate's own filter.
    const r = await scwJson<ExportJson>('export', project, out, '--paper-exact')
    expect(r.failed).toEqual([])
    expect(r.preparation.reprobed.map((f) => f.path)).toEqual([victim])
    expect(r.preparation.reprobed[0].change).toMatch(/changed since it was indexed \(size/)
    expect(r.preparation.replacedEstimateId).not.toBeNull()
    const rel = victim.slice(corpus.length + 1)
    const info = await probeAudio(join(out, rel))
    expect(info).toMatchObject({ sampleRate: 8000, channels: 2, frames: 16000 })
    expect(Object.keys((await sidecar(out)).fir.b).sort()).toEqual(['48000', '8000'])
    expect(doneRowProblems(project, out)).toEqual([])
  })

  it('is probed again before analysis reads it', async () => {
    const corpus = join(tmp.dir, 'reanalysed', 'corpus')
    const project = join(tmp.dir, 'reanalysed', 'p.scw')
    const files = writeDcaseCorpus(corpus, { perDevice: 2 })
    await scwJson('index', project, corpus, '--labels', 'dcase')
    const victim = join(corpus, files[0])
    writeFileSync(victim, wavBytes({ sampleRate: 16000, channels: 1, seconds: 3, seed: 7 }))
    await scwJson('analyze', project)
    const db = new Database(project, { readonly: true })
    try {
      const row = db
        .prepare(
          `SELECT r.sample_rate, r.duration_sec, r.size, s.status, s.size AS s_size FROM recordings r
             JOIN summaries s ON s.recording_id = r.id WHERE r.rel_path = ?`,
        )
        .get(files[0]) as Record<string, number | string>
      expect(row).toEqual({
        sample_rate: 16000,
        duration_sec: 3,
        size: statSync(victim).size,
        status: 'done',
        s_size: statSync(victim).size,
      })
    } finally {
      db.close()
    }
  })

  it('fails with the reason when it changes between planning and reading (worker check)', async () => {
    const path = join(tmp.dir, 'race.wav')
    writeFileSync(path, wavBytes({ seed: 3 }))
    const indexed = { size: statSync(path).size, mtimeMs: statSync(path).mtimeMs }
    writeFileSync(path, wavBytes({ seed: 4, sampleRate: 8000 }))
    const exported = await exportFile({
      inputPath: path,
      outputPath: join(tmp.dir, 'race-out.wav'),
      correction: { method: 'fir', fir: Float64Array.of(1), nFft: 2048, hopLength: 512 },
      format: 'same',
      gainDb: 0,
      expected: { ...indexed, sampleRate: 48000 },
    })
    expect(exported.status).toBe('failed')
    expect(exported.error).toMatch(
      /race\.wav: changed since it was indexed \(\d+ → \d+ bytes, .*rescan/,
    )
    const analysed = await analyzeFile({
      path,
      nFft: 2048,
      hopLength: 512,
      sampleRate: 48000,
      expected: indexed,
    })
    expect(analysed.status).toBe('failed')
    expect(analysed.error).toMatch(/race\.wav: changed since it was indexed/)
  })
})
