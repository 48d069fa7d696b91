// Dataset folders: indexing (walk, probe headers, label), incremental rescans, label rules.
import {
  applyLabelRule,
  checkLabelRule,
  previewLabelRule,
  type LabelFields,
  type LabelPreviewRow,
  type LabelRule,
} from '@shared/labels'
import type { IndexReport } from '@shared/model/index-report'
import type { JobProgress } from '@shared/model/job'
import type { Source } from '@shared/model/recording'
import {
  deviceCounts,
  probeWarnings,
  recordingWriters,
  relabelRecordings,
  scanIndex,
  sourceRecordingPaths,
  type HeaderFacts,
} from '../db/recordings-repo'
import {
  findSourceByRoot,
  getSource,
  insertSource,
  listSources,
  markSourceScanned,
  updateSourceRule,
} from '../db/sources-repo'
import { writeTransaction } from '../db/connection'
import { isInside, resolveFolder } from '../fs/paths'
import { ProgressTracker } from '../jobs/progress'
import { runAll } from '../jobs/run-all'
import { InvalidInputError, NotFoundError } from './errors'
import { defaultLabelRule } from './label-rules'
import { refreshCorpusRate } from './analysis-rate'
import type { Project } from './project'
import { probeFile, walkAudioFiles, type FoundFile } from './scan'

export interface IndexOptions {
  /** Label rule; default: DCASE meta.csv when the folder has one, else DCASE file names. */
  labels?: LabelRule
  signal?: AbortSignal
  onProgress?: (p: JobProgress) => void
}

export type { IndexReport }

/** Header probes in flight at once: enough to hide file-system latency. */
const PROBE_CONCURRENCY = 16

type Probed = { file: FoundFile; facts: HeaderFacts; error: string | null }

async function probeAll(
  files: readonly FoundFile[],
  progress: ProgressTracker,
  signal?: AbortSignal,
): Promise<Probed[]> {
  const out: Probed[] = new Array(files.length)
  await runAll(files, PROBE_CONCURRENCY, signal, async (file, i) => {
    out[i] = { file, ...(await probeFile(file.path)) }
    progress.tick(file.relativePath, 0, out[i].error !== null)
  })
  return out
}

/**
 * Adds `folder` as a source (or rescans it when already added): new and changed files are probed
 * and labelled, unchanged ones kept, vanished ones marked missing (reported, not dropped).
 */
export async function indexFolder(
  project: Project,
  folder: string,
  options: IndexOptions = {},
): Promise<IndexReport> {
  const started = performance.now()
  const root = await checkSourceFolder(project, folder)
  const db = project.db
  let source = findSourceByRoot(db, root)
  if (!source) {
    const rule = options.labels ?? (await defaultLabelRule(root))
    checkLabelRule(rule)
    source = getSource(db, insertSource(db, root, rule))!
  } else if (options.labels) {
    checkLabelRule(options.labels)
    updateSourceRule(db, source.id, options.labels)
    source = getSource(db, source.id)!
  }
  // Finding the files: their count so far (the total is not known yet).
  const walking = new ProgressTracker(
    { kind: 'scan', total: 0, totalSeconds: 0, phase: 'walking' },
    options.onProgress,
  )
  const { files, issues } = await walkAudioFiles(root, {
    signal: options.signal,
    onProgress: (found) => walking.found(found),
  })
  walking.found(files.length)
  walking.end()
  const known = scanIndex(db, source.id)
  const changed = (f: FoundFile): boolean => {
    const k = known.get(f.relativePath)
    return !k || k.size !== f.size || k.mtimeMs !== f.mtimeMs || k.status === 'missing'
  }
  // Unreadable files are probed again on every scan: still unreadable, they are listed again.
  // A rescan's unchanged files count as done from the start.
  const toProbe = files.filter((f) => changed(f) || known.get(f.relativePath)?.status === 'error')
  const progress = new ProgressTracker(
    {
      kind: 'scan',
      total: files.length,
      totalSeconds: 0,
      skipped: files.length - toProbe.length,
    },
    options.onProgress,
  )
  const probed = await probeAll(toProbe, progress, options.signal)
  const seen = new Set(files.map((f) => f.relativePath))
  const report: IndexReport = {
    sourceId: source.id,
    root,
    added: 0,
    updated: 0,
    unchanged: files.filter((f) => !changed(f)).length,
    removed: 0,
    errors: [],
    skipped: issues,
    warnings: [],
    devices: {},
    unlabelled: [],
    filesPerSecond: 0,
  }
  const write = recordingWriters(db)
  const rule = source.labelRule
  writeTransaction(db, () => {
    for (const { file, facts, error } of probed) {
      const status = error ? 'error' : 'ok'
      if (error) report.errors.push({ path: file.path, error })
      const k = known.get(file.relativePath)
      const row = { size: file.size, mtimeMs: file.mtimeMs, status, error, ...facts } as const
      if (k) {
        write.update({ id: k.id, ...row })
        if (changed(file)) report.updated++
      } else {
        write.insert({
          sourceId: source.id,
          relativePath: file.relativePath,
          ...row,
          ...labelsOf(rule, file.relativePath),
        })
        report.added++
      }
    }
    for (const [path, k] of known) {
      if (!seen.has(path) && k.status !== 'missing') {
        write.markMissing(k.id)
        report.removed++
      }
    }
  })
  applyRule(project, source.id, rule, report.unlabelled)
  markSourceScanned(db, source.id)
  progress.end()
  report.devices = deviceCounts(db)
  const rateChanged = refreshCorpusRate(project)
  const settings = project.settings()
  report.analysisRate = {
    sampleRate: settings.analysisSampleRate,
    chosen: settings.analysisSampleRateChosen,
    changed: rateChanged,
  }
  report.warnings = probeWarnings(db, source.id)
  report.filesPerSecond = files.length / Math.max(1e-3, (performance.now() - started) / 1000)
  return report
}

