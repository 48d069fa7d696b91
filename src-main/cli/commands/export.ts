import { ExportRefusedError } from '../../services/export/corrections'
import { exportCorpus } from '../../services/export/export-corpus'
import { openProject } from '../../services/project'
import { choiceFlag, intFlag, listFlag, numberFlag, positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { EXIT } from '../errors'
import { correctionLines } from '../correction-report'
import { progressBar } from '../progress-bar'

export const exportCommand: Command = {
  name: 'export',
  usage:
    'export <project> <out-dir> [--method fir|stft] [--taps N] [--paper-exact] [--format same|pcm16|pcm24|pcm32|float32] [--devices b,c] [--gain auto|<dB>] [--workers N] [--json]',
  summary:
    'write a corrected copy of the corpus (resumes an interrupted export with the same settings)',
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      method: { type: 'string' },
      taps: { type: 'string' },
      'paper-exact': { type: 'boolean' },
      format: { type: 'string' },
      devices: { type: 'string' },
      gain: { type: 'string' },
      workers: { type: 'string' },
      json: { type: 'boolean' },
    })
    const [projectPath, outDir] = positionals(pos, ['project', 'out-dir'])
    const gainText = str(values.gain)
    const project = openProject(projectPath)
    try {
      const r = await exportCorpus(project, outDir, {
        method: choiceFlag('method', str(values.method), ['fir', 'stft'] as const),
        taps: intFlag('taps', str(values.taps), { min: 1 }),
        paperExact: values['paper-exact'] === true,
        format: choiceFlag('format', str(values.format), [
          'same',
          'pcm16',
          'pcm24',
          'pcm32',
          'float32',
        ] as const),
        devices: listFlag(str(values.devices)),
        gain: gainText === 'auto' ? 'auto' : numberFlag('gain', gainText),
        workers: intFlag('workers', str(values.workers), { min: 1 }),
        signal: io.signal,
        onProgress: progressBar(io.err),
      }).catch((e: unknown) => {
        // A refusal names every device, why, and the flags that override it; --json gets it too.
        if (e instanceof ExportRefusedError && values.json)
          printJson(io, { refused: e.refused, error: e.message })
        throw e
      })
      if (values.json) {
        printJson(io, {
          written: r.written,
          skipped: r.skipped,
          failed: r.failed,
          clippedFiles: r.clippedFiles,
          clippedSamples: r.clippedSamples,
          seconds: r.seconds,
          gainDb: r.gainDb,
          outDir: r.outDir,
          jobId: r.jobId,
          cancelled: r.cancelled,
          excluded: r.excluded,
          corrections: r.corrections,
        })
      } else {
        io.out.write(
          `${r.outDir}: ${r.written} written, ${r.skipped} already done, ${r.failed.length} failed; ${r.seconds.toFixed(1)} s of audio in ${r.wallSeconds.toFixed(1)} s; gain ${r.gainDb.toFixed(2)} dB${r.cancelled ? ' — cancelled; run again to resume' : ''}\n`,
        )
        for (const line of correctionLines(r.corrections)) io.out.write(`${line}\n`)
        if (r.clippedSamples)
          io.out.write(
            `clipped: ${r.clippedSamples} samples in ${r.clippedFiles} files (see manifest.csv; try --gain auto)\n`,
          )
        for (const x of r.excluded)
          io.out.write(`not exported: ${x.count} recordings of device ${x.device} (${x.reason})\n`)
        for (const f of r.failed) io.out.write(`failed: ${f.error}\n`)
      }
      return r.failed.length || r.cancelled ? EXIT.someFailed : EXIT.ok
    } finally {
      project.close()
    }
  },
}
