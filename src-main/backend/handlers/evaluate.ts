// evaluate.*: before and after correction, from the summaries.
import { evaluationView } from '../views'
import { estimateOrCompute } from './estimate'
import type { HandlersOf } from './handler'

export const evaluateHandlers: HandlersOf<'evaluate'> = {
  'evaluate.run': async (ctx, { bandHz }) =>
    evaluationView(ctx.project(), estimateOrCompute(ctx), bandHz),
}
