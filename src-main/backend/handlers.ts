// One function per contract method. Requests arrive validated (see Backend.handle).
import type { Responses } from '@shared/api/contract'
import type { MethodName } from '@shared/api/methods'
import type { RequestOf } from '@shared/api/schemas'
import type { LabelRule } from '@shared/labels'
import type { DevicesView, RecordingDetail } from '@shared/api/views'
import { firAmplitude, interpolateLogGain } from '@shared/dsp/firls'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { getRecording, listRecordings } from '../db/recordings-repo'
import { getSource } from '../db/sources-repo'
import { analysisCounts, getSummaryRecord } from '../db/summaries-repo'
import { analyzeProject } from '../services/analysis'
import {
  confidenceBands,
  currentEstimate,
  estimate,
  type EstimateResult,
} from '../services/estimation'
import { evaluate } from '../services/evaluation'
import { exportCorpus } from '../services/export/export-corpus'
import { curveOf, firFor } from '../services/fir'
import type { Project } from '../services/project'
import { indexFolder, previewLabels, relabel, setLabelRule } from '../services/sources'
import type { BackendOptions } from './backend'
import { coverageOf, devicesOverview } from './devices'
import { downloadOf } from './downloads'
import type { JobRunner } from '../jobs/runner'
import { labelRuleOf } from './labels-input'
import type { MediaSource } from './media'
import type { RecentProjects } from './recent'
import { BackendError } from './types'
import { estimateView, projectView, recordingRow, sourceView, toDb } from './views'

/** What handlers may use. */
export interface Context {
  options: BackendOptions
  info: { name: string; version: string }
  jobs: JobRunner
  recent: RecentProjects
  media: MediaSource
  project(): Project
  hasProject(): boolean
  open(path: string, create: boolean): Promise<Project>
  openDemo(): Promise<Project>
  /** Tells the renderer the project changed (counts, labels, settings). */
  changed(): void
}

type Handler<M extends MethodName> = (ctx: Context, request: RequestOf<M>) => Promise<Responses[M]>
type Handlers = { [M in MethodName]: Handler<M> }

/** The current estimate, made with the project's settings if there is none yet. */
function estimateOrCompute(ctx: Context): EstimateResult {
  const project = ctx.project()
  return currentEstimate(project) ?? estimate(project)
}

/** Starts analysis of what is pending, unless one runs or nothing is pending. */
function startAnalysis(ctx: Context, retryFailed = false): number | null {
  const project = ctx.project()
  if (ctx.jobs.running('analyze')) return ctx.jobs.running('analyze')!.id
  if (analysisCounts(project.db, project.analysisKey()).pending === 0 && !retryFailed) return null
  return ctx.jobs.start('analyze', (signal, onProgress) =>
    analyzeProject(project, { signal, onProgress, retryFailed }),
  )
}

function startScan(ctx: Context, folder: string, rule?: LabelRule): number {
  const project = ctx.project()
  if (ctx.jobs.running('scan'))
    throw new BackendError('failed', 'a scan is running; wait for it or cancel it')
  return ctx.jobs.start(
    'scan',
    (signal, onProgress) => indexFolder(project, folder, { labels: rule, signal, onProgress }),
    () => startAnalysis(ctx),
  )
}

