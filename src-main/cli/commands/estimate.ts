import { estimateRequest, type EstimateRequestInput } from '@shared/api/schemas'
import type { Regularization } from '@shared/dsp/regularize'
import { amplitudeToDb } from '@shared/dsp/units'
import { DEFAULT_SETTINGS } from '@shared/model/project'
import { writeFile } from 'node:fs/promises'
import { COEFFICIENTS_FORMATS, type CoefficientsFormat } from '@shared/io/coefficients'
import { ratesPerDevice, sampleRateLines } from '../../services/analysis-rate'
import { estimateJson } from '../../services/estimate-json'
import { estimate } from '../../services/estimation'
import { coefficientsFile, coefficientsFormatOf } from '../../services/numbers-out'
import { gatingEffect, signalCheckLines, signalChecks } from '../../services/signal-checks'
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
  'frame-gating': { type: 'boolean' },
} as const

/** The regularisation flags; none given: none (the documented default, never the last call's). */
function regularizationOf(values: Record<string, string | boolean | undefined>): Regularization {
  const reg: Regularization = {}
  const smooth = numberText('smooth', str(values.smooth))
  if (smooth !== undefined) reg.smoothingOctaves = smooth
  const boost = numberText('max-boost', str(values['max-boost']))
  if (boost !== undefined) reg.maxBoostDb = boost
  const cut = numberText('max-cut', str(values['max-cut']))
  if (cut !== undefined) reg.maxCutDb = cut
  const band = bandFlag('band', str(values.band))
  if (band) reg.bandHz = band
  return reg
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

/**
 * The flags as the contract's estimate request, checked with its schema. Every flag left out takes
 * its documented default, whatever an earlier call or the UI used; only the reference, a project
 * setting, is the project's when not given.
 */
export function estimateRequestOf(
  values: Record<string, string | boolean | undefined>,
): EstimateRequestInput {
  const flag = (name: string): Given => ({ arg: `--${name}`, text: str(values[name]) })
  const defaults = DEFAULT_SETTINGS.estimate
  return checkWith(
    estimateRequest,
    {
      variant: str(values.variant) ?? defaults.variant,
      reference: str(values.reference),
      maxPerDevice: integerText('max-per-device', str(values['max-per-device'])) ?? null,
      seed: integerText('seed', str(values.seed)) ?? defaults.seed,
      regularization: regularizationOf(values),
      frameGating: values['frame-gating'] === true,
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
      const checks = signalChecks(project)
      const gating = gatingEffect(project, e)
      const rates = ratesPerDevice(project)
      const warnings = [...sampleRateLines(rates, e.sampleRate), ...signalCheckLines(checks)]
      if (format) {
        if (values.json && !out) {
          // The coefficients record on one line, as the file holds it, then the checks it ran.
          const checked = { signalChecks: checks, gating, sampleRates: rates, warnings }
          io.out.write(`${JSON.stringify({ ...estimateJson(e), ...checked })}\n`)
        } else {
          const file = coefficientsFile(e, format)
          if (out) {
            await writeFile(out, file)
            io.err.write(
              `estimate ${e.id} (${e.variant}, reference ${e.reference}) written to ${out}\n`,
            )
          } else io.out.write(file)
          for (const line of warnings) io.err.write(`warning: ${line}\n`)
        }
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
        for (const line of warnings) io.out.write(`warning: ${line}\n`)
        for (const g of gating) {
          if (g.silentFrameShare === 0) continue
          const state = e.frameGating
            ? `frame gating left out ${(100 * g.silentFrameShare).toFixed(1)}% of its frames; without it the curve would differ by up to`
            : `${(100 * g.silentFrameShare).toFixed(1)}% of its frames are digitally silent; --frame-gating would change its curve by up to`
          io.out.write(`  ${g.device}: ${state} ${g.maxChangeDb.toFixed(1)} dB\n`)
        }
        for (const f of report.failed) io.out.write(`left out (analysis failed): ${f.error}\n`)
        printWarnings(io, report.warnings)
      }
      return code
    } finally {
      project.close()
    }
  },
}
