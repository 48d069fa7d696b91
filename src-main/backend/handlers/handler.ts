import type { Responses } from '@shared/api/contract'
import type { MethodName } from '@shared/api/methods'
import type { RequestOf } from '@shared/api/schemas'
import type { Context } from '../context'

/** One contract method: its request arrives validated (see Backend.handle). */
export type Handler<M extends MethodName> = (
  ctx: Context,
  request: RequestOf<M>,
) => Promise<Responses[M]>

/** The handlers of every method whose name starts with `Domain.`. */
export type HandlersOf<Domain extends string> = {
  [M in MethodName as M extends `${Domain}.${string}` ? M : never]: Handler<M>
}
