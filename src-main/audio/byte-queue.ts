/**
 * Bytes of a file fed in order to a parser that reads from `start`; the bytes before `start`
 * are dropped at the next append. Byte positions are indices into `buf`; `fileAt` maps them back
 * to file offsets for messages.
 */
export class ByteQueue {
  buf: Uint8Array
  /** Next unread byte of buf */
  start = 0
  /** Bytes of buf filled */
  end = 0
  /** File offset of buf[0] */
  fileAt: number

  /** `slack` bytes stay allocated past `end`, for readers that look a few bytes ahead */
  constructor(
    fileAt: number,
    private readonly slack = 0,
  ) {
    this.fileAt = fileAt
    this.buf = new Uint8Array(1 << 16)
  }

  /** Unread bytes */
  get length(): number {
    return this.end - this.start
  }

  /** File offset of buf[i] */
  offsetOf(i: number): number {
    return this.fileAt + i
  }

  append(bytes: Uint8Array): void {
    if (this.start > 0) {
      this.buf.copyWithin(0, this.start, this.end)
      this.end -= this.start
      this.fileAt += this.start
      this.start = 0
    }
    const need = this.end + bytes.length + this.slack
    if (need > this.buf.length) {
      const bigger = new Uint8Array(Math.max(need, 2 * this.buf.length))
      bigger.set(this.buf.subarray(0, this.end))
      this.buf = bigger
    }
    this.buf.set(bytes, this.end)
    this.end += bytes.length
  }

  /** Releases the memory */
  clear(): void {
    this.buf = new Uint8Array(0)
    this.start = 0
    this.end = 0
  }
}
