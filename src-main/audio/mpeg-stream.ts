// An MPEG audio stream (MP3) decoded from bytes fed in file order. The frame headers are walked
// here, so that only a chain of frames of one stream reaches mpg123: bytes that are no frame are
// skipped and reported, and so is a last frame that the end of the file cuts. MPEG frames mostly
// carry no checksum, so damage inside a frame's audio data cannot be seen.
import type { MPEGDecoder } from 'mpg123-decoder'
import { ByteQueue } from './byte-queue'
import { startsWith } from './bytes'
import { parseMpegFrame, readMpegLength, sameStream, type MpegFrame } from './mpeg-header'
import { checkSameStream, type StreamContext, type StreamDecoder } from './stream-decoder'

const ID3V1_BYTES = 128 // 'TAG' and 125 bytes at the very end of the file
const TAGS = ['TAG', 'APETAGEX', 'LYRICSBEGIN'] // what may follow the last frame

/** Opens mpg123 (its wasm loads on first use) in gapless mode for `context` */
export async function openMpeg(context: StreamContext): Promise<StreamDecoder> {
  const { MPEGDecoder } = await import('mpg123-decoder')
  // Gapless mode trims the encoder delay and padding that a LAME/Info tag states (and mpg123's
  // own 529 samples of decoder delay); without such a tag the output keeps them.
  const decoder = new MPEGDecoder({ enableGapless: true })
  await decoder.ready
  return new MpegStream(context, decoder)
}

class MpegStream implements StreamDecoder {
  private readonly q: ByteQueue
  private first: MpegFrame | undefined // the stream's first frame, which the others must match
  private inStep = false // the last frame taken ends where the next one should start
  private frames = 0 // frames fed to mpg123
  private frameBytes = 0 // their bytes
  private samples = 0 // sample frames mpg123 gave out
  private damagedFrom: number | undefined // file offset where bytes that are no frame began
  private cutAt: number | undefined // file offset of a frame that the end of the file cuts

  constructor(
    private readonly context: StreamContext,
    private readonly decoder: MPEGDecoder,
  ) {
    this.q = new ByteQueue(context.audioStart)
  }

  async decode(bytes: Uint8Array): Promise<Float32Array[][]> {
    this.q.append(bytes)
    return this.run(this.walk(false))
  }

  async flush(): Promise<Float32Array[][]> {
    const out = this.run(this.walk(true))
    this.reportEnd()
    return out
  }

  free(): void {
    this.q.clear()
    this.decoder.free()
  }

  /** Runs of whole frames of the stream from the queue (views of it); skips what is no frame */
  private walk(final: boolean): Uint8Array[] {
    const q = this.q
    const b = q.buf
    const runs: Uint8Array[] = []
    let runStart = q.start
    let at = q.start
    const endRun = (): void => {
      if (at > runStart) runs.push(b.subarray(runStart, at))
    }
    while (at < q.end) {
      if (!final && at + 4 > q.end) break // wait for the whole header
      const f = at + 4 <= q.end ? this.frameAt(at) : undefined
      if (f !== undefined) {
        const end = at + f.frameBytes
        if (end > q.end) {
          if (!final) break // wait for the rest of the frame
          this.cutAt = q.offsetOf(at)
          endRun()
          at = q.end
          runStart = at
          break
        }
        // A frame counts when the one before led to it, or the header after it confirms it
        const next = end + 4 <= q.end ? parseMpegFrame(b, end) : undefined
        const confirmed =
          this.inStep ||
          (next !== undefined && sameStream(this.first ?? f, next)) ||
          (end + 4 > q.end && (end === q.end || this.isId3v1(end)))
        if (!confirmed && !final && end + 4 > q.end) break // wait for the next header
        if (confirmed) {
          if (this.damagedFrom !== undefined) this.reportDamage(q.offsetOf(at))
          this.inStep = true
          if (this.first === undefined && readMpegLength(b, at, f)?.damaged) {
            // A damaged LAME tag (the probe said so): mpg123 must not trim by its numbers
            endRun()
            runStart = end
            this.first = f
          } else {
            this.first ??= f
            this.frames++
            this.frameBytes += f.frameBytes
          }
          at = end
          continue
        }
      }
      if (this.isId3v1(at) && final) {
        endRun()
        at = q.end
        runStart = at
        break
      }
      if (
        !final &&
        q.end - at <= ID3V1_BYTES &&
        startsWith(b.subarray(at, q.end), 'TAG', 0, true)
      ) {
        break // perhaps the ID3v1 tag: wait for the end of the file
      }
      // Not a frame of this stream: skip to the next byte that may start one
      endRun()
      this.damagedFrom ??= q.offsetOf(at)
      this.inStep = false
      at++
      while (at < q.end && b[at] !== 0xff) at++
      runStart = at
    }
    endRun()
    q.start = at
    return runs
  }

