// Writing a planned export: the gain (measured by a first pass for `auto`), every file not
// written yet through the worker pool (atomic per file, its row updated as it lands), then the
// sidecar files. Cancelled or killed, the job resumes from its rows.
import { existsSync, statSync } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { amplitudeToDb, dbToAmplitude } from '@shared/dsp/units'
import { parseDcaseMeta } from '@shared/labels'
import type { ExportReport } from '@shared/model/export'
import {
  listExportFiles,
  setExportFile,
  setJobParams,
  setJobStatus,
  type ExportFileRow,
} from '../../db/jobs-repo'
import type { ExportCandidate } from '../../db/recordings-repo'
import { WorkerPool } from '../../jobs/pool'
import { ProgressTracker } from '../../jobs/progress'
import { isAbort, runAll } from '../../jobs/run-all'
import type { CorrectionSpec, ExportResult, ExportTask } from '../../workers/export-file'
import type { Project } from '../project'
import { correctionKey, type ExportOptions, type ExportPlan } from './plan'
import { writeExportSidecars } from './sidecars'

/** Headroom kept below full scale by --gain auto: −0.1 dB. */
const AUTO_GAIN_CEILING = dbToAmplitude(-0.1)

type WriteOptions = Pick<ExportOptions, 'workers' | 'signal' | 'onProgress'>

export async function writeExport(
  project: Project,
  plan: ExportPlan,
  options: WriteOptions = {},
): Promise<ExportReport> {
  const started = performance.now()
  const { outDir: out, jobId: job, params, candidates, rows } = plan
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
    excluded: plan.excluded,
    corrections: plan.correctionReport,
  }
  const pool = new WorkerPool<ExportTask, ExportResult>('export', options.workers)
  try {
    const taskOf = (c: ExportCandidate, outputPath: string | null, gainDb: number): ExportTask => ({
      inputPath: join(c.root, c.relativePath),
      outputPath,
      correction: plan.corrections.get(correctionKey(c))!,
      format: params.format,
      gainDb,
    })
    if (params.gainDb === null) {
      params.gainDb = await autoGain(pool, candidates, (c) => taskOf(c, null, 0), options)
      setJobParams(project.db, job, params)
    }
    const gainDb = params.gainDb
    report.gainDb = gainDb
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
      const r = await pool.run(taskOf(c, target, gainDb), options.signal)
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
      estimate: plan.estimate,
      params: { ...params, gainDb: report.gainDb },
      files: listExportFiles(project.db, job),
      candidates,
      sources: plan.sources,
      taps: firTable(plan.corrections),
      corrections: plan.correctionReport,
      metaRewrite: await dcaseMetaOf(plan.sources),
      prefixOf: plan.prefixOf,
    })
  }
  setJobStatus(project.db, job, report.cancelled ? 'cancelled' : 'done', { summary: report })
  return report
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** The FIR taps per device and sample rate (from the specs used), for scw-export.json. */
function firTable(
  corrections: Map<string, CorrectionSpec>,
): Record<string, Record<string, number[]>> {
  const table: Record<string, Record<string, number[]>> = {}
  for (const [key, spec] of corrections) {
    const at = key.lastIndexOf('@')
    if (spec.fir) (table[key.slice(0, at)] ??= {})[key.slice(at + 1)] = Array.from(spec.fir)
  }
  return table
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
  options: WriteOptions,
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
