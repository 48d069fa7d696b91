// FLAC frames (https://www.rfc-editor.org/rfc/rfc9639): the frame header, and the subframes
// decoded to integer samples. Both only read the bytes they are given and never throw anything
// but OUT_OF_DATA (more bytes needed) and FLAC_INVALID (these bytes are no valid frame).
import { BitReader, OUT_OF_DATA } from './bit-reader'
import { crc8, crc16 } from './crc'

/** Thrown for bytes that break a rule of the format: a false sync, or damage */
export const FLAC_INVALID = new Error('invalid FLAC frame')

/** A frame header; rate in Hz, sizes in samples per channel */
export interface FlacFrameHeader {
  /** Samples per channel in this frame */
  blockSize: number
  /** Hz; 0: the STREAMINFO's */
  sampleRate: number
  channels: number
  /** 0-7 independent channels, 8 left/side, 9 side/right, 10 mid/side */
  assignment: number
  /** 0: the STREAMINFO's */
  bitsPerSample: number
  /** Variable block size: `number` is the first sample's; else it is the frame's index */
  variable: boolean
  number: number
  /** Bytes of the header, its CRC-8 included */
  headerBytes: number
}

const BLOCK_SIZES = [0, 192, 576, 1152, 2304, 4608, -8, -16, 256, 512, 1024, 2048, 4096, 8192]
const RATES = [0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000]
const SAMPLE_BITS = [0, 8, 12, -1, 16, 20, 24, 32]

/** True when b[at] starts a frame sync code (14 bits set, then reserved 0, then the strategy bit) */
export function isFlacSync(b: Uint8Array, at: number): boolean {
  return b[at] === 0xff && (b[at + 1] & 0xfe) === 0xf8
}

/**
 * Parses the frame header at b[at] (a sync code, see isFlacSync) with `end` bytes available;
 * throws OUT_OF_DATA or FLAC_INVALID (a reserved value, or a wrong CRC-8)
 */
export function parseFlacFrameHeader(b: Uint8Array, at: number, end: number): FlacFrameHeader {
  if (at + 5 > end) throw OUT_OF_DATA
  const variable = (b[at + 1] & 1) === 1
  const sizeCode = b[at + 2] >> 4
  const rateCode = b[at + 2] & 15
  const assignment = b[at + 3] >> 4
  const bitsCode = (b[at + 3] >> 1) & 7
  if (sizeCode === 0 || rateCode === 15 || assignment > 10 || bitsCode === 3) throw FLAC_INVALID
  if ((b[at + 3] & 1) !== 0) throw FLAC_INVALID
  // The frame or sample number, coded as UTF-8 extended to 7 bytes (36 bits)
  let p = at + 4
  const first = b[p++]
  const extra = first < 0x80 ? 0 : first >= 0xc0 && first < 0xfe ? Math.clz32(~first << 24) - 1 : -1
  if (extra < 0 || extra > (variable ? 6 : 5)) throw FLAC_INVALID
  if (p + extra > end) throw OUT_OF_DATA
  let number = extra === 0 ? first : first & (0x3f >> extra)
  for (let i = 0; i < extra; i++) {
    const c = b[p++]
    if ((c & 0xc0) !== 0x80) throw FLAC_INVALID
    number = number * 64 + (c & 0x3f)
  }
  let blockSize = BLOCK_SIZES[sizeCode] ?? 256 << (sizeCode - 8)
  if (blockSize < 0) {
    const n = -blockSize / 8
    if (p + n > end) throw OUT_OF_DATA
    blockSize = (n === 1 ? b[p] : (b[p] << 8) | b[p + 1]) + 1
    p += n
  }
  let sampleRate = RATES[rateCode] ?? 0
  if (rateCode >= 12) {
    const n = rateCode === 12 ? 1 : 2
    if (p + n > end) throw OUT_OF_DATA
    const v = n === 1 ? b[p] : (b[p] << 8) | b[p + 1]
    sampleRate = rateCode === 12 ? v * 1000 : rateCode === 13 ? v : v * 10
    p += n
  }
  if (p + 1 > end) throw OUT_OF_DATA
  if (crc8(b, at, p) !== b[p]) throw FLAC_INVALID
  const channels = assignment < 8 ? assignment + 1 : 2
  const bitsPerSample = SAMPLE_BITS[bitsCode]
  return {
    blockSize,
    sampleRate,
    channels,
    assignment,
    bitsPerSample,
    variable,
    number,
    headerBytes: p + 1 - at,
  }
}

/**
 * Decodes the frame whose header `h` starts at b[at] into `out` (one Float64Array per channel,
 * at least h.blockSize long) as integers, and checks its CRC-16. `bitsPerSample` is the
 * frame's depth (the STREAMINFO's when the header defers to it). Returns the byte after the
 * frame. Reads no further than `end`; throws OUT_OF_DATA or FLAC_INVALID.
 */
