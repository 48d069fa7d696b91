import { ESTIMATOR_VARIANTS, type EstimatorVariant } from '@shared/dsp/estimate'
import type { Regularization } from '@shared/dsp/regularize'
import { amplitudeToDb } from '@shared/dsp/units'
import { estimateJson } from '../../services/estimate-json'
import { estimate } from '../../services/estimation'
import { openProject } from '../../services/project'
import { choiceFlag, intFlag, numberFlag, positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT, UsageError } from '../errors'
import { ANALYSIS_FLAGS, applyAnalysisFlags, runAnalysis } from './analyze'

export const ESTIMATE_FLAGS = {
  variant: { type: 'string' },
  reference: { type: 'string' },
  'max-per-device': { type: 'string' },
  seed: { type: 'string' },
  smooth: { type: 'string' },
  'max-boost': { type: 'string' },
  'max-cut': { type: 'string' },
  band: { type: 'string' },
} as const

/** The regularisation flags, or undefined when none is given (keep the project's). */
function regularizationOf(
  values: Record<string, string | boolean | undefined>,
): Regularization | undefined {
  const reg: Regularization = {}
  const smooth = numberFlag('smooth', str(values.smooth))
  if (smooth !== undefined) reg.smoothingOctaves = smooth
  const boost = numberFlag('max-boost', str(values['max-boost']))
  if (boost !== undefined) reg.maxBoostDb = boost
  const cut = numberFlag('max-cut', str(values['max-cut']))
  if (cut !== undefined) reg.maxCutDb = cut
  const band = str(values.band)
  if (band !== undefined) {
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(band)
    if (!m)
      throw new UsageError(`--band ${band}: expected <low Hz>-<high Hz>, e.g. --band 50-16000`)
    reg.bandHz = [Number(m[1]), Number(m[2])]
  }
  return Object.keys(reg).length ? reg : undefined
}

export const estimateCommand: Command = {
  ...USAGE.estimate,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      ...ESTIMATE_FLAGS,
      ...ANALYSIS_FLAGS,
      json: { type: 'boolean' },
    })
    const [projectPath] = positionals(pos, ['project'])
    const variant = choiceFlag<EstimatorVariant>('variant', str(values.variant), ESTIMATOR_VARIANTS)
    const maxPerDevice = intFlag('max-per-device', str(values['max-per-device']), { min: 1 })
    const seed = intFlag('seed', str(values.seed))
    const regularization = regularizationOf(values)
    const project = openProject(projectPath)
    try {
      applyAnalysisFlags(project, values)
      const { code, report } = await runAnalysis(project, values, io)
      if (report.cancelled) return EXIT.someFailed
      const e = estimate(project, {
        variant,
        reference: str(values.reference),
        maxPerDevice,
        seed,
        regularization,
      })
      if (values.json) printJson(io, estimateJson(e))
      else {
        io.out.write(
          `estimate ${e.id}: ${e.variant}, reference ${e.reference}, ${e.sampleRate} Hz, nFft ${e.nFft}, hop ${e.hopLength}\n`,
        )
        for (const d of Object.values(e.devices)) {
          const db = Array.from(d.coefficients, (c) => amplitudeToDb(c))
          const band = db.filter((_, k) => e.frequencies[k] >= 100 && e.frequencies[k] <= 10000)
          const lo = Math.min(...band).toFixed(1)
          const hi = Math.max(...band).toFixed(1)
          const used =
            e.variant === 'unaligned' ? `${d.recordings} recordings` : `${d.segments} segments`
          io.out.write(`  ${d.device}: ${used}; gain ${lo} to ${hi} dB over 100 Hz-10 kHz\n`)
        }
        for (const m of e.missing) io.out.write(`  ${m.device}: not estimated: ${m.reason}\n`)
        for (const f of report.failed) io.out.write(`left out (analysis failed): ${f.error}\n`)
      }
      return code
    } finally {
      project.close()
    }
  },
}
