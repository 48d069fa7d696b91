// Writing a planned export: the gain (measured by a first pass for `auto`), every file not
// written yet through the worker pool (atomic per file, its row updated as it lands), then the
// sidecar files. A file that cannot be read or written fails alone, with the reason; room for
// the sidecars is kept aside, so a full disk still gets its manifest. Cancelled or killed, the
// job resumes from its rows; it never stays `running` once this returns.
import { existsSync, statSync } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { amplitudeToDb, dbToAmplitude } from '@shared/dsp/units'
import { parseDcaseMeta } from '@shared/labels'
import { emptyExportReport, type ExportPreparation, type ExportReport } from '@shared/model/export'
import {
  listExportFiles,
  setExportFile,
  setJobParams,
  setJobStatus,
  supersedeExportFiles,
  type ExportFileRow,
} from '../../db/jobs-repo'
import type { ExportCandidate } from '../../db/recordings-repo'
import { partialPathOf } from '../../fs/atomic-write'
import { describeFsError } from '../../fs/fs-error'
import { reserveSpace, type SpaceReserve } from '../../fs/space-reserve'
import { WorkerPool } from '../../jobs/pool'
import { ProgressTracker } from '../../jobs/progress'
import { isAbort, runAll } from '../../jobs/run-all'
import type { CorrectionSpec, ExportResult, ExportTask } from '../../workers/export-file'
import type { Project } from '../project'
import { outputPathProblem, sourceHolding } from './paths'
import { correctionKey, type ExportOptions, type ExportPlan } from './plan'
import { writeShardManifest } from './shards'
import { sidecarBytes, sidecarsOf, writeSidecars } from './sidecars'

/** Headroom kept below full scale by --gain auto: −0.1 dB. */
const AUTO_GAIN_CEILING = dbToAmplitude(-0.1)
/** The placeholder that keeps room for the sidecars (in the output folder, hidden). */
const RESERVE_FILE = '.scw-export.reserve'

type WriteOptions = Pick<ExportOptions, 'workers' | 'signal' | 'onProgress'>

