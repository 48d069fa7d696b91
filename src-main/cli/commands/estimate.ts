import { estimateRequest, type EstimateRequestInput } from '@shared/api/schemas'
import type { Regularization } from '@shared/dsp/regularize'
import { amplitudeToDb } from '@shared/dsp/units'
import { writeFile } from 'node:fs/promises'
import { COEFFICIENTS_FORMATS, type CoefficientsFormat } from '@shared/io/coefficients'
import { estimate } from '../../services/estimation'
import { coefficientsFile, coefficientsFormatOf } from '../../services/numbers-out'
import { openProject } from '../../services/project'
import {
  bandFlag,
  checkWith,
  choiceFlag,
  integerText,
  numberText,
  positionals,
  type Given,
} from '../args'
import { parse, str, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT, UsageError } from '../errors'
import { printWarnings } from '../warnings'
import { ANALYSIS_FLAGS, applyAnalysisFlags, checkAnalysisFlags, runAnalysis } from './analyze'

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
  const smooth = numberText('smooth', str(values.smooth))
  if (smooth !== undefined) reg.smoothingOctaves = smooth
  const boost = numberText('max-boost', str(values['max-boost']))
  if (boost !== undefined) reg.maxBoostDb = boost
  const cut = numberText('max-cut', str(values['max-cut']))
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

/** The flags as the contract's estimate request, checked with its schema. */
export function estimateRequestOf(
  values: Record<string, string | boolean | undefined>,
): EstimateRequestInput {
  const flag = (name: string): Given => ({ arg: `--${name}`, text: str(values[name]) })
  return checkWith(
    estimateRequest,
    {
      variant: str(values.variant),
      reference: str(values.reference),
      maxPerDevice: integerText('max-per-device', str(values['max-per-device'])),
      seed: integerText('seed', str(values.seed)),
      regularization: regularizationOf(values),
    },
    {
      variant: flag('variant'),
      reference: flag('reference'),
      maxPerDevice: flag('max-per-device'),
      seed: flag('seed'),
      'regularization.smoothingOctaves': flag('smooth'),
      'regularization.maxBoostDb': flag('max-boost'),
      'regularization.maxCutDb': flag('max-cut'),
      'regularization.bandHz': flag('band'),
    },
  )
}

export const estimateCommand: Command = {
  ...USAGE.estimate,
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
    const request = estimateRequestOf(values)
    checkAnalysisFlags(values)
    const project = openProject(projectPath)
    try {
      applyAnalysisFlags(project, values)
      const { code, report } = await runAnalysis(project, values, io)
      if (report.cancelled) return EXIT.someFailed
      const e = estimate(project, request)
      if (format) {
        const file = coefficientsFile(e, format)
        if (out) {
          await writeFile(out, file)
          io.err.write(
            `estimate ${e.id} (${e.variant}, reference ${e.reference}) written to ${out}\n`,
          )
        } else io.out.write(file)
        // stdout may be the coefficients file; what the analysis it ran found goes to stderr.
        const err = { ...io, out: io.err }
        for (const f of report.failed) err.out.write(`left out (analysis failed): ${f.error}\n`)
        printWarnings(err, report.warnings)
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
        printWarnings(io, report.warnings)
      }
      return code
    } finally {
      project.close()
    }
  },
}