/**
 * The folder resolved through its links, when it can be scanned: an existing folder that is a
 * source already, or overlaps none. Throws InvalidInputError otherwise.
 */
export async function checkSourceFolder(project: Project, folder: string): Promise<string> {
  const root = await resolveFolder(folder)
  const sources = listSources(project.db)
  if (sources.some((s) => s.root === root)) return root
  for (const other of sources) {
    if (isInside(root, other.root) || isInside(other.root, root)) {
      throw new InvalidInputError(
        `${root} overlaps the source ${other.root}; add folders that do not contain each other`,
      )
    }
  }
  return root
}

function labelsOf(rule: LabelRule, relativePath: string): LabelFields {
  return applyLabelRule(rule, relativePath).fields
}

/** Re-applies a rule to every recording of a source except hand-labelled ones. */
function applyRule(
  project: Project,
  sourceId: number,
  rule: LabelRule,
  unlabelled?: { path: string; error: string }[],
): void {
  const write = recordingWriters(project.db)
  writeTransaction(project.db, () => {
    for (const r of sourceRecordingPaths(project.db, sourceId)) {
      const { fields, error } = applyLabelRule(rule, r.relativePath)
      if (error && unlabelled && unlabelled.length < 20)
        unlabelled.push({ path: r.relativePath, error })
      write.setLabels(r.id, fields)
    }
  })
}

/** The source with this id; throws when the project has none. */
export function sourceOf(project: Project, sourceId: number): Source {
  const source = getSource(project.db, sourceId)
  if (!source) throw new NotFoundError(`no source with id ${sourceId}`)
  return source
}

/** Changes a source's label rule and relabels its recordings (hand labels are kept). */
export function setLabelRule(project: Project, sourceId: number, rule: LabelRule): Source {
  checkLabelRule(rule)
  sourceOf(project, sourceId)
  updateSourceRule(project.db, sourceId, rule)
  applyRule(project, sourceId, rule)
  return getSource(project.db, sourceId)!
}

/**
 * What a rule yields on sample files of a folder (a source's root, or one not added yet),
 * before it is applied: the first `limit` audio files, spread evenly over the folder.
 */
export async function previewLabels(
  folder: string,
  rule: LabelRule,
  limit = 20,
): Promise<LabelPreviewRow[]> {
  checkLabelRule(rule)
  const root = await resolveFolder(folder)
  const { files } = await walkAudioFiles(root)
  const step = Math.max(1, Math.floor(files.length / limit))
  const sample = files.filter((_, i) => i % step === 0).slice(0, limit)
  return previewLabelRule(
    rule,
    sample.map((f) => f.relativePath),
  )
}

/** Sets labels by hand on recordings (bulk relabel); returns how many changed. */
export function relabel(
  project: Project,
  ids: readonly number[],
  patch: Partial<LabelFields>,
): number {
  return relabelRecordings(project.db, ids, patch)
}

/** The root folders of the project's sources. */
export function sourceRoots(project: Project): string[] {
  return listSources(project.db).map((s) => s.root)
}
