/** A mistake in how the command was called (exit code 1). */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Exit codes of `scw`. */
export const EXIT = { ok: 0, usage: 1, badInput: 2, someFailed: 3 } as const
