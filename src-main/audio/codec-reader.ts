import { AudioError, audioWarning, noAudio, type Warn } from './errors'
import { Serial } from './serial'
import type { AudioInfo, AudioReader, AudioWarning } from './types'
import type { FileSource } from './file-source'
import type { StreamDecoder } from './stream-decoder'
import { createStreamDecoder } from './codec-decoder'
import { PlanarQueue } from './planar-queue'

const INPUT_CHUNK = 32 * 1024 // compressed bytes per decoder call: bounds the output per call

/**
 * Feeds a compressed file to its stream decoder in chunks and re-blocks the output to
 * blockFrames. At the end, a decoded length other than the header's exact one is a
 * 'length-mismatch' warning (the decoders keep only samples their checks vouch for, so frames
 * beyond the header's length are real audio, and kept), and no audio at all is an error.
 */
export class CodecReader implements AudioReader {
  readonly warnings: AudioWarning[]
  private readonly queue: PlanarQueue
  private inputAt: number // next byte of the file to feed
  private inputDone = false
  private decodedFrames = 0
  private closed = false
  private readonly serial = new Serial()

  private constructor(
    readonly info: AudioInfo,
    private readonly source: FileSource,
    private readonly decoder: StreamDecoder,
    private readonly blockFrames: number,
    audioStart: number,
    warnings: AudioWarning[],
  ) {
    this.queue = new PlanarQueue(info.channels)
    this.inputAt = audioStart
    this.warnings = warnings
  }

  /** Opens a reader over `source`, whose bytes from `audioStart` are the container `info` names */
  static async open(
    info: AudioInfo,
    source: FileSource,
    blockFrames: number,
    audioStart: number,
  ): Promise<CodecReader> {
    const warnings = [...info.warnings]
    const warn: Warn = (code, detail) => {
      warnings.push(audioWarning(info.path, code, detail))
    }
    const decoder = await createStreamDecoder({ info, audioStart, warn })
    return new CodecReader(info, source, decoder, blockFrames, audioStart, warnings)
  }

  read(): Promise<Float32Array[] | null> {
    return this.serial.run(() => this.next())
  }

  private async next(): Promise<Float32Array[] | null> {
    if (this.closed) throw new Error('AudioReader.read() after close()')
    while (this.queue.length < this.blockFrames && !this.inputDone) await this.feed()
    return this.queue.length === 0 ? null : this.queue.take(this.blockFrames)
  }

  private async feed(): Promise<void> {
    // A fresh buffer per call: the decoders may keep references to their input
    const input = new Uint8Array(INPUT_CHUNK)
    const got = await this.source.readInto(input, this.inputAt)
    this.inputAt += got
    if (got > 0) {
      this.accept(await this.guard(() => this.decoder.decode(input.subarray(0, got))))
      return
    }
    this.inputDone = true
    this.accept(await this.guard(() => this.decoder.flush()))
    this.checkLength()
  }

  private accept(blocks: Float32Array[][]): void {
    for (const block of blocks) {
      this.decodedFrames += block[0].length
      this.queue.push(block)
    }
  }

  /** At the end: no audio is an error; a length other than the header's exact one a warning */
  private checkLength(): void {
    const { path, frames, framesExact } = this.info
    if (this.decodedFrames === 0) {
      // Say why: what the decoder found (the warnings after the probe's)
      const found = this.warnings.slice(this.info.warnings.length).map((w) => w.message)
      const why = found.length > 0 ? ` (${found.join('; ')})` : ''
      throw noAudio(
        path,
        `not one sample frame could be decoded${why}; the file is damaged or empty`,
      )
    }
    const decoded = this.decodedFrames
    if (!framesExact || decoded === frames) return
    const detail =
      decoded < frames
        ? `decoded ${decoded} of the ${frames} sample frames the header states; ${frames - decoded} are missing`
        : `decoded ${decoded} sample frames, ${decoded - frames} more than the ${frames} the header states`
    this.warnings.push(audioWarning(path, 'length-mismatch', detail))
  }

  /** Runs a decoder call; whatever it throws besides AudioError becomes 'corrupt' naming the file */
  private async guard(call: () => Promise<Float32Array[][]>): Promise<Float32Array[][]> {
    try {
      return await call()
    } catch (e) {
      if (e instanceof AudioError) throw e
      throw new AudioError(
        this.info.path,
        'corrupt',
        `the decoder failed (${e instanceof Error ? e.message : String(e)}); the file is damaged, re-export or copy it again`,
        { cause: e },
      )
    }
  }

  /** Waits for a pending read, then releases the file (and decoder); idempotent */
  close(): Promise<void> {
    return this.serial.run(() => this.release())
  }

  private async release(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      this.decoder.free()
    } finally {
      await this.source.close()
    }
  }
}
