// Guarantee 3: no estimate from bad numbers. A float WAV with one finite sample of 3e38 (its
// spectrum overflows) fails analysis with the reason instead of being stored as done, the
// estimate keeps finite, non-zero coefficients for its device, and that device's files are not
// exported as digital silence. A summary file carrying non-finite numbers is not imported as
// done either.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeAudioFile, encodeWav } from '../../../src-main/audio'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { noiseAndTone, writeDcaseCorpus } from '../../helpers/integrity-corpus'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')
let bad: string

beforeAll(() => {
  const files = writeDcaseCorpus(corpus, { perDevice: 4 })
  bad = files.find((f) => f.endsWith('-b.wav'))!
  // Float32 stereo at 48 kHz, ordinary noise but for one sample of 3e38 (finite, near FLT_MAX).
  const x = noiseAndTone({ seed: 77 })
  x[0][1234] = 3e38
  writeFileSync(join(corpus, bad), encodeWav(x, 48000, 'float32').bytes)
})
afterAll(() => tmp.cleanup())

describe('a float WAV with a sample of 3e38', () => {
  it('fails analysis with the reason; nothing non-finite is stored as done', async () => {
    await scwJson('index', project, corpus, '--labels', 'dcase')
    const r = await scw('analyze', project, '--json')
    expect(r.code).toBe(3)
    const j = JSON.parse(r.out) as { analysed: number; failed: { path: string; error: string }[] }
    expect(j.analysed).toBe(11)
    expect(j.failed).toHaveLength(1)
    expect(j.failed[0].path).toBe(join(corpus, bad))
    expect(j.failed[0].error).toMatch(/spectrum is not finite .*3\.0e\+38/)
    const db = new Database(project, { readonly: true })
    try {
      const rows = db
        .prepare("SELECT mean_log, mean_mag FROM summaries WHERE status = 'done'")
        .all() as { mean_log: Buffer; mean_mag: Buffer }[]
      for (const row of rows) {
        for (const blob of [row.mean_log, row.mean_mag]) {
          const v = new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4)
          expect(v.every(Number.isFinite)).toBe(true)
        }
      }
    } finally {
      db.close()
    }
  })

  it('leaves the estimate of its device finite and non-zero', async () => {
    const e = await scwJson<{
      coefficients: Record<string, number[]>
      recordings: Record<string, number>
    }>('estimate', project, '--reference', 'a')
    expect(e.recordings.b).toBe(3)
    for (const [device, c] of Object.entries(e.coefficients)) {
      for (const v of c) {
        expect(Number.isFinite(v), device).toBe(true)
        expect(v, device).toBeGreaterThan(0)
      }
    }
  })

  it('does not export the device as digital silence', async () => {
    const out = join(tmp.dir, 'out')
    const r = await scw('export', project, out, '--json')
    const j = JSON.parse(r.out) as { written: number; failed: { path: string; error: string }[] }
    expect(r.code).toBe(3)
    expect(j.failed.map((f) => f.path)).toEqual([join(corpus, bad)])
    for (const f of readdirWavs(out).filter((p) => p.endsWith('-b.wav'))) {
      const { channels } = await decodeAudioFile(join(out, f))
      const energy = channels[0].reduce((s, v) => s + v * v, 0)
      expect(energy, f).toBeGreaterThan(1)
    }
  })
})

describe('an estimate that would hold a coefficient of zero', () => {
  it('leaves the device out with the reason instead', async () => {
    // Summaries of b holding +Infinity in bin 10, as a project analysed before this check may:
    // dcase2019's ratio of mean magnitudes there is 0, the audit's zeroed coefficients.
    const db = new Database(project)
    try {
      const rows = db
        .prepare(
          "SELECT s.rowid, s.mean_mag FROM summaries s JOIN recordings r ON r.id = s.recording_id WHERE r.device = 'b' AND s.status = 'done'",
        )
        .all() as { rowid: number; mean_mag: Buffer }[]
      for (const row of rows) {
        const mag = Buffer.from(row.mean_mag)
        mag.writeFloatLE(Number.POSITIVE_INFINITY, 4 * 10)
        db.prepare('UPDATE summaries SET mean_mag = ? WHERE rowid = ?').run(mag, row.rowid)
      }
    } finally {
      db.close()
    }
    const e = await scwJson<{
      coefficients: Record<string, (number | null)[]>
      missing: { device: string; reason: string }[]
    }>('estimate', project, '--variant', 'dcase2019', '--reference', 'a')
    expect(Object.keys(e.coefficients).sort()).toEqual(['a', 'c'])
    for (const c of Object.values(e.coefficients)) {
      for (const v of c) expect(typeof v === 'number' && Number.isFinite(v) && v > 0).toBe(true)
    }
    expect(e.missing).toEqual([
      {
        device: 'b',
        reason: expect.stringMatching(/coefficient at \d+ Hz is 0 \(not a finite gain above 0\)/),
      },
    ])
  })
})

describe('a summary file with non-finite numbers', () => {
  it('is not imported as done', async () => {
    const file = join(tmp.dir, 'all.scws')
    await scwJson('summaries', 'export', project, file)
    // Poison one done line: +Infinity in its mean log spectrum.
    const lines = readFileSync(file, 'utf8').trim().split('\n')
    const i = lines.findIndex(
      (l, k) => k > 0 && (JSON.parse(l) as { status: string }).status === 'done',
    )
    const line = JSON.parse(lines[i]) as { meanLog: string; path: string }
    const values = new Float32Array(Buffer.from(line.meanLog, 'base64').buffer.slice(0))
    values[5] = Number.POSITIVE_INFINITY
    line.meanLog = Buffer.from(values.buffer).toString('base64')
    lines[i] = JSON.stringify(line)
    writeFileSync(file, `${lines.join('\n')}\n`)
    const fresh = join(tmp.dir, 'fresh.scw')
    await scwJson('index', fresh, corpus, '--labels', 'dcase')
    await scw('summaries', 'import', fresh, file)
    const db = new Database(fresh, { readonly: true })
    try {
      const row = db
        .prepare(
          'SELECT s.status, s.error FROM summaries s JOIN recordings r ON r.id = s.recording_id WHERE r.rel_path = ?',
        )
        .get(line.path) as { status: string; error: string }
      expect(row.status).toBe('failed')
      expect(row.error).toMatch(/spectrum is not finite/)
    } finally {
      db.close()
    }
  })
})

function readdirWavs(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.wav'))
}
