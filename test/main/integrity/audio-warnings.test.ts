// Guarantee 5: decoders never invent or silently drop audio, and every warning the audio layer
// computes reaches the user and is stored. A corpus of damaged files generated here (a FLAC with
// 2,000 corrupted bytes, a FLAC with no decodable frame, an Ogg Vorbis cut in half, an MP3 with
// a damaged frame, a WAV whose block align lies, a WAV whose data size runs past its end) goes
// through index, analyze, estimate and export as the CLI runs them, on a real project file; the
// warnings must appear in the CLI's text and --json output, in the database, in manifest.csv and
// scw-export.json, and in what the backend hands the UI. A file with no decodable sample fails
// "no audio" instead of passing as silent.
import { readFileSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  warningsFromJson,
  type FileWarning,
  type FileWarningCode,
  type FileWarnings,
} from '@shared/model/warning'
import { createBackend } from '../../../src-main/backend/backend'
import { scw, tempFolder } from '../../helpers/cli'
import { readManifest } from '../../helpers/export-checks'
import { noiseAndTone, writeWav } from '../../helpers/integrity-corpus'
import { flacStream } from '../audio/flac-writer'
import { unitsOf } from '../audio/stream-units'
import { chunk, fmt, riff, sampleBytes } from '../audio/wav-builder'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
afterAll(() => tmp.cleanup())
// mpg123 logs what it cannot decode to the console; keep the test output readable
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  return () => vi.restoreAllMocks()
})

const fixture = (name: string): Uint8Array =>
  new Uint8Array(
    readFileSync(fileURLToPath(new URL(`../../fixtures/audio/${name}`, import.meta.url))),
  )

/** 24-bit integers of noise and a tone, per channel (48 kHz stereo, `seconds` long). */
function pcm24(seconds: number, seed: number): number[][] {
  return noiseAndTone({ seconds, seed }).map((x) => Array.from(x, (v) => Math.round(v * 2 ** 23)))
}

/** A 48 kHz stereo 24-bit FLAC of noise and a tone (verbatim frames of 4096). */
function flacOf(seconds: number, seed: number): Uint8Array {
  const pcm = pcm24(seconds, seed)
  const frames = []
  for (let at = 0, n = 0; at < pcm[0].length; at += 4096, n++)
    frames.push({ assignment: 1, number: n, subframes: pcm.map((c) => c.slice(at, at + 4096)) })
  return flacStream({
    sampleRate: 48000,
    bits: 24,
    channels: 2,
    totalFrames: pcm[0].length,
    frames,
  })
}

/** A 48 kHz stereo PCM24 WAV whose fmt chunk and data size say what `lie` says. */
function wavOf(seed: number, lie: { blockAlign?: number; dataSize?: number }): Uint8Array {
  const body = sampleBytes('pcm24', pcm24(1, seed))
  return riff([
    fmt({ channels: 2, rate: 48000, bits: 24, blockAlign: lie.blockAlign }),
    chunk('data', body, lie.dataSize ?? body.length),
  ])
}

// Device a (the reference) is clean; every file of device b is damaged in its own way.
const DAMAGED = {
  flac: 'park-lyon-1-0-b.flac',
  ruined: 'park-lyon-2-0-b.flac',
  ogg: 'park-vienna-3-0-b.ogg',
  earlyOgg: 'park-vienna-7-0-b.ogg',
  mp3: 'park-vienna-4-0-b.mp3',
  align: 'park-lyon-5-0-b.wav',
  dataSize: 'park-vienna-6-0-b.wav',
}

