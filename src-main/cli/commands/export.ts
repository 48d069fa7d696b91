import { exportCorpus } from '../../services/export/export-corpus'
import { openProject } from '../../services/project'
import { parseShard } from '../../services/shard'
import { choiceFlag, intFlag, listFlag, numberFlag, positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT } from '../errors'
import { progressBar } from '../progress-bar'

export const exportCommand: Command = {
  ...USAGE.export,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      method: { type: 'string' },
      taps: { type: 'string' },
      format: { type: 'string' },
      devices: { type: 'string' },
      gain: { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      json: { type: 'boolean' },
    })
    const [projectPath, outDir] = positionals(pos, ['project', 'out-dir'])
    const gainText = str(values.gain)
    const shardText = str(values.shard)
    const shard = shardText === undefined ? undefined : parseShard(shardText)
    const project = openProject(projectPath)
    try {
      const r = await exportCorpus(project, outDir, {
        method: choiceFlag('method', str(values.method), ['fir', 'stft'] as const),
        taps: intFlag('taps', str(values.taps), { min: 1 }),
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
        shard,
        signal: io.signal,
        onProgress: progressBar(io.err),
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
          shard: shardText ?? null,
        })
      } else {
        io.out.write(
          `${r.outDir}: ${r.written} written, ${r.skipped} already done, ${r.failed.length} failed; ${r.seconds.toFixed(1)} s of audio in ${r.wallSeconds.toFixed(1)} s; gain ${r.gainDb.toFixed(2)} dB${r.cancelled ? ' — cancelled; run again to resume' : ''}${shard ? `; shard ${shardText}: partial manifest written, run \`scw export-merge ${r.outDir}\` once every shard is done` : ''}\n`,
        )
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
