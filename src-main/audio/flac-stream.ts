// A FLAC stream decoded from bytes fed in file order. Every frame is checked (header CRC-8,
// frame CRC-16) before its samples are used; damaged bytes are skipped up to the next frame that
// checks, and the frame numbers say exactly how many sample frames were lost with them.
import { AudioError } from './errors'
import { OUT_OF_DATA } from './bit-reader'
import { ByteQueue } from './byte-queue'
import { parseFlacStreamInfo, type FlacStreamInfo } from './flac-header'
import {
  decodeFlacFrame,
  FLAC_INVALID,
  isFlacSync,
  parseFlacFrameHeader,
  type FlacFrameHeader,
} from './flac-frame'
import { checkSameStream, type StreamContext, type StreamDecoder } from './stream-decoder'

const SLACK = 4 // bytes kept readable past the data: the bit reader looks up to 3 bytes ahead
const STREAMINFO_BYTES = 42 // 'fLaC', the block header and the 34-byte STREAMINFO
const METADATA_INVALID = 127 // a block type no stream uses: the metadata is damaged

/** Decodes a native FLAC stream ('fLaC', metadata blocks, frames); see StreamDecoder */
export class FlacStream implements StreamDecoder {
  private readonly q: ByteQueue
  private stream: FlacStreamInfo | undefined
  private inMetadata = true
  private lastBlock = false // the metadata block being skipped is the last one
  private skip = 0 // metadata bytes still to skip
  private nextSample = 0 // first sample of the next frame, if no frame is missing
  private fixedBlockSize = 0 // samples per frame of a fixed-block-size stream
  private damagedFrom: number | undefined // file offset where undecodable bytes began
  private cutAt: number | undefined // file offset of a frame that the end of the file cuts
  private samples: Float64Array[] = []

  constructor(private readonly context: StreamContext) {
    this.q = new ByteQueue(context.audioStart, SLACK)
  }

  async decode(bytes: Uint8Array): Promise<Float32Array[][]> {
    this.q.append(bytes)
    return this.drain(false)
  }

  async flush(): Promise<Float32Array[][]> {
    const out = this.drain(true)
    this.reportEnd()
    return out
  }

  free(): void {
    this.q.clear()
    this.samples = []
  }

  private drain(final: boolean): Float32Array[][] {
    const q = this.q
    const out: Float32Array[][] = []
    if (this.inMetadata && !this.skipMetadata()) return out
    const b = q.buf
    while (q.start + 2 <= q.end) {
      const at = q.start
      if (!isFlacSync(b, at)) {
        this.skipDamage(at)
        continue
      }
      let h: FlacFrameHeader
      let next: number
      let capped = false
      try {
        h = parseFlacFrameHeader(b, at, q.end)
        const cap = at + this.maxFrameBytes(h)
        capped = cap < q.end
        next = this.decodeFrame(at, Math.min(cap, q.end), h)
      } catch (e) {
        if (e !== OUT_OF_DATA && e !== FLAC_INVALID) throw e
        if (e === OUT_OF_DATA && !capped) {
          if (!final) break // the frame's end has not been fed yet
          this.cutAt ??= q.fileAt + at
        }
        this.skipDamage(at)
        continue
      }
      const block = this.accept(h, at)
      if (block) out.push(block)
      q.start = next
    }
    return out
  }

  /** Skips 'fLaC' and the metadata blocks (reading STREAMINFO); false until they are passed */
  private skipMetadata(): boolean {
    const q = this.q
    const b = q.buf
    if (this.stream === undefined) {
      if (q.end - q.start < STREAMINFO_BYTES) return false
      this.stream = parseFlacStreamInfo(b, q.start, this.context.info.path)
      q.start += 8
      this.skip = (b[q.start - 3] << 16) | (b[q.start - 2] << 8) | b[q.start - 1]
      this.lastBlock = (b[q.start - 4] & 0x80) !== 0
    }
    for (;;) {
      const n = Math.min(this.skip, q.end - q.start)
      q.start += n
      this.skip -= n
      if (this.skip > 0) return false
      if (this.lastBlock) break
      if (q.end - q.start < 4) return false
      const type = b[q.start] & 0x7f
      if (type === METADATA_INVALID || isFlacSync(b, q.start)) break // damaged: look for frames
      this.lastBlock = (b[q.start] & 0x80) !== 0
      this.skip = (b[q.start + 1] << 16) | (b[q.start + 2] << 8) | b[q.start + 3]
      q.start += 4
    }
    this.inMetadata = false
    return true
  }