beforeAll(() => {
  for (let i = 1; i <= 7; i++)
    writeWav(join(corpus, `park-${i % 2 ? 'lyon' : 'vienna'}-${i}-0-a.wav`), { seed: i })
  const flac = flacOf(3, 11)
  for (let i = 60000; i < 62000; i++) flac[i] = (i * 7919) & 0xff // 2,000 bytes mid-stream
  writeFileSync(join(corpus, DAMAGED.flac), flac)
  const ruined = flacOf(1, 12)
  for (let i = 100; i < ruined.length; i++) ruined[i] = (i * 31) & 0xff // STREAMINFO whole
  writeFileSync(join(corpus, DAMAGED.ruined), ruined)
  const ogg = fixture('noise-3s-mono.ogg')
  // Pages of audio start at bytes 3381, 7588 and 11771: cut inside the second, then the first.
  writeFileSync(join(corpus, DAMAGED.ogg), ogg.subarray(0, 9000))
  writeFileSync(join(corpus, DAMAGED.earlyOgg), ogg.subarray(0, 5000))
  const mp3 = fixture('tone-1k-mono-noxing.mp3')
  const frame = unitsOf(mp3, 'mp3').map((u) => u.at)
  mp3[frame[20] + 1] = 0 // the sync of frame 20
  writeFileSync(join(corpus, DAMAGED.mp3), mp3)
  writeFileSync(join(corpus, DAMAGED.align), wavOf(13, { blockAlign: 7 }))
  writeFileSync(join(corpus, DAMAGED.dataSize), wavOf(14, { dataSize: 1 << 24 }))
})

/** A new project over the corpus, indexed; returns its path and the index's JSON. */
async function indexed(
  name: string,
): Promise<{ project: string; index: { warnings: FileWarnings[] } }> {
  const project = join(tmp.dir, `${name}.scw`)
  const r = await scw('index', project, corpus, '--labels', 'dcase', '--json')
  return { project, index: JSON.parse(r.out) as { warnings: FileWarnings[] } }
}

type Name = keyof typeof DAMAGED
const nameOf = (path: string): Name => {
  const base = path.split('/').pop()
  const name = (Object.keys(DAMAGED) as Name[]).find((k) => DAMAGED[k] === base)
  if (!name) throw new Error(`not a damaged file: ${path}`)
  return name
}
/** Codes per damaged file, by its key in DAMAGED. */
const codesOf = (files: readonly FileWarnings[]): Partial<Record<Name, FileWarningCode[]>> =>
  Object.fromEntries(files.map((f) => [nameOf(f.path), f.warnings.map((w) => w.code)]))
/** The lines printWarnings writes for `files`. */
const lines = (files: readonly FileWarnings[]): string[] =>
  files.flatMap((f) => f.warnings.map((w) => `warning: ${w.message} [${w.code}]`))

interface AnalyzeJson {
  analysed: number
  silent: number
  failed: { path: string; error: string }[]
  warnings: FileWarnings[]
}
interface ExportJson {
  written: number
  failed: { path: string; error: string }[]
  warnings: FileWarnings[]
}

/** What the probe finds in the header (the rest is only seen by decoding). */
const PROBED: Partial<Record<Name, FileWarningCode[]>> = {
  align: ['header-mismatch'],
  dataSize: ['data-size'],
  earlyOgg: ['truncated'],
  mp3: ['length-unknown'],
  ogg: ['truncated'],
}
/** What decoding the whole file finds. */
const DECODED: Partial<Record<Name, FileWarningCode[]>> = {
  align: ['header-mismatch'],
  dataSize: ['data-size'],
  earlyOgg: ['truncated', 'truncated'],
  flac: ['damaged', 'length-mismatch'],
  mp3: ['length-unknown', 'damaged'],
  ogg: ['truncated', 'truncated'],
  ruined: ['damaged'],
}

function query<T>(project: string, sql: string): T[] {
  const db = new Database(project, { readonly: true })
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}

/** Stored warnings of a table (a JSON array, or null), per damaged file. */
function stored(project: string, sql: string): Partial<Record<Name, FileWarningCode[]>> {
  const rows = query<{ path: string; warnings: string | null }>(project, sql)
  return Object.fromEntries(
    rows
      .map((r) => ({ path: r.path, codes: warningsFromJson(r.warnings).map((w) => w.code) }))
      .filter((r) => r.codes.length)
      .map((r) => [nameOf(r.path), r.codes]),
  )
}

const NO_AUDIO = /^park-(lyon-2-0-b\.flac|vienna-7-0-b\.ogg): no audio: not one sample frame/

