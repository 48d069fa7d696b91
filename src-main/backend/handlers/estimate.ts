// estimate.*: computing and reading estimates, their confidence bands, FIR responses, downloads.
import { fftFrequencies } from '@shared/dsp/stft-options'
import { amplitudeToDb } from '@shared/dsp/units'
import {
  confidenceBands,
  currentEstimate,
  estimate,
  type EstimateResult,
} from '../../services/estimation'
import { firResponse } from '../../services/fir'
import { withProjectReference } from '../../services/reference'
import type { Context } from '../context'
import { downloadOf } from '../downloads'
import { estimateView } from '../views'
import type { HandlersOf } from './handler'

const toDb = (gain: number): number => amplitudeToDb(gain)

/** The current estimate, made with the project's settings if there is none yet. */
export function estimateOrCompute(ctx: Context): EstimateResult {
  const project = ctx.project()
  return currentEstimate(project) ?? estimate(project, withProjectReference(project))
}

export const estimateHandlers: HandlersOf<'estimate'> = {
  'estimate.current': async (ctx) => {
    const e = currentEstimate(ctx.project())
    return e ? estimateView(ctx.project(), e) : null
  },
  'estimate.compute': async (ctx, req) => {
    const project = ctx.project()
    const e = estimate(project, withProjectReference(project, req))
    ctx.changed()
    return estimateView(project, e)
  },
  'estimate.bands': async (ctx, { request, iterations, level }) => {
    // Bands only: computing them must not make another estimate the project's current one.
    const project = ctx.project()
    const { sampleRate, nFft } = project.analysisKey()
    const bands = confidenceBands(project, request, {
      iterations: iterations ?? 100,
      level: level ?? 0.95,
    })
    return {
      frequencies: Array.from(fftFrequencies({ sampleRate, nFft })),
      level: level ?? 0.95,
      iterations: iterations ?? 100,
      devices: Object.fromEntries(
        Object.entries(bands).map(([d, b]) => [
          d,
          { lowerDb: Array.from(b.lower, toDb), upperDb: Array.from(b.upper, toDb) },
        ]),
      ),
    }
  },
  'estimate.firResponse': async (ctx, { device, taps, sampleRate, paperExact }) => {
    const e = estimateOrCompute(ctx)
    return firResponse(ctx.project(), e, device, { sampleRate, taps, paperExact })
  },
  'estimate.download': async (ctx, req) => downloadOf(ctx.project(), estimateOrCompute(ctx), req),
}
