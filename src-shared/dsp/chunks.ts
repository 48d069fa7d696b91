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