export async function writeExport(
  project: Project,
  plan: ExportPlan,
  options: WriteOptions = {},
  preparation: ExportPreparation | null = null,
): Promise<ExportReport> {
  const started = performance.now()
  const { outDir: out, jobId: job, params, candidates, rows } = plan
  const report: ExportReport = {
    ...emptyExportReport(job, out),
    excluded: plan.excluded,
    corrections: plan.correctionReport,
    preparation,
  }
  let reserve: SpaceReserve | undefined
  let failure: Error | undefined
  let pool: WorkerPool<ExportTask, ExportResult> | undefined
  try {
    pool = new WorkerPool<ExportTask, ExportResult>('export', options.workers)
    const workers = pool
    reserve = await reserveSpace(out, RESERVE_FILE, sidecarBytes(plan))
    const taskOf = (c: ExportCandidate, outputPath: string | null, gainDb: number): ExportTask => ({
      inputPath: join(c.root, c.relativePath),
      outputPath,
      correction: plan.corrections.get(correctionKey(c))!,
      format: params.format,
      gainDb,
      expected: { size: c.size, mtimeMs: c.mtimeMs, sampleRate: c.sampleRate },
    })
    if (params.gainDb === null) {
      params.gainDb = await autoGain(workers, candidates, (c) => taskOf(c, null, 0), options)
      setJobParams(project.db, job, params)
    }
    const gainDb = params.gainDb
    report.gainDb = gainDb
    const toWrite = candidates.filter((c) => !isDone(rows.get(c.id)!, out))
    report.skipped = candidates.length - toWrite.length
    const writing = new Set(toWrite)
    for (const c of candidates) if (!writing.has(c)) countDone(report, rows.get(c.id)!)
    const progress = new ProgressTracker(
      {
        jobId: job,
        kind: 'export',
        total: toWrite.length,
        totalSeconds: sum(toWrite.map((c) => c.durationSec)),
      },
      options.onProgress,
    )
    const checkFolder = folderChecker(plan)
    await runAll(toWrite, pool.threads * 2, options.signal, async (c) => {
      const row = rows.get(c.id)!
      const target = join(out, row.outputPath)
      const fail = (error: string, r?: ExportResult): void => {
        setExportFile(project.db, job, c.id, { status: 'failed', error, warnings: r?.warnings })
        report.failed.push({ path: join(c.root, c.relativePath), error })
        progress.tick(row.outputPath, r?.durationSec ?? 0, true)
      }
      const problem = outputPathProblem(row.outputPath) ?? (await checkFolder(target))
      if (problem) return fail(problem)
      supersedeExportFiles(project.db, plan.otherJobIds, row.outputPath)
      setExportFile(project.db, job, c.id, { status: 'writing' })
      const r = await workers.run(taskOf(c, target, gainDb), options.signal)
      if (r.status !== 'done') return fail(r.error ?? 'unknown error', r)
      setExportFile(project.db, job, c.id, {
        status: 'done',
        clippedSamples: r.clippedSamples,
        outputHash: r.outputHash,
        bytes: r.bytes,
        warnings: r.warnings,
      })
      report.written++
      report.seconds += r.durationSec
      if (r.clippedSamples > 0) report.clippedFiles++
      report.clippedSamples += r.clippedSamples
      progress.tick(row.outputPath, r.durationSec, false)
    })
    progress.end()
  } catch (e) {
    if (isAbort(e)) report.cancelled = true
    else failure = e as Error
  } finally {
    await pool?.close()
  }
  report.wallSeconds = (performance.now() - started) / 1000
  const files = listExportFiles(project.db, job)
  report.warnings = warningsOf(plan, files)
  if (!report.cancelled) {
    try {
      await reserve?.release()
      const sidecars = sidecarsOf(project, {
        outDir: out,
        estimate: plan.estimate,
        // The shard is not a setting of the export: every shard's record, and the merged one,
        // equal one machine's.
        params: { ...params, shard: undefined, gainDb: report.gainDb },
        files,
        candidates,
        sources: plan.sources,
        taps: firTable(plan.corrections),
        corrections: plan.correctionReport,
        metaRewrite: await dcaseMetaOf(plan.sources),
        prefixOf: plan.prefixOf,
      })
      if (plan.shard) await writeShardManifest(out, plan.shard, sidecars)
      else await writeSidecars(out, sidecars)
    } catch (e) {
      report.sidecarError = `${out}: the manifest and settings files could not be written: ${describeFsError(e)}`
    }
  }
  await reserve?.release().catch(() => undefined)
  if (failure) {
    setJobStatus(project.db, job, 'failed', { error: failure.message, summary: report })
    throw failure
  }
  setJobStatus(project.db, job, report.cancelled ? 'cancelled' : 'done', { summary: report })
  return report
}

/**
 * Per target, before it is written: its folder can be made and lies in no source (a link
 * swapped in since planning), and what a killed run left of its temporary file is removed.
 * Returns the reason the file cannot be written, or null.
 */
function folderChecker(plan: ExportPlan): (target: string) => Promise<string | null> {
  const folders = new Map<string, Promise<string | null>>()
  const prepare = async (folder: string): Promise<string | null> => {
    try {
      await mkdir(folder, { recursive: true })
    } catch (e) {
      return `${folder}: cannot create the output folder: ${describeFsError(e)}`
    }
    const source = await sourceHolding(folder, plan.sources)
    return source ? `${folder} lies inside the source ${source.root}; nothing was written` : null
  }
  return async (target) => {
    const folder = dirname(target)
    let checked = folders.get(folder)
    if (!checked) folders.set(folder, (checked = prepare(folder)))
    const problem = await checked
    if (problem) return problem
    try {
      await rm(partialPathOf(target), { force: true })
      return null
    } catch (e) {
      return `${target}: ${describeFsError(e)}`
    }
  }
}

function warningsOf(plan: ExportPlan, files: readonly ExportFileRow[]): ExportReport['warnings'] {
  const byId = new Map(plan.candidates.map((c) => [c.id, c]))
  return files
    .filter((f) => f.warnings.length > 0 && byId.has(f.recordingId))
    .map((f) => {
      const c = byId.get(f.recordingId)!
      return { path: join(c.root, c.relativePath), warnings: f.warnings }
    })
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
