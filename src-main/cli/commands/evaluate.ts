import type { Evaluation } from '../../services/evaluation'
import { evaluate } from '../../services/evaluation'
import { currentEstimate, estimate } from '../../services/estimation'
import { openProject } from '../../services/project'
import { withProjectReference } from '../../services/reference'
import { bandFlag, choiceFlag, intFlag, positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { describeRate } from '../correction-report'
import { EXIT, UsageError } from '../errors'
import { USAGE } from '../usage'

const db = (x: number | null): string => (x === null ? '–' : x.toFixed(2))
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`

/** The --json document: `{band, devices: {<device>: {beforeDb, afterDb, …}}, …}`. */
function evaluationJson(e: Evaluation, reference: string, estimateId: number): object {
  return {
    band: e.bandHz,
    reference,
    estimateId,
    method: e.choice.method ?? null,
    taps: e.choice.taps ?? null,
    paperExact: e.choice.paperExact ?? false,
    split: e.split,
    devices: Object.fromEntries(
      e.devices.map((d) => [
        d.device,
        {
          beforeDb: d.beforeDb,
          afterDb: d.afterDb,
          bandHz: d.bandHz,
          trainRecordings: d.trainRecordings,
          testRecordings: d.testRecordings,
          correction: d.correction,
          note: d.note,
        },
      ]),
    ),
    classifier: e.classifier,
    warnings: e.warnings,
  }
}

export const evaluateCommand: Command = {
  ...USAGE.evaluate,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      method: { type: 'string' },
      taps: { type: 'string' },
      'paper-exact': { type: 'boolean' },
      band: { type: 'string' },
      json: { type: 'boolean' },
    })
    const [projectPath] = positionals(pos, ['project'])
    const method = choiceFlag('method', str(values.method), ['fir', 'stft'] as const)
    const taps = intFlag('taps', str(values.taps), { min: 1 })
    if (taps !== undefined && taps % 2 === 0)
      throw new UsageError(`--taps ${taps}: must be odd (a linear-phase type-I filter)`)
    const bandHz = bandFlag('band', str(values.band))
    const project = openProject(projectPath)
    try {
      const est = currentEstimate(project) ?? estimate(project, withProjectReference(project))
      const e = evaluate(project, est, {
        bandHz,
        choice: { method, taps, paperExact: values['paper-exact'] === true },
      })
      if (values.json) {
        printJson(io, evaluationJson(e, est.reference, est.id))
        return EXIT.ok
      }
      const s = e.split
      io.out.write(
        `estimate ${est.id} (${est.variant}, reference ${est.reference}), held out: trained on ${s.trainUnits} and tested on ${s.testUnits} of the alignment groups and ungrouped recordings (seed ${s.seed})\n`,
      )
      io.out.write(
        `distance to the reference over ${e.bandHz[0]}-${e.bandHz[1]} Hz on the test half, dB RMS (before → after):\n`,
      )
      for (const d of e.devices) {
        const how = d.correction?.rates.map((r) => `${r.sampleRate} Hz: ${describeRate(r)}`)
        const tail = d.note ?? how?.join(', ') ?? ''
        io.out.write(
          `  ${d.device}: ${db(d.beforeDb)} → ${db(d.afterDb)} (${d.testRecordings} test, ${d.trainRecordings} training recordings${tail ? `; ${tail}` : ''})\n`,
        )
      }
      const c = e.classifier
      io.out.write(
        `device classifier on ${c.tested} test recordings: ${pct(c.accuracyBefore)} before, ${pct(c.accuracyAfter)} after; chance ${pct(c.chance)} (always guessing the device with the most test recordings); near chance after correction is the goal\n`,
      )
      for (const w of e.warnings) io.out.write(`warning: ${w}\n`)
      return EXIT.ok
    } finally {
      project.close()
    }
  },
}
