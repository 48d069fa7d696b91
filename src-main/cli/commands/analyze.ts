import { analysisCountsOf, analyzeProject } from '../../services/analysis'
import { setAnalysisRate } from '../../services/analysis-rate'
import { openProject, type Project } from '../../services/project'
import { parseShard, type Shard } from '../../services/shard'
import { signalCheckLines, signalChecks } from '../../services/signal-checks'
import { createSummaryFile } from '../../services/summary-files'
import { REQUESTS, type RequestOf } from '@shared/api/schemas'
import { checkWith, integerText, intFlag, positionals, type Given } from '../args'
import { parse, printJson, str, type Command, type Io } from '../command'
import { USAGE } from '../usage'
import { EXIT, UsageError } from '../errors'
import { progressBar } from '../progress-bar'
import { printWarnings } from '../warnings'

/**
 * --n-fft/--hop/--sample-rate as the contract's `project.updateSettings` request, checked with
 * its schema (and --workers, --shard), before the project is opened.
 */
export function checkAnalysisFlags(
  values: Record<string, string | boolean | undefined>,
): RequestOf<'project.updateSettings'> {
  const flag = (name: string): Given => ({ arg: `--${name}`, text: str(values[name]) })
  const settings = checkWith(
    REQUESTS['project.updateSettings'],
    {
      nFft: integerText('n-fft', str(values['n-fft'])),
      hopLength: integerText('hop', str(values.hop)),
      // `corpus`: follow the corpus's own rate again (applyAnalysisFlags).
      analysisSampleRate:
        str(values['sample-rate']) === 'corpus'
          ? undefined
          : integerText('sample-rate', str(values['sample-rate'])),
    },
    { nFft: flag('n-fft'), hopLength: flag('hop'), analysisSampleRate: flag('sample-rate') },
  )
  const nFft = settings.nFft
  if (nFft !== undefined && (nFft & (nFft - 1)) !== 0)
    throw new UsageError(`--n-fft ${nFft}: must be a power of two`)
  intFlag('workers', str(values.workers), { min: 1 })
  const shard = str(values.shard)
  if (shard !== undefined) shardOf(shard)
  return settings
}

/** `--shard i/n`, a usage error when malformed. */
function shardOf(text: string): Shard {
  try {
    return parseShard(text)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

/**
 * Applies --n-fft/--hop/--sample-rate to the project's settings (they persist: they are the
 * project's analysis settings, like the Projects view's). `--sample-rate corpus` follows the
 * corpus's own rate again.
 */
export function applyAnalysisFlags(
  project: Project,
  values: Record<string, string | boolean | undefined>,
): void {
  const s = project.settings()
  const given = checkAnalysisFlags(values)
  const nFft = given.nFft ?? s.stft.nFft
  const hopLength = given.hopLength ?? s.stft.hopLength
  if (nFft !== s.stft.nFft || hopLength !== s.stft.hopLength) {
    project.updateSettings({ stft: { nFft, hopLength }, currentEstimateId: null })
  }
  // A chosen rate, or the corpus's again; either drops the estimate when the rate changes.
  if (str(values['sample-rate']) === 'corpus') setAnalysisRate(project, null)
  else if (given.analysisSampleRate != null) setAnalysisRate(project, given.analysisSampleRate)
}

export const ANALYSIS_FLAGS = {
  'n-fft': { type: 'string' },
  hop: { type: 'string' },
  'sample-rate': { type: 'string' },
  workers: { type: 'string' },
} as const

/** Runs analysis and prints what happened; returns the exit code. */
export async function runAnalysis(
  project: Project,
  values: Record<string, string | boolean | undefined>,
  io: Io,
): Promise<{ code: number; report: Awaited<ReturnType<typeof analyzeProject>> }> {
  const shard = str(values.shard) === undefined ? undefined : shardOf(str(values.shard)!)
  const outPath = str(values['summaries-out'])
  const file = outPath ? await createSummaryFile(outPath, project.analysisKey()) : undefined
  const report = await analyzeProject(project, {
    workers: intFlag('workers', str(values.workers), { min: 1 }),
    shard,
    retryFailed: values['retry-failed'] === true,
    signal: io.signal,
    onProgress: progressBar(io.err),
    sink: file && ((rec, r) => file.add(rec, r)),
  })
  await file?.close()
  return { code: report.failed.length ? EXIT.someFailed : EXIT.ok, report }
}

export const analyzeCommand: Command = {
  ...USAGE.analyze,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      ...ANALYSIS_FLAGS,
      shard: { type: 'string' },
      'summaries-out': { type: 'string' },
      'retry-failed': { type: 'boolean' },
      json: { type: 'boolean' },
    })
    const [projectPath] = positionals(pos, ['project'])
    checkAnalysisFlags(values)
    const project = openProject(projectPath)
    try {
      applyAnalysisFlags(project, values)
      const { code, report } = await runAnalysis(project, values, io)
      const counts = analysisCountsOf(project)
      if (values.json)
        printJson(io, { ...report, project: counts, signalChecks: signalChecks(project) })
      else {
        const speed =
          report.wallSeconds > 0
            ? ` (${(report.seconds / report.wallSeconds).toFixed(0)}x real time)`
            : ''
        io.out.write(
          `analysed ${report.analysed}, silent ${report.silent}, failed ${report.failed.length}${report.skipped ? `, ${report.skipped} left to other shards` : ''}: ${report.seconds.toFixed(1)} s of audio in ${report.wallSeconds.toFixed(1)} s${speed}${report.cancelled ? ' — cancelled; run again to resume' : ''}\n`,
        )
        for (const f of report.failed) io.out.write(`failed: ${f.error}\n`)
        printWarnings(io, report.warnings)
        io.out.write(
          `project: ${counts.done} analysed, ${counts.silent} silent, ${counts.failed} failed, ${counts.pending} pending, ${counts.unreadable} unreadable\n`,
        )
        for (const line of signalCheckLines(signalChecks(project)))
          io.out.write(`warning: ${line}\n`)
      }
      return report.cancelled ? EXIT.someFailed : code
    } finally {
      project.close()
    }
  },
}
