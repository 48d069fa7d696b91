// One method call as both transports report it: a result, or a contract error as data (Electron
// invoke keeps only the message of a thrown error, and HTTP needs a body either way).
import type { CallResult } from '@shared/api/bridge'
import type { ContractError } from '@shared/api/contract'
import { METHODS, type MethodName } from '@shared/api/methods'
import { BackendError, type BackendApi } from '../backend/types'

/** True when `name` is one of the contract's methods. */
export function isMethodName(name: string): name is MethodName {
  return (METHODS as readonly string[]).includes(name)
}

/** A thrown value as the contract's error: BackendError keeps its code, anything else 'failed'. */
export function contractErrorOf(e: unknown): ContractError {
  if (e instanceof BackendError) return { code: e.code, message: e.message }
  const message = e instanceof Error ? e.message : String(e)
  return { code: 'failed', message: message || 'unexpected failure' }
}

/** Runs one method on the backend (which validates `payload`); never throws. */
export async function callBackend<M extends MethodName>(
  backend: BackendApi,
  method: M,
  payload: unknown,
): Promise<CallResult<M>> {
  try {
    return { result: await backend.handle(method, payload) }
  } catch (e) {
    return { error: contractErrorOf(e) }
  }
}
