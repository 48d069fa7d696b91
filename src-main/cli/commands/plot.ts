// `scw plot`: the workbench's figures made headless, by the same pure builders (src-shared/figures)
// from the same views the UI draws, as SVG, PNG (2×, resvg) or the CSV of exactly what is drawn.
import { writeFile } from 'node:fs/promises'
import { ESTIMATOR_VARIANTS, type EstimatorVariant } from '@shared/dsp/estimate'
import {
  coefficientsFigure,
  deviceColorMap,
  evaluateFigure,
  firFigure,
  spectraFigure,
  spectraRelativeFigure,
  type Figure,
} from '@shared/figures'
import { FIR_CHECK_BAND_HZ } from '@shared/model/project'
import { estimateView, evaluationView } from '../../backend/views'
import { svgToPng } from '../../figures/png'
import { devicesOverview } from '../../services/devices'
import { currentEstimate, estimate, type EstimateResult } from '../../services/estimation'
import { firResponse } from '../../services/fir'
import { projectOverview } from '../../services/overview'
import { openProject, type Project } from '../../services/project'
import { withProjectReference } from '../../services/reference'
import { bandFlag, choiceFlag, intFlag, listText } from '../args'
import { parse, str, type Command } from '../command'
import { EXIT, UsageError } from '../errors'
import { PLOT_FIGURES, USAGE, type PlotFigure } from '../usage'

export { PLOT_FIGURES, type PlotFigure }

const OUTPUTS = ['svg', 'png', 'csv'] as const
type Output = (typeof OUTPUTS)[number]

interface PlotOptions {
  reference?: string
  variant?: EstimatorVariant
  devices?: string[]
  bandHz?: [number, number]
  yRangeDb?: [number, number]
  width?: number
  height?: number
  /** FIR length; absent: the policy's, as export chooses it. */
  taps?: number
  sampleRate?: number
}

/** `<lo>:<hi>` in dB (either may be negative: `--y-range=-30:10`). */
function yRangeFlag(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined
  const m = /^(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)$/.exec(value)
  if (!m || !(Number(m[2]) > Number(m[1]))) {
    throw new UsageError(
      `--y-range ${value}: expected <low dB>:<high dB> with low < high, e.g. --y-range=-30:10`,
    )
  }
  return [Number(m[1]), Number(m[2])]
}

function outputOf(path: string): Output {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase()
  const format = OUTPUTS.find((o) => o === ext)
  if (!format) throw new UsageError(`--out ${path}: name a .svg, .png or .csv file`)
  return format
}

/**
 * The estimate a figure shows: the project's current one, or (with --reference or --variant)
 * one made with those settings and the project's others, stored but not made current.
 */
function estimateFor(project: Project, o: PlotOptions): EstimateResult {
  if (o.reference === undefined && o.variant === undefined) {
    const current = currentEstimate(project)
    if (current) return current
  }
  const request =
    o.reference === undefined
      ? withProjectReference(project, { variant: o.variant })
      : { reference: o.reference, variant: o.variant }
  return estimate(project, request, { makeCurrent: false })
}