export const handlers: Handlers = {
  'app.info': async (ctx) => ({
    ...ctx.info,
    transport: ctx.options.transport,
    nativeDialogs: ctx.options.dialogs !== undefined,
    recent: ctx.recent.list(),
    demoDir: ctx.options.demoDir,
  }),
  'project.open': async (ctx, { path }) => projectView(await ctx.open(path, false)),
  'project.create': async (ctx, { path }) => projectView(await ctx.open(path, true)),
  'project.openDemo': async (ctx) => projectView(await ctx.openDemo()),
  'project.current': async (ctx) => (ctx.hasProject() ? projectView(ctx.project()) : null),
  'project.updateSettings': async (ctx, req) => {
    const project = ctx.project()
    const s = project.settings()
    const stft = { nFft: req.nFft ?? s.stft.nFft, hop: req.hop ?? s.stft.hop }
    if ((stft.nFft & (stft.nFft - 1)) !== 0)
      throw new BackendError('invalid-request', `nFft=${stft.nFft} must be a power of two`)
    const rate = req.analysisSampleRate ?? s.analysisSampleRate
    const analysisChanged =
      stft.nFft !== s.stft.nFft || stft.hop !== s.stft.hop || rate !== s.analysisSampleRate
    project.updateSettings({
      referenceDevice: req.referenceDevice ?? s.referenceDevice,
      stft,
      analysisSampleRate: rate,
      ...(analysisChanged ? { currentEstimateId: null } : {}),
    })
    if (analysisChanged) startAnalysis(ctx)
    ctx.changed()
    return projectView(project)
  },
  'system.pickPath': async (ctx, { kind, title }) =>
    ctx.options.dialogs ? ctx.options.dialogs.pickPath(kind, title) : null,
  'system.reveal': async (ctx, { path }) =>
    ctx.options.dialogs ? ctx.options.dialogs.reveal(path) : false,
  'sources.preview': async (_ctx, { folder, rule }) =>
    previewLabels(folder, await labelRuleOf(rule, folder)),
  'sources.add': async (ctx, { folder, rule }) => ({
    jobId: startScan(ctx, folder, rule ? await labelRuleOf(rule, folder) : undefined),
  }),
  'sources.rescan': async (ctx, { sourceId }) => {
    const source = getSource(ctx.project().db, sourceId)
    if (!source) throw new BackendError('not-found', `no source with id ${sourceId}`)
    return { jobId: startScan(ctx, source.root) }
  },
  'sources.setRule': async (ctx, { sourceId, rule }) => {
    const project = ctx.project()
    const source = getSource(project.db, sourceId)
    if (!source) throw new BackendError('not-found', `no source with id ${sourceId}`)
    const updated = setLabelRule(project, sourceId, await labelRuleOf(rule, source.root))
    ctx.changed()
    return sourceView(updated)
  },
  'recordings.list': async (ctx) => {
    const project = ctx.project()
    return listRecordings(project.db, project.analysisKey()).map(recordingRow)
  },
  'recordings.detail': async (ctx, { id }) => recordingDetail(ctx, id),
  'recordings.relabel': async (ctx, { ids, patch }) => {
    const changed = relabel(ctx.project(), ids, patch)
    ctx.changed()
    return { changed }
  },
  'devices.overview': async (ctx) => devicesOverviewOf(ctx.project()),
  'analysis.start': async (ctx, { retryFailed }) => ({ jobId: startAnalysis(ctx, retryFailed) }),
  'estimate.current': async (ctx) => {
    const e = currentEstimate(ctx.project())
    return e ? estimateView(e) : null
  },
  'estimate.compute': async (ctx, req) => {
    const e = estimate(ctx.project(), req)
    ctx.changed()
    return estimateView(e)
  },
  'estimate.bands': async (ctx, { request, iterations, level }) => {
    // Bands only: computing them must not make another estimate the project's current one.
    const project = ctx.project()
    const { sampleRate, nFft } = project.analysisKey()
    const bands = confidenceBands(project, request, {
      iterations: iterations ?? 100,
      level: level ?? 0.95,
    })
    return {
      frequencies: Array.from(fftFrequencies({ sampleRate, nFft })),
      level: level ?? 0.95,
      iterations: iterations ?? 100,
      devices: Object.fromEntries(
        Object.entries(bands).map(([d, b]) => [
          d,
          { lowerDb: Array.from(b.lower, toDb), upperDb: Array.from(b.upper, toDb) },
        ]),
      ),
    }
  },
  'estimate.firResponse': async (ctx, { device, taps, sampleRate }) => {
    const e = estimateOrCompute(ctx)
    const rate = sampleRate ?? e.sampleRate
    const h = firFor(e, device, { taps, sampleRate: rate })
    const grid =
      rate === e.sampleRate ? e.frequencies : fftFrequencies({ sampleRate: rate, nFft: e.nFft })
    const target =
      rate === e.sampleRate
        ? curveOf(e, device).gains
        : interpolateLogGain(curveOf(e, device), grid)
    return {
      device,
      taps,
      sampleRate: rate,
      frequencies: Array.from(grid),
      targetDb: Array.from(target, toDb),
      realisedDb: Array.from(firAmplitude(h, grid, rate), (a) => toDb(Math.abs(a))),
    }
  },
  'estimate.download': async (ctx, req) => downloadOf(ctx.project(), estimateOrCompute(ctx), req),
  'export.start': async (ctx, req) => {
    if (ctx.jobs.running('export'))
      throw new BackendError('failed', 'an export is running; wait for it or cancel it')
    const project = ctx.project()
    estimateOrCompute(ctx)
    return {
      jobId: ctx.jobs.start('export', (signal, onProgress) =>
        exportCorpus(project, req.outDir, { ...req, signal, onProgress }),
      ),
    }
  },
  'jobs.list': async (ctx) => ctx.jobs.list(),
  'jobs.cancel': async (ctx, { jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  'evaluate.run': async (ctx, { band }) => {
    const e = estimateOrCompute(ctx)
    const r = evaluate(ctx.project(), e, band ?? [100, 10000])
    return {
      band: r.band,
      reference: e.reference,
      estimateId: e.id,
      frequencies: Array.from(e.frequencies),
      devices: r.devices.map((d) => ({
        device: d.device,
        rmsDbBefore: d.rmsDbBefore,
        rmsDbAfter: d.rmsDbAfter,
        spectrumDbBefore: Array.from(d.spectrumDbBefore),
        spectrumDbAfter: Array.from(d.spectrumDbAfter),
      })),
      classifier: r.classifier,
    }
  },
}

function recordingDetail(ctx: Context, id: number): RecordingDetail {
  const project = ctx.project()
  const key = project.analysisKey()
  const rec = getRecording(project.db, key, id)
  if (!rec) throw new BackendError('not-found', `no recording with id ${id}`)
  const siblings = rec.group
    ? (project.db
        .prepare(
          "SELECT id, device FROM recordings WHERE grp = ? AND id != ? AND status = 'ok' ORDER BY device",
        )
        .all(rec.group, id) as { id: number; device: string | null }[])
    : []
  const summary = getSummaryRecord(project.db, key, id)
  const est = currentEstimate(project)
  return {
    recording: recordingRow(rec),
    siblings,
    correctable: !!(est && rec.device && est.devices[rec.device]),
    spectrumDb: summary ? Array.from(summary.meanLogMagnitude, (v) => (20 / Math.LN10) * v) : null,
    frequencies: Array.from(fftFrequencies({ sampleRate: key.sampleRate, nFft: key.nFft })),
  }
}

function devicesOverviewOf(project: Project): DevicesView {
  return { ...devicesOverview(project), coverage: coverageOf(project) }
}