describe('guarantee 5: every warning of the audio layer reaches the user and is stored', () => {
  let project: string // indexed, analysed (--json), exported (--json)
  let out: string
  let analysis: AnalyzeJson

  it('index: the header warnings in --json and in the text, stored with the recordings', async () => {
    const first = await indexed('p')
    project = first.project
    expect(codesOf(first.index.warnings)).toEqual(PROBED)
    expect(
      stored(project, 'SELECT rel_path AS path, warnings FROM recordings ORDER BY rel_path'),
    ).toEqual(PROBED)
    const text = await scw('index', join(tmp.dir, 'text.scw'), corpus, '--labels', 'dcase')
    expect(text.code).toBe(0)
    const printed = text.out.split('\n').filter((l) => l.startsWith('warning: '))
    expect(printed).toEqual(lines(first.index.warnings))
    expect(printed).toContain(
      'warning: park-vienna-6-0-b.wav: data chunk claims 16777216 bytes but only 288000 remain; clamped [data-size]',
    )
    expect(printed).toContain(
      'warning: park-lyon-5-0-b.wav: fmt chunk says 7 bytes per frame; using 6 (2 × 24 bits) [header-mismatch]',
    )
  })

  it('analyze --json: every file read with warnings, by file; no audio fails, never silent', async () => {
    const r = await scw('analyze', project, '--json')
    expect(r.code).toBe(3)
    analysis = JSON.parse(r.out) as AnalyzeJson
    expect(analysis.silent).toBe(0)
    expect(analysis.analysed).toBe(12)
    expect(analysis.failed.map((f) => nameOf(f.path)).sort()).toEqual(['earlyOgg', 'ruined'])
    for (const f of analysis.failed) expect(f.error).toMatch(NO_AUDIO)
    expect(codesOf(analysis.warnings)).toEqual(DECODED)
    // The audit's FLAC: what was lost is said exactly.
    const flac = analysis.warnings.find((f) => nameOf(f.path) === 'flac')!.warnings
    expect(flac[0].message).toMatch(/sample frames 8192–12287 \(4096\) are lost$/)
    expect(flac[1].message).toBe(
      'park-lyon-1-0-b.flac: decoded 139904 of the 144000 sample frames the header states; 4096 are missing',
    )
  })

  it('analysis: the warnings stored with the summaries; the file without audio failed, not silent', () => {
    expect(
      stored(
        project,
        `SELECT r.rel_path AS path, s.warnings FROM summaries s JOIN recordings r ON r.id = s.recording_id`,
      ),
    ).toEqual(DECODED)
    const failed = query<{ path: string; status: string; error: string }>(
      project,
      `SELECT r.rel_path AS path, s.status, s.error FROM summaries s
       JOIN recordings r ON r.id = s.recording_id WHERE s.status != 'done' ORDER BY r.rel_path`,
    )
    expect(failed.map((f) => [nameOf(f.path), f.status])).toEqual([
      ['ruined', 'failed'],
      ['earlyOgg', 'failed'],
    ])
    for (const f of failed) expect(f.error).toMatch(NO_AUDIO)
  })

  it('analyze prints each warning as a line naming the file', async () => {
    const r = await scw('analyze', join(tmp.dir, 'text.scw'))
    expect(r.code).toBe(3)
    const printed = r.out.split('\n').filter((l) => l.startsWith('warning: '))
    expect(printed).toEqual(lines(analysis.warnings))
    expect(r.out).toMatch(/^analysed 12, silent 0, failed 2:/)
    expect(r.out.split('\n').filter((l) => l.startsWith('failed: '))).toHaveLength(2)
  })

  it('estimate --json: the coefficients on stdout, what its analysis found on stderr', async () => {
    const { project: fresh } = await indexed('estimate')
    const r = await scw('estimate', fresh, '--reference', 'a', '--json')
    expect(r.code).toBe(3)
    const e = JSON.parse(r.out) as { coefficients: Record<string, number[]> }
    expect(Object.keys(e.coefficients).sort()).toEqual(['a', 'b'])
    const err = r.err.split('\n')
    expect(err.filter((l) => l.startsWith('warning: '))).toEqual(lines(analysis.warnings))
    expect(err.filter((l) => l.startsWith('left out (analysis failed): '))).toHaveLength(2)
  })

  it('a cluster shard’s summary file carries them into the project it is imported into', async () => {
    const { project: node } = await indexed('node')
    const file = join(tmp.dir, 'shard.scws')
    const r = await scw('analyze', node, '--shard', '1/1', '--summaries-out', file)
    expect(r.code).toBe(3)
    const { project: merged } = await indexed('merged')
    expect((await scw('summaries', 'import', merged, file)).code).toBe(0)
    expect(
      stored(
        merged,
        `SELECT r.rel_path AS path, s.warnings FROM summaries s JOIN recordings r ON r.id = s.recording_id`,
      ),
    ).toEqual(DECODED)
  })

  it('export: --json, text, manifest.csv, scw-export.json and the job’s rows carry them', async () => {
    expect((await scw('estimate', project, '--reference', 'a', '--json')).code).toBe(0)
    out = join(tmp.dir, 'out')
    // The paper's FIR: the policy refuses device b, whose tones share under an octave of signal
    // with the reference (no ground for a correction); its warnings are what is tested here.
    const r = await scw('export', project, out, '--paper-exact', '--json')
    expect(r.code, r.err + r.out).toBe(3)
    const j = JSON.parse(r.out) as ExportJson
    expect(j.written).toBe(12)
    expect(j.failed.map((f) => nameOf(f.path)).sort()).toEqual(['earlyOgg', 'ruined'])
    expect(codesOf(j.warnings)).toEqual(DECODED)
    // manifest.csv: the messages of each file in its warnings column
    const manifest = readManifest(out)
    const column = Object.fromEntries(
      manifest.filter((m) => m.warnings).map((m) => [nameOf(m.input), m.warnings]),
    )
    expect(column).toEqual(
      Object.fromEntries(
        j.warnings.map((f) => [nameOf(f.path), f.warnings.map((w) => w.message).join('; ')]),
      ),
    )
    expect(manifest.filter((m) => !m.warnings)).toHaveLength(7) // device a: clean
    const sidecar = JSON.parse(await readFile(join(out, 'scw-export.json'), 'utf8')) as {
      warnings: { input: string; warnings: FileWarning[] }[]
    }
    expect(codesOf(sidecar.warnings.map((w) => ({ path: w.input, warnings: w.warnings })))).toEqual(
      DECODED,
    )
    expect(
      stored(
        project,
        `SELECT r.rel_path AS path, f.warnings FROM export_files f JOIN recordings r ON r.id = f.recording_id`,
      ),
    ).toEqual(DECODED)
    const textProject = join(tmp.dir, 'text.scw')
    expect((await scw('estimate', textProject, '--reference', 'a')).code).toBe(0)
    const text = await scw('export', textProject, join(tmp.dir, 'out-text'), '--paper-exact')
    expect(text.code, text.err).toBe(3)
    expect(text.out.split('\n').filter((l) => l.startsWith('warning: '))).toEqual(lines(j.warnings))
  })

  it('the UI: recording rows and details carry them, and so does the export job’s report', async () => {
    const backend = await createBackend({
      transport: 'browser',
      stateDir: join(tmp.dir, 'state'),
      demoDir: join(tmp.dir, 'demo'),
    })
    try {
      await backend.handle('project.open', { path: project })
      const rows = await backend.handle('recordings.list', {})
      const warned = rows.filter((row) => row.warnings.length)
      // The header's warnings and then the analysis's, each once
      expect(codesOf(warned)).toEqual(DECODED)
      const ruined = rows.find((row) => row.path.endsWith(DAMAGED.ruined))!
      expect([ruined.analysis, ruined.error]).toEqual(['failed', expect.stringMatching(NO_AUDIO)])
      const detail = await backend.handle('recordings.detail', {
        id: rows.find((row) => row.path.endsWith(DAMAGED.flac))!.id,
      })
      expect(detail.recording.warnings.map((w) => w.code)).toEqual(['damaged', 'length-mismatch'])
      const { jobId } = await backend.handle('export.start', {
        outDir: join(tmp.dir, 'out-ui'),
        method: 'fir',
        taps: 1025,
        format: 'same',
        gain: 0,
      })
      let job = (await backend.handle('jobs.list', {})).find((x) => x.id === jobId)!
      while (job.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 20))
        job = (await backend.handle('jobs.list', {})).find((x) => x.id === jobId)!
      }
      expect(codesOf((job.report as { warnings: FileWarnings[] }).warnings)).toEqual(DECODED)
    } finally {
      await backend.close()
    }
  })
})