/** The figure `name` of `project`, built as the UI's Save builds it. */
export function plotFigure(project: Project, name: PlotFigure, o: PlotOptions): Figure {
  const colors = deviceColorMap(projectOverview(project).devices)
  const size = { width: o.width, height: o.height }
  const devices = o.devices
  if (name === 'spectra' || name === 'spectra-relative') {
    const view = devicesOverview(project)
    const reference = o.reference ?? project.settings().referenceDevice
    const data = { ...view, reference, nFft: project.analysisKey().nFft }
    const options = { ...size, colors, devices, fitBandHz: o.bandHz, yRangeDb: o.yRangeDb }
    return name === 'spectra' ? spectraFigure(data, options) : spectraRelativeFigure(data, options)
  }
  const e = estimateFor(project, o)
  if (name === 'coefficients') {
    return coefficientsFigure(estimateView(project, e), {
      ...size,
      colors,
      devices,
      fitBandHz: o.bandHz,
      yRangeDb: o.yRangeDb,
    })
  }
  if (name === 'fir') {
    if (devices && devices.length !== 1) {
      throw new UsageError(`--devices ${devices.join(',')}: the fir figure shows one device`)
    }
    const device = devices?.[0] ?? Object.keys(e.devices).find((d) => d !== e.reference)
    if (!device) throw new Error(`estimate ${e.id} corrects no device but the reference`)
    // The filter export writes for the device's files (at their own rate unless asked), checked
    // over the policy's valid band at that rate.
    const response = firResponse(project, e, device, { taps: o.taps, sampleRate: o.sampleRate })
    return firFigure(response, {
      ...size,
      colors,
      validBandHz: o.bandHz ?? response.correction.bandHz ?? FIR_CHECK_BAND_HZ,
      yRangeDb: o.yRangeDb,
    })
  }
  const view = evaluationView(project, e, { bandHz: o.bandHz })
  const shown = devices ? view.devices.filter((d) => devices.includes(d.device)) : view.devices
  const unknown = (devices ?? []).filter((d) => !view.devices.some((v) => v.device === d))
  if (unknown.length) {
    throw new Error(
      `no evaluation for device ${unknown.join(', ')}; it holds ${view.devices.map((d) => d.device).join(', ')}`,
    )
  }
  return evaluateFigure(
    { ...view, devices: shown },
    { ...size, colors, nFft: e.nFft, yRangeDb: o.yRangeDb },
  )
}

export const plotCommand: Command = {
  ...USAGE.plot,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      out: { type: 'string' },
      reference: { type: 'string' },
      variant: { type: 'string' },
      devices: { type: 'string' },
      band: { type: 'string' },
      'y-range': { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      taps: { type: 'string' },
      'sample-rate': { type: 'string' },
    })
    if (pos.length !== 2) {
      throw new UsageError(`expected <project> <figure>, got ${pos.join(' ') || 'nothing'}`)
    }
    const [projectPath, figureName] = pos
    const name = PLOT_FIGURES.find((f) => f === figureName)
    if (!name) {
      throw new UsageError(`figure ${figureName}: expected one of ${PLOT_FIGURES.join(', ')}`)
    }
    const out = str(values.out)
    if (!out) throw new UsageError('--out <file.svg|file.png|file.csv> is required')
    const output = outputOf(out)
    const taps = intFlag('taps', str(values.taps), { min: 1 })
    if (taps !== undefined && taps % 2 === 0)
      throw new UsageError(`--taps ${taps}: must be odd (a linear-phase type-I filter)`)
    const devices = listText(str(values.devices))
    if (devices?.some((d) => d === '')) {
      throw new UsageError(
        `--devices '${str(values.devices)}': a device name is empty; give names separated by commas, e.g. --devices a,b`,
      )
    }
    const options: PlotOptions = {
      reference: str(values.reference),
      variant: choiceFlag('variant', str(values.variant), ESTIMATOR_VARIANTS),
      devices,
      bandHz: bandFlag('band', str(values.band)),
      yRangeDb: yRangeFlag(str(values['y-range'])),
      width: intFlag('width', str(values.width), { min: 1 }),
      height: intFlag('height', str(values.height), { min: 1 }),
      taps,
      sampleRate: intFlag('sample-rate', str(values['sample-rate']), { min: 1000 }),
    }
    const project = openProject(projectPath)
    try {
      const figure = plotFigure(project, name, options)
      const data =
        output === 'svg' ? figure.svg : output === 'csv' ? figure.csv : svgToPng(figure.svg)
      await writeFile(out, data)
      io.err.write(`${figure.title}: ${out}\n`)
      return EXIT.ok
    } finally {
      project.close()
    }
  },
}
