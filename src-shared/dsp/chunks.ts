/** Collects Float32Array pieces and joins them once. */
export class ChunkList {
  private parts: Float32Array[] = []
  private length = 0

  /** Appends a copy of `values`. */
  push(values: Float32Array): void {
    if (values.length === 0) return
    this.parts.push(values.slice())
    this.length += values.length
  }

  /** Everything pushed since the last take, as one array; empties the list. */
  take(): Float32Array {
    const parts = this.parts
    const out = parts.length === 1 ? parts[0] : new Float32Array(this.length)
    if (parts.length > 1) {
      let at = 0
      for (const p of parts) {
        out.set(p, at)
        at += p.length
      }
    }
    this.parts = []
    this.length = 0
    return out
  }
}

/** A signal processor fed in blocks whose output, in total, is as long as its input. */
export interface Streamer {
  push(x: Float32Array): Float32Array
  finish(): Float32Array
  dispose(): void
}

/** Runs the whole of `x` through a streamer made by `make` and returns its complete output. */
export function runWhole(make: () => Streamer, x: Float32Array): Float32Array {
  const s = make()
  try {
    const head = s.push(x)
    const rest = s.finish()
    const y = new Float32Array(head.length + rest.length)
    y.set(head)
    y.set(rest, head.length)
    return y
  } finally {
    s.dispose()
  }
}
