// Export: a corrected copy of the corpus, resumable, atomic per file, never silent about clipping.
import { existsSync, statSync } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { amplitudeToDb, dbToAmplitude } from '@shared/dsp/units'
import { parseDcaseMeta } from '@shared/labels'
import type { ExportReport } from '@shared/model/export'
import type { JobProgress } from '@shared/model/job'
import { DEFAULT_FIR_TAPS } from '@shared/model/project'
import {
  addExportFiles,
  createJob,
  getJob,
  listExportFiles,
  listJobs,
  setExportFile,
  setJobParams,
  setJobStatus,
  type ExportFileRow,
} from '../../db/jobs-repo'
import { exportCandidates, type ExportCandidate } from '../../db/recordings-repo'
import { listSources } from '../../db/sources-repo'
import { WorkerPool } from '../../jobs/pool'
import { ProgressTracker } from '../../jobs/progress'
import { isAbort, runAll } from '../../jobs/run-all'
import type {
  CorrectionSpec,
  ExportFormat,
  ExportResult,
  ExportTask,
} from '../../workers/export-file'
import { currentEstimate, estimate, type EstimateResult } from '../estimation'
import { outputPathOf, prepareOutputFolder, sourcePrefix } from './paths'
import { writeExportSidecars } from './sidecars'
import { firFor, stftGainsFor } from '../fir'
import type { Project } from '../project'

export interface ExportOptions {
  method?: 'fir' | 'stft'
  taps?: number
  format?: ExportFormat
  /** Devices to export (default: every device the estimate has coefficients for). */
  devices?: readonly string[]
  /** 'auto': the largest gain ≤ 0 dB that keeps every file below full scale; or a gain in dB. */
  gain?: 'auto' | number
  workers?: number
  signal?: AbortSignal
  onProgress?: (p: JobProgress) => void
}

/** Settings that identify an export: the same settings into the same folder resume one job. */
interface ExportParams {
  outDir: string
  estimateId: number
  method: 'fir' | 'stft'
  taps: number
  format: ExportFormat
  devices: string[]
  gain: 'auto' | number
  /** The gain applied, dB (resolved from 'auto' by the first pass). */
  gainDb: number | null
}

export type { ExportReport }

/** Headroom kept below full scale by --gain auto: −0.1 dB. */
const AUTO_GAIN_CEILING = dbToAmplitude(-0.1)

