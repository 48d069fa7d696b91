// Planning an export: the settings resolved and checked, the recordings chosen, one output path
// each (never shared, never inside a source), one correction per device and sample rate (the
// correction policy's, or refused before anything is written), and the job (new, or the
// unfinished one with the same settings, claimed by this process) with one row per file. Nothing
// is written to the output folder but the folder itself and its lock.
import { REQUESTS } from '@shared/api/schemas'
import type { DeviceCorrection } from '@shared/model/correction'
import type { ExportReport } from '@shared/model/export'
import type { JobProgress } from '@shared/model/job'
import type { Source } from '@shared/model/recording'
import {
  createJob,
  getJob,
  listExportFiles,
  listJobs,
  syncExportFiles,
  type ExportFileRow,
} from '../../db/jobs-repo'
import { exportCandidates, type ExportCandidate } from '../../db/recordings-repo'
import { thisProcess } from '../../fs/owner'
import type { CorrectionSpec, ExportFormat } from '../../workers/export-file'
import type { EstimateResult } from '../estimation'
import type { Project } from '../project'
import { inShard, type Shard } from '../shard'
import { InvalidInputError } from '../errors'
import { correctionKey, planExportCorrections } from './corrections'
import { claimExportJob } from './guard'
import { checkTargets, planOutputPaths, sourcePrefix } from './paths'

export { correctionKey }

export interface ExportOptions {
  /** 'fir' or 'stft'; absent: the policy's choice (a FIR that meets it, else the STFT path). */
  method?: 'fir' | 'stft'
  /** FIR length; absent: the policy's (1025 up to 8193 taps). */
  taps?: number
  /** The paper's exact FIR (firls on the raw coefficients, 1025 taps unless `taps`). */
  paperExact?: boolean
  format?: ExportFormat
  /** Devices to export (default: every device the estimate has coefficients for). */
  devices?: readonly string[]
  /** 'auto': the largest gain ≤ 0 dB that keeps every file below full scale; or a gain in dB. */
  gain?: 'auto' | number
  workers?: number
  /** Write only this slice of the files, and a partial manifest (see shards.ts). */
  shard?: Shard
  signal?: AbortSignal
  onProgress?: (p: JobProgress) => void
}

/** Settings that identify an export: the same settings into the same folder resume one job. */
export interface ExportParams {
  outDir: string
  estimateId: number
  /** As asked: null leaves the method, or the FIR length, to the policy. */
  method: 'fir' | 'stft' | null
  taps: number | null
  paperExact: boolean
  format: ExportFormat
  devices: string[]
  gain: 'auto' | number
  /** The gain applied, dB (resolved from 'auto' by the first pass). */
  gainDb: number | null
  /** `i/n` for one shard of a sharded export; absent for a whole one. */
  shard?: string
}

/** What writing an export needs to know. */
export interface ExportPlan {
  /** The output folder, resolved and created. */
  outDir: string
  estimate: EstimateResult
  sources: Source[]
  /** The job's settings as stored (its gain may still be to measure). */
  params: ExportParams
  jobId: number
  candidates: ExportCandidate[]
  excluded: ExportReport['excluded']
  /** The job's row of each candidate, by recording id. */
  rows: Map<number, ExportFileRow>
  /** The correction of each `device@sampleRate`. */
  corrections: Map<string, CorrectionSpec>
  /** What the corrections realise, per device and sample rate. */
  correctionReport: DeviceCorrection[]
  /** Folder of a source's outputs inside the export ('' or `<name>-<id>/`). */
  prefixOf(sourceId: number): string
  /** Other export jobs into the same folder (their rows stop being done where this one writes). */
  otherJobIds: number[]
  /** The slice this run writes, for a sharded export. */
  shard?: Shard
}

/**
 * Resolves and checks the settings, chooses the recordings and their output paths, and opens
 * the job. `out` is the output folder, resolved, checked and locked (see paths.ts, guard.ts).
 */
