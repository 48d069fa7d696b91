import { AudioError } from './errors'
import { Serial } from './serial'
import type { AudioInfo, AudioReader, AudioWarning } from './types'
import type { FileSource } from './file-source'
import type { WavLayout } from './wav-header'
import { decodeInterleaved } from './pcm-decode'
import { acquireU8, releaseU8 } from '@shared/dsp/buffer-pool'

/** Reads WAV samples in blocks of `blockFrames` frames with positioned reads: memory is bounded */
export class WavReader implements AudioReader {
  /** The header's warnings: reading the samples adds none (a file that shrinks is an error) */
  readonly warnings: readonly AudioWarning[]
  private frame = 0 // next frame to read
  private buffer: Uint8Array | undefined // reused for every block, from the thread's pool
  private blocks: Float32Array[] | undefined // reused output when `reuse` is set
  private closed = false
  private readonly serial = new Serial()

  constructor(
    readonly info: AudioInfo,
    private readonly source: FileSource,
    private readonly layout: WavLayout,
    private readonly blockFrames: number,
    private readonly reuse = false,
  ) {
    this.warnings = info.warnings
  }

  read(): Promise<Float32Array[] | null> {
    return this.serial.run(() => this.next())
  }

  private async next(): Promise<Float32Array[] | null> {
    if (this.closed) throw new Error('AudioReader.read() after close()')
    const { frames, blockAlign, dataOffset, sampleFormat, channels } = this.layout
    const n = Math.min(this.blockFrames, frames - this.frame)
    if (n <= 0) return null
    this.buffer ??= acquireU8(Math.min(this.blockFrames, frames) * blockAlign)
    const bytes = this.buffer.subarray(0, n * blockAlign)
    const got = await this.source.readInto(bytes, dataOffset + this.frame * blockAlign)
    if (got < bytes.length) {
      throw new AudioError(
        this.info.path,
        'truncated',
        `file ended at frame ${this.frame + Math.floor(got / blockAlign)} of ${frames} while reading; was it changed meanwhile?`,
      )
    }
    const out = this.reuse
      ? (this.blocks ??= Array.from({ length: channels }, () => new Float32Array(n))).map((b) =>
          b.subarray(0, n),
        )
      : Array.from({ length: channels }, () => new Float32Array(n))
    const bad = decodeInterleaved(bytes, sampleFormat, n, out, 0)
    if (bad >= 0) throw nonFiniteSample(this.info.path, this.frame + bad)
    this.frame += n
    return out
  }

  /** Waits for a pending read, then releases the file (and decoder); idempotent */
  close(): Promise<void> {
    return this.serial.run(() => this.release())
  }

  private async release(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.buffer) releaseU8(this.buffer)
    this.buffer = undefined
    await this.source.close()
  }
}

/** AudioError 'non-finite' for a float sample that is NaN or infinite at `frame` (0-based) */
export function nonFiniteSample(path: string, frame: number): AudioError {
  return new AudioError(
    path,
    'non-finite',
    `NaN or infinite sample at frame ${frame}; the file is damaged or was written by a faulty program`,
  )
}