  /** The frame header at b[at] when it is one of this stream's (see sameStream) */
  private frameAt(at: number): MpegFrame | undefined {
    const f = parseMpegFrame(this.q.buf, at)
    if (f === undefined || this.first === undefined) return f
    return sameStream(this.first, f) ? f : undefined
  }

  /** Whether b[at] starts an ID3v1 tag that ends the file (when the end is known) */
  private isId3v1(at: number): boolean {
    return this.q.end - at === ID3V1_BYTES && startsWith(this.q.buf, 'TAG', at)
  }

  /** Whether the bytes [from, to) of the file (if still held) are a tag, or zeros */
  private isTagOrPadding(from: number, to: number): boolean {
    const q = this.q
    const at = from - q.fileAt
    if (at < 0) return false
    const b = q.buf.subarray(at, to - q.fileAt)
    return TAGS.some((tag) => startsWith(b, tag)) || b.every((x) => x === 0)
  }

  /** Decodes the runs of frames; mpg123 yields two channels, equal for mono streams */
  private run(runs: Uint8Array[]): Float32Array[][] {
    const { info } = this.context
    const out: Float32Array[][] = []
    for (const run of runs) {
      const d = this.decoder.decode(run)
      if (d.samplesDecoded === 0) continue
      checkSameStream(info, d.sampleRate, info.channels)
      this.samples += d.samplesDecoded
      out.push(d.channelData.slice(0, info.channels))
    }
    return out
  }

  /** Reports the bytes skipped before the frame at file offset `byte` */
  private reportDamage(byte: number): void {
    const from = this.damagedFrom ?? byte
    this.damagedFrom = undefined
    const skipped = byte - from
    const f = this.first
    const lost = f ? Math.round(skipped / this.averageFrameBytes(f)) * f.samplesPerFrame : 0
    this.context.warn(
      'damaged',
      `bytes ${from}–${byte - 1} (${skipped}) are no MPEG frames of the stream and were skipped; about ${lost} sample frames are lost`,
    )
  }

  private averageFrameBytes(f: MpegFrame): number {
    return this.frames > 0 ? this.frameBytes / this.frames : f.frameBytes
  }

  /** At the end of the file: undecodable bytes left, a cut last frame, frames mpg123 dropped */
  private reportEnd(): void {
    const { info, warn } = this.context
    const from = this.damagedFrom
    const to = this.cutAt ?? this.q.offsetOf(this.q.end)
    if (from !== undefined && to > from) {
      const range = `bytes ${from}–${to - 1} (${to - from})`
      if (this.isTagOrPadding(from, to)) {
        warn('trailing-data', `${range} after the last MPEG frame are not MPEG audio; ignored`)
      } else {
        const f = this.first
        const about = f
          ? Math.round((to - from) / this.averageFrameBytes(f)) * f.samplesPerFrame
          : 0
        warn(
          'damaged',
          `${range} at the end are no MPEG frames of the stream; if they were, about ${about} sample frames are lost`,
        )
      }
    }
    if (this.cutAt !== undefined) {
      warn(
        'truncated',
        `the file ends inside the MPEG frame at byte ${this.cutAt}; its samples are lost (cut short?)`,
      )
    }
    // Without a LAME/Info tag nothing is trimmed: every frame fed should give its samples
    const held = this.frames * (this.first?.samplesPerFrame ?? 0)
    if (!info.framesExact && this.samples < held) {
      warn(
        'damaged',
        `mpg123 decoded ${this.samples} of the ${held} sample frames in ${this.frames} MPEG frames; ${held - this.samples} are lost`,
      )
    }
  }
}
