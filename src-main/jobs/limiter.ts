/** Runs async tasks with at most `n` in flight; `run` settles as its task does. */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>
}

/** A limiter of `n` slots that refuses to start tasks once `signal` is aborted. */
export function createLimiter(n: number, signal?: AbortSignal): Limiter {
  let active = 0
  const waiting: (() => void)[] = []
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      // A finishing task hands its slot straight to the next waiter, so `active` never exceeds n.
      if (active < n) active += 1
      else await new Promise<void>((resolve) => waiting.push(resolve))
      try {
        signal?.throwIfAborted()
        return await task()
      } finally {
        const next = waiting.shift()
        if (next) next()
        else active -= 1
      }
    },
  }
}
