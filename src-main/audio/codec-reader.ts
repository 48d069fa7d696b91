import { AudioError } from './errors'
import { Serial } from './serial'
import type { AudioInfo } from './types'
import type { FileSource } from './file-source'
import type { AudioReader } from './reader'
import type { DecodedChunk, StreamDecoder } from './codec-decoder'
import { PlanarQueue } from './planar-queue'

const INPUT_CHUNK = 32 * 1024 // compressed bytes per decoder call: bounds the output per call

/** Feeds a compressed file to a wasm decoder in chunks and re-blocks its output to blockFrames */
export class CodecReader implements AudioReader {
  private readonly queue: PlanarQueue
  private inputAt: number // next byte of the file to feed
  private inputDone = false
  private closed = false
  private readonly serial = new Serial()

  constructor(
    readonly info: AudioInfo,
    private readonly source: FileSource,
    private readonly decoder: StreamDecoder,
    private readonly blockFrames: number,
    audioStart: number,
  ) {
    this.queue = new PlanarQueue(info.channels)
    this.inputAt = audioStart
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
    // A fresh buffer per call: the Ogg and FLAC parsers may keep references to their input
    const input = new Uint8Array(INPUT_CHUNK)
    const got = await this.source.readInto(input, this.inputAt)
    this.inputAt += got
    if (got === 0) this.inputDone = true
    const decoded = await this.guard(() =>
      got === 0 ? this.decoder.flush() : this.decoder.decode(input.subarray(0, got)),
    )
    this.accept(decoded)
  }

  private accept(d: DecodedChunk): void {
    const { path, channels, sampleRate } = this.info
    if (d.errors.length > 0) throw corrupt(path, d.errors[0].message)
    if (d.samplesDecoded === 0) return
    // mpg123 always yields two channels; for mono streams they are equal and the second is dropped
    if (d.channelData.length < channels) {
      throw new AudioError(
        path,
        'unsupported',
        `channel count changes mid-stream (from ${channels} to ${d.channelData.length}); split the file`,
      )
    }
    if (d.sampleRate !== sampleRate) {
      throw new AudioError(
        path,
        'unsupported',
        `sample rate changes mid-stream (from ${sampleRate} to ${d.sampleRate} Hz); split the file`,
      )
    }
    this.queue.push(d.channelData.slice(0, channels))
  }

  /** Runs a decoder call; whatever it throws becomes AudioError 'corrupt' naming the file */
  private async guard(call: () => Promise<DecodedChunk>): Promise<DecodedChunk> {
    try {
      return await call()
    } catch (e) {
      throw corrupt(this.info.path, e instanceof Error ? e.message : String(e), e)
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

function corrupt(path: string, reason: string, cause?: unknown): AudioError {
  return new AudioError(
    path,
    'corrupt',
    `the decoder failed (${reason}); the file is damaged, re-export or copy it again`,
    { cause },
  )
}
