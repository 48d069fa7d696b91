// evaluate.*: before and after correction, held out, as export would realise it.
import { evaluationView } from '../views'
import { estimateOrCompute } from './estimate'
import type { HandlersOf } from './handler'

export const evaluateHandlers: HandlersOf<'evaluate'> = {
  'evaluate.run': async (ctx, { bandHz, method, taps, paperExact }) =>
    evaluationView(ctx.project(), estimateOrCompute(ctx), { bandHz, method, taps, paperExact }),
}
