/** FIFO of planar float samples that re-blocks decoder output; lengths in frames per channel */
export class PlanarQueue {
  private chunks: Float32Array[][] = []
  private head = 0 // frames of chunks[0] already taken
  private queued = 0

  constructor(readonly channels: number) {}

  /** Frames waiting */
  get length(): number {
    return this.queued
  }

  /** Appends one planar chunk (one array per channel, all of the same length); keeps a reference */
  push(planar: Float32Array[]): void {
    if (planar[0].length === 0) return
    this.chunks.push(planar)
    this.queued += planar[0].length
  }

  /** Removes and returns the next min(frames, length) frames as fresh arrays */
  take(frames: number): Float32Array[] {
    const n = Math.min(frames, this.queued)
    const out = Array.from({ length: this.channels }, () => new Float32Array(n))
    let filled = 0
    while (filled < n) {
      const chunk = this.chunks[0]
      const count = Math.min(n - filled, chunk[0].length - this.head)
      for (let c = 0; c < this.channels; c++) {
        out[c].set(chunk[c].subarray(this.head, this.head + count), filled)
      }
      filled += count
      this.head += count
      if (this.head === chunk[0].length) {
        this.chunks.shift()
        this.head = 0
      }
    }
    this.queued -= n
    return out
  }
}
