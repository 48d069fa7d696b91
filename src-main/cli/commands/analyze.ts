import { analysisCountsOf, analyzeProject } from '../../services/analysis'
import { setAnalysisRate } from '../../services/analysis-rate'
import { openProject, type Project } from '../../services/project'
import { parseShard } from '../../services/shard'
import { signalCheckLines, signalChecks } from '../../services/signal-checks'
import { createSummaryFile } from '../../services/summary-files'
import { intFlag, positionals } from '../args'
import { parse, printJson, str, type Command, type Io } from '../command'
import { EXIT } from '../errors'
import { progressBar } from '../progress-bar'

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
  const nFft = intFlag('n-fft', str(values['n-fft']), { min: 2 }) ?? s.stft.nFft
  const hopLength = intFlag('hop', str(values.hop), { min: 1 }) ?? s.stft.hopLength
  const rateText = str(values['sample-rate'])
  if ((nFft & (nFft - 1)) !== 0) throw new Error(`--n-fft ${nFft}: must be a power of two`)
  if (nFft !== s.stft.nFft || hopLength !== s.stft.hopLength) {
    project.updateSettings({ stft: { nFft, hopLength }, currentEstimateId: null })
  }
  if (rateText !== undefined) {
    setAnalysisRate(
      project,
      rateText === 'corpus' ? null : intFlag('sample-rate', rateText, { min: 1000 })!,
    )
  }
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
  const shard = str(values.shard) === undefined ? undefined : parseShard(str(values.shard)!)
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
  name: 'analyze',
  usage:
    'analyze <project> [--n-fft 2048] [--hop 512] [--sample-rate <Hz>|corpus] [--workers N] [--shard i/n [--summaries-out <file.scws>]] [--retry-failed] [--json]',
  summary: 'compute the spectral summary of every recording not analysed yet (resumable)',
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      ...ANALYSIS_FLAGS,
      shard: { type: 'string' },
      'summaries-out': { type: 'string' },
      'retry-failed': { type: 'boolean' },
      json: { type: 'boolean' },
    })
    const [projectPath] = positionals(pos, ['project'])
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
