/** Thrown when a read would pass the reader's limit: more bytes are needed, or the data is bad */
export const OUT_OF_DATA = new Error('bit reader: out of data')

/**
 * Reads big-endian bit fields from `b`, most significant bit first, between bit positions
 * `pos` and `limit`. Reads may look up to 3 bytes past the limit (give the array that much
 * slack for speed), but every read that passes the limit throws OUT_OF_DATA.
 */
export class BitReader {
  /** Next bit to read, counted from the start of `b` */
  pos: number
  /** Bit position that no read may pass */
  limit: number

  constructor(
    readonly b: Uint8Array,
    byteStart: number,
    byteLimit: number,
  ) {
    this.pos = byteStart * 8
    this.limit = byteLimit * 8
  }

  /** Unsigned `n`-bit field, 0 <= n <= 53 */
  bits(n: number): number {
    if (n > 25) {
      const high = this.bits(n - 16)
      return high * 65536 + this.bits(16)
    }
    if (n === 0) return 0
    const p = this.pos
    const b = this.b
    const i = p >>> 3
    const word = (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]
    this.pos = p + n
    if (this.pos > this.limit) throw OUT_OF_DATA
    return (word << (p & 7)) >>> (32 - n)
  }

  /** Two's complement `n`-bit field, 1 <= n <= 53 */
  signed(n: number): number {
    const v = this.bits(n)
    const half = 2 ** (n - 1)
    return v >= half ? v - 2 * half : v
  }

  /** Number of 0 bits before the next 1 bit, which is consumed too */
  unary(): number {
    const b = this.b
    let p = this.pos
    let byte = (b[p >>> 3] << (p & 7)) & 0xff
    let count = 0
    while (byte === 0) {
      const skip = 8 - (p & 7)
      count += skip
      p += skip
      if (p >= this.limit) throw OUT_OF_DATA
      byte = b[p >>> 3]
    }
    const zeros = Math.clz32(byte) - 24
    this.pos = p + zeros + 1
    if (this.pos > this.limit) throw OUT_OF_DATA
    return count + zeros
  }

  /**
   * Rice-coded residuals with parameter `k` (0..30) into out[from, to): the quotient in unary,
   * then k low bits, then zigzag to signed (0, -1, 1, -2, …)
   */
  rice(out: Float64Array, from: number, to: number, k: number): void {
    const scale = 2 ** k
    for (let i = from; i < to; i++) {
      const v = this.unary() * scale + this.bits(k)
      out[i] = (v & 1) === 1 ? -(v + 1) / 2 : v / 2 // v & 1 keeps the parity of v < 2^53
    }
  }

  /** Skips to the next byte boundary; returns that byte's index */
  alignToByte(): number {
    this.pos = Math.ceil(this.pos / 8) * 8
    if (this.pos > this.limit) throw OUT_OF_DATA
    return this.pos / 8
  }
}
