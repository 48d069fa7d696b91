// evaluate.*: before and after correction, from the summaries.
import { evaluate } from '../../services/evaluation'
import { estimateOrCompute } from './estimate'
import type { HandlersOf } from './handler'

/** The band of the paper's comparisons, Hz, unless the request gives one. */
const DEFAULT_BAND_HZ: [number, number] = [100, 10000]

export const evaluateHandlers: HandlersOf<'evaluate'> = {
  'evaluate.run': async (ctx, { bandHz }) => {
    const e = estimateOrCompute(ctx)
    const r = evaluate(ctx.project(), e, bandHz ?? DEFAULT_BAND_HZ)
    return {
      bandHz: r.bandHz,
      reference: e.reference,
      estimateId: e.id,
      frequencies: Array.from(e.frequencies),
      devices: r.devices.map((d) => ({
        device: d.device,
        rmsDbBefore: d.rmsDbBefore,
        rmsDbAfter: d.rmsDbAfter,
        spectrumDbBefore: Array.from(d.spectrumDbBefore),
        spectrumDbAfter: Array.from(d.spectrumDbAfter),
      })),
      classifier: r.classifier,
    }
  },
}
