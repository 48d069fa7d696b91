// evaluate.*: before and after correction, held out, as export would realise it.
import { evaluate } from '../../services/evaluation'
import { estimateOrCompute } from './estimate'
import type { HandlersOf } from './handler'

export const evaluateHandlers: HandlersOf<'evaluate'> = {
  'evaluate.run': async (ctx, { bandHz, method, taps, paperExact }) => {
    const e = estimateOrCompute(ctx)
    const r = evaluate(ctx.project(), e, { bandHz, choice: { method, taps, paperExact } })
    return {
      bandHz: r.bandHz,
      reference: e.reference,
      estimateId: e.id,
      frequencies: Array.from(e.frequencies),
      method: method ?? null,
      taps: taps ?? null,
      paperExact: paperExact ?? false,
      split: r.split,
      devices: r.devices.map((d) => ({
        device: d.device,
        bandHz: d.bandHz,
        rmsDbBefore: d.beforeDb,
        rmsDbAfter: d.afterDb,
        trainRecordings: d.trainRecordings,
        testRecordings: d.testRecordings,
        correction: d.correction,
        spectrumDbBefore: Array.from(d.spectrumDbBefore),
        spectrumDbAfter: Array.from(d.spectrumDbAfter),
        note: d.note,
      })),
      classifier: r.classifier,
      warnings: r.warnings,
    }
  },
}
