// Summary files (.scws): spectral summaries as newline-delimited JSON, so a corpus can be
// analysed as a job array on a cluster (`analyze --shard i/n --summaries-out`) and merged.
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { open, type FileHandle } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { APP_VERSION } from '@shared/app-info'
import type { FileWarning } from '@shared/model/warning'
import { fromF32Blob } from '../db/blobs'
import { writeTransaction, type Db } from '../db/connection'
import { readableRecordingFiles, type AnalysisKey, type RecordingFile } from '../db/recordings-repo'
import { listValidSummaries, summaryWriter, type SummaryRow } from '../db/summaries-repo'
import type { Project } from './project'
import { finiteOrFailed } from './summary-check'

const FORMAT = 'scw-summaries'
const VERSION = 1

/**
 * The first line. Its field names are the file format's: `hop` stays `hop` on disk (files written
 * before the code said hopLength must still import), mapped to AnalysisKey.hopLength here.
 */
interface Header {
  format: typeof FORMAT
  version: number
  appVersion: string
  nFft: number
  hop: number
  sampleRate: number
}

interface Line {
  root: string
  path: string
  size: number
  contentHash: string | null
  status: SummaryRow['status']
  error: string | null
  frames: number | null
  dc: number | null
  rms: number | null
  peak: number | null
  clippedSamples: number | null
  meanLog: string | null
  meanMag: string | null
  /** Digitally silent frames and their mean spectra (absent in files written before them). */
  silentFrames?: number | null
  silentMeanLog?: string | null
  silentMeanMag?: string | null
  /** What reading the file worked around (absent in files written before warnings were kept). */
  warnings?: FileWarning[]
}

const b64 = (a: Float32Array | Float64Array | null): string | null =>
  a && Buffer.from(Float32Array.from(a).buffer).toString('base64')
const unb64 = (s: string | null): Float32Array | null =>
  s === null ? null : fromF32Blob(Buffer.from(s, 'base64'))

/** A writer of one summary file; `add` appends one analysed recording. */
export async function createSummaryFile(
  path: string,
  key: AnalysisKey,
): Promise<{ add(file: SummaryFileKey, r: SummaryRow): void; close(): Promise<void> }> {
  const fh: FileHandle = await open(path, 'w')
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    appVersion: APP_VERSION,
    nFft: key.nFft,
    hop: key.hopLength,
    sampleRate: key.sampleRate,
  }
  let chain = fh.write(`${JSON.stringify(header)}\n`).then(() => undefined)
  return {
    add(file, r) {
      const line: Line = {
        root: file.root,
        path: file.relativePath,
        size: file.size,
        contentHash: r.contentHash,
        status: r.status,
        error: r.error,
        frames: r.frames,
        dc: r.dc,
        rms: r.rms,
        peak: r.peak,
        clippedSamples: r.clippedSamples,
        meanLog: b64(r.meanLog),
        meanMag: b64(r.meanMag),
        silentFrames: r.silentFrames ?? null,
        silentMeanLog: b64(r.silentMeanLog ?? null),
        silentMeanMag: b64(r.silentMeanMag ?? null),
        warnings: r.warnings?.length ? [...r.warnings] : undefined,
      }
      chain = chain.then(() => fh.write(`${JSON.stringify(line)}\n`).then(() => undefined))
    },
    async close() {
      await chain
      await fh.sync()
      await fh.close()
    },
  }
}

/** Which file a summary line belongs to. */
export interface SummaryFileKey {
  root: string
  relativePath: string
  size: number
}

/** Writes every valid summary of the project at its current settings to `path`. */
export async function exportSummaries(project: Project, path: string): Promise<number> {
  const key = project.analysisKey()
  const rows = listValidSummaries(project.db, key)
  const file = await createSummaryFile(path, key)
  for (const row of rows) file.add(row, row)
  await file.close()
  return rows.length
}

export interface ImportReport {
  imported: number
  /** Lines whose recording is not in the project, or whose size differs. */
  unmatched: { path: string; reason: string }[]
}

/**
 * Merges summary files into the project. A line matches a recording by source root and relative
 * path, or (when the corpus sits at another path on the machine that analysed it) by relative
 * path alone if unique; the file size must agree. Settings must equal the project's.
 */
export async function importSummaries(
  project: Project,
  paths: readonly string[],
): Promise<ImportReport> {
  const key = project.analysisKey()
  const index = recordingIndex(project.db)
  const put = summaryWriter(project.db, key)
  const report: ImportReport = { imported: 0, unmatched: [] }
  for (const path of paths) {
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
    let header: Header | undefined
    const batch: [RecordingFile, SummaryRow][] = []
    let n = 0
    for await (const text of lines) {
      n++
      if (!text.trim()) continue
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        throw new Error(`${path}:${n}: not JSON; is this a summary file written by scw?`)
      }
      if (!header) {
        header = checkHeader(parsed, path, key)
        continue
      }
      const line = parsed as Line
      const rec =
        index.byRootPath.get(`${line.root}\u0000${line.path}`) ?? index.uniqueByPath.get(line.path)
      if (!rec) {
        report.unmatched.push({ path: line.path, reason: 'not in this project' })
        continue
      }
      if (rec.size !== line.size) {
        report.unmatched.push({
          path: line.path,
          reason: `size ${line.size} differs from the indexed ${rec.size}`,
        })
        continue
      }
      batch.push([
        rec,
        {
          status: line.status,
          error: line.error,
          contentHash: line.contentHash,
          frames: line.frames,
          meanLog: unb64(line.meanLog),
          meanMag: unb64(line.meanMag),
          dc: line.dc,
          rms: line.rms,
          peak: line.peak,
          clippedSamples: line.clippedSamples,
          silentFrames: line.silentFrames ?? null,
          silentMeanLog: unb64(line.silentMeanLog ?? null),
          silentMeanMag: unb64(line.silentMeanMag ?? null),
          warnings: line.warnings ?? [],
        },
      ])
    }
    if (!header) throw new Error(`${path}: empty; expected a summary file written by scw`)
    writeTransaction(project.db, () => {
      for (const [rec, row] of batch)
        put(rec, finiteOrFailed(join(rec.root, rec.relativePath), row))
    })
    report.imported += batch.length
  }
  return report
}

function checkHeader(value: unknown, path: string, key: AnalysisKey): Header {
  const h = value as Partial<Header>
  if (h.format !== FORMAT) throw new Error(`${path}: not a summary file (no "${FORMAT}" header)`)
  if (h.version !== VERSION)
    throw new Error(`${path}: summary file version ${h.version}; this app reads ${VERSION}`)
  if (h.nFft !== key.nFft || h.hop !== key.hopLength || h.sampleRate !== key.sampleRate) {
    throw new Error(
      `${path}: analysed at nFft=${h.nFft} hop=${h.hop} ${h.sampleRate} Hz, but the project uses nFft=${key.nFft} hop=${key.hopLength} ${key.sampleRate} Hz`,
    )
  }
  return h as Header
}

function recordingIndex(db: Db): {
  byRootPath: Map<string, RecordingFile>
  uniqueByPath: Map<string, RecordingFile>
} {
  const rows = readableRecordingFiles(db)
  const byRootPath = new Map(rows.map((r) => [`${r.root}\u0000${r.relativePath}`, r]))
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.relativePath, (counts.get(r.relativePath) ?? 0) + 1)
  const uniqueByPath = new Map(
    rows.filter((r) => counts.get(r.relativePath) === 1).map((r) => [r.relativePath, r]),
  )
  return { byRootPath, uniqueByPath }
}