  /** Upper bound of a frame's bytes: twice its size stored verbatim, or the stated maximum */
  private maxFrameBytes(h: FlacFrameHeader): number {
    const bits = (h.bitsPerSample || this.context.info.bitsPerSample) + 1
    const verbatim = 64 + h.channels * Math.ceil((h.blockSize * bits) / 8)
    return Math.max(2 * verbatim, this.stream?.maxFrameBytes ?? 0)
  }

  private decodeFrame(at: number, end: number, h: FlacFrameHeader): number {
    for (let c = 0; c < h.channels; c++) {
      if (c === this.samples.length) this.samples.push(new Float64Array(h.blockSize))
      if (this.samples[c].length < h.blockSize) this.samples[c] = new Float64Array(h.blockSize)
    }
    const bits = h.bitsPerSample || this.context.info.bitsPerSample
    return decodeFlacFrame(this.q.buf, at, end, h, bits, this.samples)
  }

  /** Marks b[at] as undecodable and moves to the next possible frame sync after it */
  private skipDamage(at: number): void {
    const q = this.q
    this.damagedFrom ??= q.fileAt + at
    const b = q.buf
    let i = at + 1
    while (i + 1 < q.end && !isFlacSync(b, i)) i++
    q.start = i
  }

  /** A frame that checks: accounts for what was skipped before it, then scales its samples */
  private accept(h: FlacFrameHeader, at: number): Float32Array[] {
    const { info } = this.context
    const bits = h.bitsPerSample || info.bitsPerSample
    checkSameStream(info, h.sampleRate || info.sampleRate, h.channels)
    if (bits !== info.bitsPerSample) {
      throw new AudioError(
        info.path,
        'unsupported',
        `bit depth changes mid-stream (from ${info.bitsPerSample} to ${bits}); split the file`,
      )
    }
    const first = h.variable ? h.number : h.number * this.blockSizeOf(h)
    this.reportGap(first, this.q.fileAt + at)
    this.cutAt = undefined
    this.nextSample = Math.max(this.nextSample, first + h.blockSize)
    // s / 2^(bits-1), as WAV's PCM: the same samples decode to the same floats
    const scale = 2 ** (1 - bits)
    return this.samples.slice(0, h.channels).map((s) => {
      const x = new Float32Array(h.blockSize)
      for (let i = 0; i < x.length; i++) x[i] = s[i] * scale
      return x
    })
  }

  /** Samples per frame of a fixed-block-size stream, whose headers give frame numbers */
  private blockSizeOf(h: FlacFrameHeader): number {
    if (this.fixedBlockSize === 0) {
      const s = this.stream
      // STREAMINFO's size when it states one; else the first frame's (only the last is shorter)
      this.fixedBlockSize = s && s.minBlockSize === s.maxBlockSize ? s.maxBlockSize : h.blockSize
    }
    return this.fixedBlockSize
  }

  /** Reports damage skipped before a frame at `byte` that starts at sample `first` */
  private reportGap(first: number, byte: number): void {
    const lost = first - this.nextSample
    const from = this.damagedFrom
    this.damagedFrom = undefined
    if (from === undefined && lost === 0) return
    const samples =
      lost > 0
        ? `sample frames ${this.nextSample}–${first - 1} (${lost}) are lost`
        : lost === 0
          ? 'no samples are lost'
          : `the next frame goes back to sample ${first} from ${this.nextSample}`
    const where =
      from === undefined
        ? `FLAC frame at byte ${byte} does not follow on from the one before`
        : `bytes ${from}–${byte - 1} (${byte - from}) are damaged and were skipped`
    this.context.warn('damaged', `${where}; ${samples}`)
  }

  /** At the end of the file: reports undecodable bytes left at the end */
  private reportEnd(): void {
    const from = this.damagedFrom
    if (from === undefined) return
    const { info, warn } = this.context
    const cut = this.cutAt
    const end = cut ?? this.q.fileAt + this.q.end
    if (end > from) {
      const range = `bytes ${from}–${end - 1} (${end - from})`
      if (cut === undefined && info.framesExact && this.nextSample >= info.frames) {
        warn('trailing-data', `${range} after the last FLAC frame are not audio; ignored`)
      } else {
        warn('damaged', `${range} hold no valid FLAC frame; skipped`)
      }
    }
    if (cut !== undefined) {
      warn(
        'truncated',
        `the file ends inside the FLAC frame at byte ${cut}; the samples from sample frame ${this.nextSample} on are lost (cut short?)`,
      )
    }
  }
}
