// Every failure of a call to main reaches the UI as an ApiError: a message for people and a code
// for programs (the contract's codes, plus 'transport' when the channel itself failed).
import type { ContractError, MethodName } from '@shared/api/contract'

export type ApiErrorCode = ContractError['code'] | 'transport'

const CODES: readonly ApiErrorCode[] = [
  'invalid-request',
  'no-project',
  'not-found',
  'failed',
  'transport',
]

export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** The method whose call failed, when known. */
    readonly method: MethodName | null = null,
  ) {
    super(message)
  }
}

/** True for `{ code, message }` with a known code. */
export function isContractError(value: unknown): value is ContractError {
  if (typeof value !== 'object' || value === null) return false
  const { code, message } = value as Record<string, unknown>
  return typeof message === 'string' && CODES.includes(code as ApiErrorCode)
}

/** `e` as an ApiError: kept if it is one, else wrapped (contract errors keep their code). */
export function toApiError(e: unknown, method: MethodName | null = null): ApiError {
  if (e instanceof ApiError) return e
  if (isContractError(e)) return new ApiError(e.code, e.message, method)
  const message = e instanceof Error ? e.message : String(e)
  return new ApiError('failed', message, method)
}