export async function exportCorpus(
  project: Project,
  outDir: string,
  options: ExportOptions = {},
): Promise<ExportReport> {
  const started = performance.now()
  const sources = listSources(project.db)
  const out = await prepareOutputFolder(outDir, sources)
  const est = currentEstimate(project) ?? estimate(project)
  const method = options.method ?? 'fir'
  const taps = options.taps ?? DEFAULT_FIR_TAPS
  if (!Number.isInteger(taps) || taps < 1 || taps % 2 === 0)
    throw new Error(`--taps ${taps}: must be an odd positive integer`)
  const available = Object.keys(est.devices)
  const devices = [...(options.devices ?? available)].sort()
  for (const d of devices) {
    if (!est.devices[d]) {
      throw new Error(
        `device ${d} has no coefficients in estimate ${est.id} (has: ${available.join(', ')})`,
      )
    }
  }
  const params: ExportParams = {
    outDir: out,
    estimateId: est.id,
    method,
    taps,
    format: options.format ?? 'same',
    devices,
    gain: options.gain ?? 0,
    gainDb: typeof options.gain === 'number' ? options.gain : options.gain === 'auto' ? null : 0,
  }
  const { candidates, excluded } = selectRecordings(
    exportCandidates(project.db),
    devices,
    available,
  )
  const sourceById = new Map(sources.map((s) => [s.id, s]))
  const prefixOf = (id: number): string => sourcePrefix(sourceById.get(id)!, sources.length > 1)
  const outputs = candidates.map((c) => ({
    recordingId: c.id,
    outputPath: prefixOf(c.sourceId) + outputPathOf(c.relativePath),
  }))
  const job = findResumableJob(project, params) ?? createJob(project.db, 'export', params)
  const jobParams = getJob(project.db, job)!.params as ExportParams
  setJobStatus(project.db, job, 'running')
  addExportFiles(project.db, job, outputs)
  const rows = new Map(listExportFiles(project.db, job).map((r) => [r.recordingId, r]))
  const report: ExportReport = {
    jobId: job,
    outDir: out,
    written: 0,
    skipped: 0,
    failed: [],
    clippedFiles: 0,
    clippedSamples: 0,
    seconds: 0,
    gainDb: 0,
    wallSeconds: 0,
    cancelled: false,
    excluded,
  }
  const specs = correctionSpecs(est, candidates, method, taps)
  const pool = new WorkerPool<ExportTask, ExportResult>('export', options.workers)
  try {
    const taskOf = (c: ExportCandidate, outputPath: string | null, gainDb: number): ExportTask => ({
      inputPath: join(c.root, c.relativePath),
      outputPath,
      correction: specs.get(`${c.device}@${c.sampleRate}`)!,
      format: params.format,
      gainDb,
    })
    if (jobParams.gainDb === null) {
      jobParams.gainDb = await autoGain(pool, candidates, (c) => taskOf(c, null, 0), options)
      setJobParams(project.db, job, jobParams)
    }
    report.gainDb = jobParams.gainDb
    const toWrite = candidates.filter((c) => !isDone(rows.get(c.id)!, out))
    report.skipped = candidates.length - toWrite.length
    for (const c of candidates) if (!toWrite.includes(c)) countDone(report, rows.get(c.id)!)
    const progress = new ProgressTracker(
      {
        jobId: job,
        kind: 'export',
        total: toWrite.length,
        totalSeconds: sum(toWrite.map((c) => c.durationSec)),
      },
      options.onProgress,
    )
    await runAll(toWrite, pool.threads * 2, options.signal, async (c) => {
      const row = rows.get(c.id)!
      const target = join(out, row.outputPath)
      await mkdir(dirname(target), { recursive: true })
      await rm(`${target}.partial`, { force: true })
      setExportFile(project.db, job, c.id, { status: 'writing' })
      const r = await pool.run(taskOf(c, target, jobParams.gainDb!), options.signal)
      if (r.status === 'done') {
        setExportFile(project.db, job, c.id, {
          status: 'done',
          clippedSamples: r.clippedSamples,
          outputHash: r.outputHash,
          bytes: r.bytes,
        })
        report.written++
        report.seconds += r.durationSec
        if (r.clippedSamples > 0) report.clippedFiles++
        report.clippedSamples += r.clippedSamples
      } else {
        setExportFile(project.db, job, c.id, { status: 'failed', error: r.error })
        report.failed.push({
          path: join(c.root, c.relativePath),
          error: r.error ?? 'unknown error',
        })
      }
      progress.tick(row.outputPath, r.durationSec, r.status !== 'done')
    })
    progress.end()
  } catch (e) {
    if (!isAbort(e)) {
      setJobStatus(project.db, job, 'failed', { error: (e as Error).message })
      throw e
    }
    report.cancelled = true
  } finally {
    await pool.close()
  }
  report.wallSeconds = (performance.now() - started) / 1000
  if (!report.cancelled) {
    await writeExportSidecars(project, {
      outDir: out,
      estimate: est,
      params: { ...jobParams, gainDb: report.gainDb },
      files: listExportFiles(project.db, job),
      candidates,
      sources,
      taps: method === 'fir' ? firTable(specs) : undefined,
      metaRewrite: await dcaseMetaOf(sources),
      prefixOf,
    })
  }
  setJobStatus(project.db, job, report.cancelled ? 'cancelled' : 'done', { summary: report })
  return report
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** Splits indexed recordings into those to export and counts of the rest, with the reason. */
function selectRecordings(
  all: readonly ExportCandidate[],
  devices: readonly string[],
  available: readonly string[],
): { candidates: ExportCandidate[]; excluded: ExportReport['excluded'] } {
  const chosen = new Set(devices)
  const known = new Set(available)
  const excluded = new Map<string, { device: string; count: number; reason: string }>()
  const candidates: ExportCandidate[] = []
  for (const c of all) {
    if (chosen.has(c.device)) candidates.push(c)
    else {
      const reason = known.has(c.device) ? 'device not chosen' : 'no coefficients for this device'
      const e = excluded.get(c.device) ?? { device: c.device, count: 0, reason }
      e.count++
      excluded.set(c.device, e)
    }
  }
  return { candidates, excluded: [...excluded.values()] }
}

/** One correction per (device, sample rate): FIRs are designed once for each. */
function correctionSpecs(
  est: EstimateResult,
  candidates: readonly ExportCandidate[],
  method: 'fir' | 'stft',
  taps: number,
): Map<string, CorrectionSpec> {
  const specs = new Map<string, CorrectionSpec>()
  for (const c of candidates) {
    const key = `${c.device}@${c.sampleRate}`
    if (specs.has(key)) continue
    specs.set(
      key,
      method === 'fir'
        ? {
            method,
            fir: firFor(est, c.device, { taps, sampleRate: c.sampleRate }),
            nFft: est.nFft,
            hopLength: est.hopLength,
          }
        : {
            method,
            gains: stftGainsFor(est, c.device, c.sampleRate),
            nFft: est.nFft,
            hopLength: est.hopLength,
          },
    )
  }
  return specs
}

/** The FIR taps per device and sample rate (from the specs used), for scw-export.json. */
function firTable(specs: Map<string, CorrectionSpec>): Record<string, Record<string, number[]>> {
  const table: Record<string, Record<string, number[]>> = {}
  for (const [key, spec] of specs) {
    const at = key.lastIndexOf('@')
    if (spec.fir) (table[key.slice(0, at)] ??= {})[key.slice(at + 1)] = Array.from(spec.fir)
  }
  return table
}

/** An unfinished (or finished) export job with exactly these settings into this folder. */
function findResumableJob(project: Project, params: ExportParams): number | undefined {
  const same = (p: ExportParams): boolean =>
    p.outDir === params.outDir &&
    p.estimateId === params.estimateId &&
    p.method === params.method &&
    p.taps === params.taps &&
    p.format === params.format &&
    JSON.stringify(p.devices) === JSON.stringify(params.devices) &&
    p.gain === params.gain
  return listJobs(project.db, 'export').find((j) => same(j.params as ExportParams))?.id
}

/** A file counts as exported when its row says so and the output is still there, same size. */
function isDone(row: ExportFileRow, outDir: string): boolean {
  if (row.status !== 'done') return false
  const path = join(outDir, row.outputPath)
  return existsSync(path) && statSync(path).size === row.bytes
}

function countDone(report: ExportReport, row: ExportFileRow): void {
  if ((row.clippedSamples ?? 0) > 0) report.clippedFiles++
  report.clippedSamples += row.clippedSamples ?? 0
}

/** First pass of --gain auto: the corrected peak of every file, then the gain that keeps all below −0.1 dBFS. */
async function autoGain(
  pool: WorkerPool<ExportTask, ExportResult>,
  candidates: readonly ExportCandidate[],
  task: (c: ExportCandidate) => ExportTask,
  options: ExportOptions,
): Promise<number> {
  let peak = 0
  const progress = new ProgressTracker(
    {
      kind: 'measure',
      total: candidates.length,
      totalSeconds: sum(candidates.map((c) => c.durationSec)),
    },
    options.onProgress,
  )
  await runAll(candidates, pool.threads * 2, options.signal, async (c) => {
    const r = await pool.run(task(c), options.signal)
    if (r.status === 'done') peak = Math.max(peak, r.peak)
    progress.tick(c.relativePath, r.durationSec, r.status !== 'done')
  })
  progress.end()
  return peak > AUTO_GAIN_CEILING ? amplitudeToDb(AUTO_GAIN_CEILING / peak) : 0
}

/** DCASE meta.csv files of the sources (path relative to the source → original text). */
async function dcaseMetaOf(
  sources: readonly { id: number; root: string }[],
): Promise<Map<number, string>> {
  const metas = new Map<number, string>()
  for (const s of sources) {
    const path = join(s.root, 'meta.csv')
    if (!existsSync(path)) continue
    const text = await readFile(path, 'utf8')
    try {
      parseDcaseMeta(text)
      metas.set(s.id, text)
    } catch {
      // Not a DCASE meta.csv: nothing to rewrite.
    }
  }
  return metas
}
