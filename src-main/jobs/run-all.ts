// Bounded concurrency for jobs: a fixed number of lanes over a list, stopping at the first error
// or when cancelled, and never returning while a lane still runs.

/** True for the error an aborted signal throws (job cancelled), from Node or from piscina. */
export function isAbort(e: unknown): boolean {
  return (
    e instanceof Error && (e.name === 'AbortError' || (e as { code?: string }).code === 'ABORT_ERR')
  )
}

/**
 * Runs `fn` over `items` (with each item's index) with at most `concurrency` in flight; stops
 * early when `signal` is aborted (rejecting with its AbortError) or when `fn` throws.
 */
export async function runAll<T>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal | undefined,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  let stopped = false
  const lane = async (): Promise<void> => {
    while (next < items.length && !stopped) {
      signal?.throwIfAborted()
      const i = next++
      try {
        await fn(items[i], i)
      } catch (e) {
        stopped = true
        throw e
      }
    }
  }
  // Every lane settles before this returns, so nothing writes after the caller cleans up.
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, items.length) }, lane),
  )
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failure) throw failure.reason
}