export function decodeFlacFrame(
  b: Uint8Array,
  at: number,
  end: number,
  h: FlacFrameHeader,
  bitsPerSample: number,
  out: Float64Array[],
): number {
  const r = new BitReader(b, at + h.headerBytes, end)
  // The side channel (the second of left/side and mid/side, the first of side/right) has one
  // bit more
  const sideChannel = h.assignment === 9 ? 0 : h.assignment >= 8 ? 1 : -1
  for (let c = 0; c < h.channels; c++) {
    decodeSubframe(r, h.blockSize, bitsPerSample + (c === sideChannel ? 1 : 0), out[c])
  }
  const crcAt = r.alignToByte()
  if (crcAt + 2 > end) throw OUT_OF_DATA
  if (crc16(b, at, crcAt + 2) !== 0) throw FLAC_INVALID
  decorrelate(h, out)
  return crcAt + 2
}

function decodeSubframe(r: BitReader, n: number, bits: number, out: Float64Array): void {
  if (r.bits(1) !== 0) throw FLAC_INVALID
  const type = r.bits(6)
  const wasted = r.bits(1) === 1 ? r.unary() + 1 : 0
  const depth = bits - wasted
  if (depth < 1) throw FLAC_INVALID
  if (type === 0) {
    out.fill(r.signed(depth), 0, n)
  } else if (type === 1) {
    for (let i = 0; i < n; i++) out[i] = r.signed(depth)
  } else if (type >= 8 && type <= 12) {
    decodeFixed(r, n, depth, type - 8, out)
  } else if (type >= 32) {
    decodeLpc(r, n, depth, type - 31, out)
  } else {
    throw FLAC_INVALID
  }
  if (wasted > 0) {
    const scale = 2 ** wasted
    for (let i = 0; i < n; i++) out[i] *= scale
  }
}

/** Fixed polynomial predictors of order 0-4 */
function decodeFixed(r: BitReader, n: number, depth: number, order: number, s: Float64Array): void {
  if (order > n) throw FLAC_INVALID
  for (let i = 0; i < order; i++) s[i] = r.signed(depth)
  decodeResidual(r, n, order, s)
  if (order === 1) for (let i = 1; i < n; i++) s[i] += s[i - 1]
  else if (order === 2) for (let i = 2; i < n; i++) s[i] += 2 * s[i - 1] - s[i - 2]
  else if (order === 3) {
    for (let i = 3; i < n; i++) s[i] += 3 * (s[i - 1] - s[i - 2]) + s[i - 3]
  } else if (order === 4) {
    for (let i = 4; i < n; i++) s[i] += 4 * (s[i - 1] + s[i - 3]) - 6 * s[i - 2] - s[i - 4]
  }
}

/** Linear prediction of order 1-32 with quantised coefficients */
function decodeLpc(r: BitReader, n: number, depth: number, order: number, s: Float64Array): void {
  if (order > n) throw FLAC_INVALID
  for (let i = 0; i < order; i++) s[i] = r.signed(depth)
  const precision = r.bits(4) + 1
  if (precision === 16) throw FLAC_INVALID
  const shift = r.signed(5)
  if (shift < 0) throw FLAC_INVALID
  const coefs = new Float64Array(order)
  for (let j = 0; j < order; j++) coefs[j] = r.signed(precision)
  decodeResidual(r, n, order, s)
  // Sums stay below 2^53 (|coef| < 2^15, |sample| < 2^33, order <= 32), so doubles are exact,
  // and dividing by 2^shift then flooring is the arithmetic shift right
  const down = 2 ** -shift
  for (let i = order; i < n; i++) {
    let sum = 0
    for (let j = 0; j < order; j++) sum += coefs[j] * s[i - 1 - j]
    s[i] += Math.floor(sum * down)
  }
}

/** Partitioned Rice-coded residuals into s[order, n) */
function decodeResidual(r: BitReader, n: number, order: number, s: Float64Array): void {
  const method = r.bits(2)
  if (method > 1) throw FLAC_INVALID
  const paramBits = method === 0 ? 4 : 5
  const escape = method === 0 ? 15 : 31
  const partitionOrder = r.bits(4)
  const partitions = 2 ** partitionOrder
  const size = n / partitions
  if (!Number.isInteger(size) || size < order) throw FLAC_INVALID
  let i = order
  for (let p = 0; p < partitions; p++) {
    const to = (p + 1) * size
    const k = r.bits(paramBits)
    if (k !== escape) r.rice(s, i, to, k)
    else {
      const raw = r.bits(5)
      if (raw === 0) s.fill(0, i, to)
      else for (let j = i; j < to; j++) s[j] = r.signed(raw)
    }
    i = to
  }
}

/** Undoes stereo decorrelation: out[0], out[1] become left and right */
function decorrelate(h: FlacFrameHeader, out: Float64Array[]): void {
  const n = h.blockSize
  const [a, b] = out
  if (h.assignment === 8) {
    for (let i = 0; i < n; i++) b[i] = a[i] - b[i] // left, side → right
  } else if (h.assignment === 9) {
    for (let i = 0; i < n; i++) a[i] += b[i] // side, right → left
  } else if (h.assignment === 10) {
    for (let i = 0; i < n; i++) {
      // mid was stored halved (floor); the side's parity restores the lost bit
      const side = b[i]
      const mid = a[i] * 2 + (side & 1)
      a[i] = (mid + side) / 2
      b[i] = (mid - side) / 2
    }
  }
}