export async function planExport(
  project: Project,
  out: string,
  sources: Source[],
  est: EstimateResult,
  options: ExportOptions = {},
): Promise<ExportPlan> {
  const taps = options.taps ?? null
  checkExportSettings({ taps, gain: options.gain })
  const available = Object.keys(est.devices)
  const devices = [...(options.devices ?? available)].sort()
  for (const d of devices) {
    if (!est.devices[d]) {
      throw new InvalidInputError(
        `device ${d} has no coefficients in estimate ${est.id} (has: ${available.join(', ')})`,
      )
    }
  }
  const { shard } = options
  if (shard && options.gain === 'auto') {
    throw new InvalidInputError(
      `--gain auto with --shard ${shard.index}/${shard.count}: each shard would measure only its own files; give every shard the same gain in dB (e.g. --gain -3), or export on one machine`,
    )
  }
  const params: ExportParams = {
    outDir: out,
    estimateId: est.id,
    method: options.method ?? null,
    taps,
    paperExact: options.paperExact ?? false,
    format: options.format ?? 'same',
    devices,
    gain: options.gain ?? 0,
    gainDb: typeof options.gain === 'number' ? options.gain : options.gain === 'auto' ? null : 0,
    shard: shard && `${shard.index}/${shard.count}`,
  }
  const selected = selectRecordings(exportCandidates(project.db), devices, available)
  const { excluded } = selected
  // Refused before the job exists: nothing is written for a correction that would make it worse.
  // Planned over every file, so that each shard's corrections (and record) equal one machine's.
  const { specs: corrections, report: correctionReport } = planExportCorrections(
    project,
    est,
    selected.candidates,
    {
      method: params.method ?? undefined,
      taps: params.taps ?? undefined,
      paperExact: params.paperExact,
    },
  )
  const sourceById = new Map(sources.map((s) => [s.id, s]))
  const prefixOf = (id: number): string => sourcePrefix(sourceById.get(id)!, sources.length > 1)
  // Every file's path is planned, then a shard keeps its own: the paths (and so the split, by
  // output path) are those of a one-machine export on every node.
  const paths = planOutputPaths(
    selected.candidates.map((c) => ({
      id: c.id,
      prefix: prefixOf(c.sourceId),
      relativePath: c.relativePath,
    })),
  )
  const candidates = shard
    ? selected.candidates.filter((c) => inShard(paths.get(c.id)!, shard))
    : selected.candidates
  await checkTargets(
    out,
    candidates.map((c) => paths.get(c.id)!),
    sources,
  )
  const existing = findResumableJob(project, params)
  if (existing !== undefined) claimExportJob(project, existing)
  const jobId = existing ?? createJob(project.db, 'export', params, thisProcess())
  syncExportFiles(
    project.db,
    jobId,
    candidates.map((c) => ({ recordingId: c.id, outputPath: paths.get(c.id)! })),
  )
  return {
    outDir: out,
    estimate: est,
    sources,
    params: getJob(project.db, jobId)!.params as ExportParams,
    jobId,
    candidates,
    excluded,
    rows: new Map(listExportFiles(project.db, jobId).map((r) => [r.recordingId, r])),
    corrections,
    correctionReport,
    prefixOf,
    otherJobIds: listJobs(project.db, 'export')
      .filter((j) => j.id !== jobId && (j.params as ExportParams).outDir === out)
      .map((j) => j.id),
    shard,
  }
}

/** The limits of the contract's `export.start` (taps odd, at most 65,537; gain −120…+40 dB). */
function checkExportSettings(settings: { taps: number | null; gain: ExportOptions['gain'] }): void {
  const shape = REQUESTS['export.start'].shape
  for (const [name, schema, value] of [
    ['taps', shape.taps, settings.taps ?? undefined],
    ['gain', shape.gain, settings.gain ?? 0],
  ] as const) {
    const r = schema.safeParse(value)
    if (!r.success) {
      throw new InvalidInputError(
        `${name}=${value}: ${r.error.issues.map((i) => i.message).join('; ')}`,
      )
    }
  }
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

/** An unfinished (or finished) export job with exactly these settings into this folder. */
function findResumableJob(project: Project, params: ExportParams): number | undefined {
  const same = (p: ExportParams): boolean =>
    p.outDir === params.outDir &&
    p.estimateId === params.estimateId &&
    p.method === params.method &&
    p.taps === params.taps &&
    (p.paperExact ?? false) === params.paperExact &&
    p.format === params.format &&
    JSON.stringify(p.devices) === JSON.stringify(params.devices) &&
    p.gain === params.gain &&
    p.shard === params.shard
  return listJobs(project.db, 'export').find((j) => same(j.params as ExportParams))?.id
}
