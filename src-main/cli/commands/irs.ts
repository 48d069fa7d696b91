import { IR_PHASES } from '@shared/dsp/device-ir'
import { DEFAULT_FIR_TAPS } from '@shared/model/project'
import { designDeviceIrs, writeDeviceIrs } from '../../services/device-irs'
import { estimate } from '../../services/estimation'
import { openProject } from '../../services/project'
import { choiceFlag, intFlag, listText, positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT, UsageError } from '../errors'
import { analysePending } from '../pending-analysis'

export const irsCommand: Command = {
  ...USAGE.irs,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      devices: { type: 'string' },
      taps: { type: 'string' },
      phase: { type: 'string' },
      'sample-rate': { type: 'string' },
      json: { type: 'boolean' },
    })
    const [projectPath, outDir] = positionals(pos, ['project', 'out-dir'])
    const phase = choiceFlag('phase', str(values.phase), IR_PHASES) ?? 'minimum'
    const taps = intFlag('taps', str(values.taps), { min: 1 }) ?? DEFAULT_FIR_TAPS
    if (phase === 'linear' && taps % 2 === 0)
      throw new UsageError(`--taps ${taps}: must be odd for --phase linear (a type-I filter)`)
    const sampleRate = intFlag('sample-rate', str(values['sample-rate']), { min: 1000 })
    const project = openProject(projectPath)
    try {
      if (!(await analysePending(project, io))) return EXIT.someFailed
      const est = estimate(project)
      const set = designDeviceIrs(project, est, {
        devices: listText(str(values.devices)),
        taps,
        phase,
        sampleRate,
      })
      const { outDir: dir, removed } = await writeDeviceIrs(project, set, outDir)
      if (values.json) {
        printJson(io, {
          outDir: dir,
          reference: set.reference,
          sampleRate: set.sampleRate,
          taps: set.taps,
          phase: set.phase,
          irs: set.irs,
          skipped: set.skipped,
          removed,
        })
      } else {
        io.out.write(
          `${dir}: ${set.irs.length} impulse responses (${set.phase} phase, ${set.taps} taps, ${set.sampleRate} Hz) adding each device's colouring to recordings of ${set.reference}, and impulse_responses.csv\n`,
        )
        for (const r of set.irs) {
          io.out.write(
            `  ${r.file}: level ${r.levelDb.toFixed(2)} dB, band ${Math.round(r.bandHz[0])}–${Math.round(r.bandHz[1])} Hz, realised within ${r.errorRmsDb.toFixed(2)} dB RMS (max ${r.errorMaxDb.toFixed(1)} dB)\n`,
          )
        }
        for (const s of set.skipped) io.out.write(`not written: ${s.device} (${s.reason})\n`)
        if (removed.length) io.out.write(`removed from an earlier run: ${removed.join(', ')}\n`)
      }
      return set.skipped.length ? EXIT.someFailed : EXIT.ok
    } finally {
      project.close()
    }
  },
}
