// The corrected previews kept in memory: least recently used first out, bounded in bytes (a
// preview of 64 MiB takes as much room as 64 of 1 MiB).

export class ByteBoundedCache {
  private readonly entries = new Map<string, Uint8Array>()
  private held = 0

  constructor(readonly maxBytes: number) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.held
  }

  get size(): number {
    return this.entries.size
  }

  get(key: string): Uint8Array | undefined {
    const value = this.entries.get(key)
    if (value) {
      // Most recently used last.
      this.entries.delete(key)
      this.entries.set(key, value)
    }
    return value
  }

  /** Keeps `value` unless it alone exceeds the bound; evicts the least recently used to fit. */
  set(key: string, value: Uint8Array): void {
    this.delete(key)
    if (value.byteLength > this.maxBytes) return
    this.entries.set(key, value)
    this.held += value.byteLength
    for (const [k] of this.entries) {
      if (this.held <= this.maxBytes) break
      this.delete(k)
    }
  }

  delete(key: string): void {
    const value = this.entries.get(key)
    if (!value) return
    this.entries.delete(key)
    this.held -= value.byteLength
  }

  clear(): void {
    this.entries.clear()
    this.held = 0
  }
}
