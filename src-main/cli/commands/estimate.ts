import { ESTIMATOR_VARIANTS, type EstimatorVariant } from '@shared/dsp/estimate'
import type { Regularization } from '@shared/dsp/regularize'
import { amplitudeToDb } from '@shared/dsp/units'
import { writeFile } from 'node:fs/promises'
import { COEFFICIENTS_FORMATS, type CoefficientsFormat } from '@shared/io/coefficients'
import { estimate } from '../../services/estimation'
import { coefficientsFile, coefficientsFormatOf } from '../../services/numbers-out'
import { openProject } from '../../services/project'
import { bandFlag, choiceFlag, intFlag, numberFlag, positionals } from '../args'
import { parse, str, type Command } from '../command'
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
  const band = bandFlag('band', str(values.band))
  if (band) reg.bandHz = band
  return Object.keys(reg).length ? reg : undefined
}

/**
 * The coefficients' file format: `--format`, else the extension of `--out`, else JSON for
 * `--json`; undefined prints the summary for people.
 */
function formatOf(
  flag: string | undefined,
  out: string | undefined,
  json: boolean,
): CoefficientsFormat | undefined {
  const chosen = choiceFlag('format', flag, COEFFICIENTS_FORMATS)
  if (json && chosen && chosen !== 'json')
    throw new UsageError(`--json and --format ${chosen} contradict each other; give one`)
  const format =
    chosen ?? (out ? coefficientsFormatOf(out) : undefined) ?? (json ? 'json' : undefined)
  if (out && !format) {
    throw new UsageError(`--out ${out}: name a .json, .csv or .npz file, or give --format`)
  }
  if (format === 'npz' && !out)
    throw new UsageError('--format npz writes bytes: give --out <file.npz>')
  return format
}

export const estimateCommand: Command = {
  name: 'estimate',
  usage:
    'estimate <project> [--variant unaligned|aligned|dcase2019] [--reference <device>] [--max-per-device N] [--seed S] [--smooth <octaves>] [--max-boost <dB>] [--max-cut <dB>] [--band <lo>-<hi>] [--json | --format json|csv|npz [--out <file>]]',
  summary: 'estimate correction coefficients (analysing what is not analysed yet first)',
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      ...ESTIMATE_FLAGS,
      ...ANALYSIS_FLAGS,
      json: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
    })
    const [projectPath] = positionals(pos, ['project'])
    const out = str(values.out)
    const format = formatOf(str(values.format), out, values.json === true)
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
      if (format) {
        const file = coefficientsFile(e, format)
        if (out) {
          await writeFile(out, file)
          io.err.write(
            `estimate ${e.id} (${e.variant}, reference ${e.reference}) written to ${out}\n`,
          )
        } else io.out.write(file)
      } else {
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
