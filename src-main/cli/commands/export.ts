import { REQUESTS, type RequestOf } from '@shared/api/schemas'
import type { ExportPreparation } from '@shared/model/export'
import { ExportRefusedError } from '../../services/export/corrections'
import { exportCorpus } from '../../services/export/export-corpus'
import { openProject } from '../../services/project'
import { parseShard, type Shard } from '../../services/shard'
import { checkWith, integerText, intFlag, listText, numberText, positionals } from '../args'
import { parse, printJson, str, type Command, type Io } from '../command'
import { correctionLines } from '../correction-report'
import { EXIT, UsageError } from '../errors'
import { USAGE } from '../usage'
import { progressBar } from '../progress-bar'
import { printWarnings } from '../warnings'

export const exportCommand: Command = {
  ...USAGE.export,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      method: { type: 'string' },
      taps: { type: 'string' },
      'paper-exact': { type: 'boolean' },
      format: { type: 'string' },
      devices: { type: 'string' },
      gain: { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      json: { type: 'boolean' },
    })
    const [projectPath, outDir] = positionals(pos, ['project', 'out-dir'])
    const settings = exportRequestOf(outDir, values)
    const workers = intFlag('workers', str(values.workers), { min: 1 })
    const shardText = str(values.shard)
    const shard = shardText === undefined ? undefined : shardOf(shardText)
    const project = openProject(projectPath)
    try {
      const r = await exportCorpus(project, settings.outDir, {
        ...settings,
        workers,
        shard,
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
          warnings: r.warnings,
          preparation: r.preparation,
          sidecarError: r.sidecarError,
          shard: shardText ?? null,
        })
      } else {
        printPreparation(io, r.preparation)
        io.out.write(
          `${r.outDir}: ${r.written} written, ${r.skipped} already done, ${r.failed.length} failed; ${r.seconds.toFixed(1)} s of audio in ${r.wallSeconds.toFixed(1)} s; gain ${r.gainDb.toFixed(2)} dB${r.cancelled ? ' — cancelled; run again to resume' : ''}${shard ? `; shard ${shardText}: partial manifest written, run \`scw export-merge ${r.outDir}\` once every shard is done` : ''}\n`,
        )
        for (const line of correctionLines(r.corrections)) io.out.write(`${line}\n`)
        if (r.clippedSamples)
          io.out.write(
            `clipped: ${r.clippedSamples} samples in ${r.clippedFiles} files (see manifest.csv; try --gain auto)\n`,
          )
        for (const x of r.excluded)
          io.out.write(`not exported: ${x.count} recordings of device ${x.device} (${x.reason})\n`)
        for (const f of r.failed) io.out.write(`failed: ${f.error}\n`)
        printWarnings(io, r.warnings)
        if (r.sidecarError) io.out.write(`failed: ${r.sidecarError}\n`)
      }
      return r.failed.length || r.cancelled || r.sidecarError ? EXIT.someFailed : EXIT.ok
    } finally {
      project.close()
    }
  },
}

/** The flags as the contract's `export.start` request, checked with its schema. */
function exportRequestOf(
  outDir: string,
  values: Record<string, string | boolean | undefined>,
): RequestOf<'export.start'> {
  const gain = str(values.gain)
  return checkWith(
    REQUESTS['export.start'],
    {
      outDir,
      // Absent method and taps: the correction policy's choice.
      method: str(values.method),
      taps: integerText('taps', str(values.taps)),
      paperExact: values['paper-exact'] === true ? true : undefined,
      format: str(values.format) ?? 'same',
      devices: listText(str(values.devices)),
      gain: gain === 'auto' ? 'auto' : (numberText('gain', gain) ?? 0),
    },
    {
      outDir: { arg: '<out-dir>', text: outDir },
      method: { arg: '--method', text: str(values.method) },
      taps: { arg: '--taps', text: str(values.taps) },
      format: { arg: '--format', text: str(values.format) },
      devices: { arg: '--devices', text: str(values.devices) },
      gain: { arg: '--gain', text: gain },
    },
  )
}

/** What the export did before writing: files probed again, analysis, a new estimate. */
function printPreparation(io: Io, p: ExportPreparation | null): void {
  if (!p) return
  for (const f of p.reprobed)
    io.out.write(`probed again: ${f.path}: ${f.change}${f.error ? `: ${f.error}` : ''}\n`)
  if (p.analysed) io.out.write(`analysed first: ${p.analysed} recordings that were pending\n`)
  for (const f of p.analysisFailed) io.out.write(`analysis failed: ${f.error}\n`)
  if (p.replacedEstimateId !== null) {
    io.out.write(
      `estimate ${p.replacedEstimateId} predates newer summaries: made again as estimate ${p.estimateId} with the project's settings\n`,
    )
  }
}

/** `--shard i/n`, a usage error when malformed. */
function shardOf(text: string): Shard {
  try {
    return parseShard(text)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}
