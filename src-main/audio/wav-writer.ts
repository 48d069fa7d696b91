import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { AudioError } from './errors'
import { ioError } from './file-source'
import { isSaneChannelCount, isSaneRate } from './limits'
import { encodeInterleaved, type WavOutputFormat } from './pcm-encode'
import {
  MAX_RIFF_SIZE,
  patchWavSizes,
  planWavHeader,
  riffSize,
  writeWavHeader,
  type WavHeaderPlan,
} from './wav-header-writer'

/** Sample encodings that the writer produces: integer PCM or IEEE float */
export type { WavOutputFormat } from './pcm-encode'

/** Streaming writer for long outputs: header written first with placeholder sizes, patched on finish */
export interface WavWriter {
  /** Appends planar frames (one array per channel, equal lengths) */
  write(channels: Float32Array[]): Promise<void>
  /** Patches the sizes and moves the file into place; bytes = the whole file's size */
  finish(): Promise<{ clippedSamples: number; bytes: number }>
  /** Stops and deletes the partial file */
  abort(): Promise<void>
}

/** Options of createWavWriter; sampleRate in Hz */
export interface WavWriterOptions {
  sampleRate: number
  channels: number
  format: WavOutputFormat
  /** The temporary file, in the same folder as `path`; default `<path>.partial` */
  partialPath?: string
}

/**
 * Encodes planar float samples as a complete WAV file in memory; integer formats round to
 * nearest and clip to range, counting clipped samples; NaN or ±Infinity throws AudioError.
 */
export function encodeWav(
  channels: Float32Array[],
  sampleRate: number,
  format: WavOutputFormat,
): { bytes: Uint8Array; clippedSamples: number } {
  return encodeWavBlocks([channels], channels.length, sampleRate, format)
}

/**
 * As encodeWav, for a signal held as consecutive planar blocks (one array per channel each):
 * encoded straight into the file's bytes, so the signal is never held twice.
 */
export function encodeWavBlocks(
  blocks: readonly Float32Array[][],
  channelCount: number,
  sampleRate: number,
  format: WavOutputFormat,
): { bytes: Uint8Array; clippedSamples: number } {
  checkLayout(channelCount, sampleRate)
  const lengths = blocks.map((b) => frameCount(b, channelCount))
  const frames = lengths.reduce((a, b) => a + b, 0)
  const plan = planWavHeader(channelCount, format)
  const dataBytes = frames * plan.blockAlign
  if (riffSize(plan, dataBytes) > MAX_RIFF_SIZE) throw tooLong('')
  const total = plan.headerBytes + dataBytes + (dataBytes % 2)
  // Lead bytes put the first sample on a 4-byte boundary, so typed arrays can write it
  const lead = (4 - (plan.headerBytes % 4)) % 4
  const bytes = new Uint8Array(new ArrayBuffer(lead + total), lead, total)
  writeWavHeader(bytes, channelCount, sampleRate, format, frames)
  let clippedSamples = 0
  let at = 0
  blocks.forEach((block, i) => {
    const data = bytes.subarray(plan.headerBytes + at * plan.blockAlign)
    clippedSamples += encodeInterleaved(block, lengths[i], format, data, '', at)
    at += lengths[i]
  })
  return { bytes, clippedSamples }
}

/** Opens a streaming WAV writer; the file appears at `path` only when finish() succeeds */
export async function createWavWriter(path: string, options: WavWriterOptions): Promise<WavWriter> {
  const { sampleRate, channels, format } = options
  checkLayout(channels, sampleRate)
  const partial = options.partialPath ?? `${path}.partial`
  const plan = planWavHeader(channels, format)
  const header = new Uint8Array(plan.headerBytes)
  writeWavHeader(header, channels, sampleRate, format, -1)
  let handle: FileHandle | undefined
  try {
    handle = await open(partial, 'w')
    await writeAll(handle, header, 0)
  } catch (e) {
    await handle?.close().catch(() => undefined)
    await rm(partial, { force: true }).catch(() => undefined)
    throw ioError(path, e)
  }
  return new StreamingWavWriter(path, partial, handle, plan, options)
}

class StreamingWavWriter implements WavWriter {
  private frames = 0
  private clipped = 0
  private done = false

  constructor(
    private readonly path: string,
    private readonly partial: string,
    private readonly handle: FileHandle,
    private readonly plan: WavHeaderPlan,
    private readonly options: WavWriterOptions,
  ) {}

  async write(channels: Float32Array[]): Promise<void> {
    if (this.done) throw new Error('WavWriter.write() after finish() or abort()')
    if (channels.length !== this.options.channels) {
      throw new RangeError(`expected ${this.options.channels} channels, got ${channels.length}`)
    }
    const frames = frameCount(channels, channels.length)
    const { blockAlign, headerBytes } = this.plan
    if (riffSize(this.plan, (this.frames + frames) * blockAlign) > MAX_RIFF_SIZE) {
      throw tooLong(this.path)
    }
    const data = new Uint8Array(frames * blockAlign)
    const clipped = encodeInterleaved(
      channels,
      frames,
      this.options.format,
      data,
      this.path,
      this.frames,
    )
    // Claim the range before awaiting, so that overlapping calls still land in order
    const at = headerBytes + this.frames * blockAlign
    this.frames += frames
    this.clipped += clipped
    await this.io(() => writeAll(this.handle, data, at))
  }

  async finish(): Promise<{ clippedSamples: number; bytes: number }> {
    if (this.done) throw new Error('WavWriter.finish() after finish() or abort()')
    this.done = true
    const dataBytes = this.frames * this.plan.blockAlign
    const header = new Uint8Array(this.plan.headerBytes)
    writeWavHeader(header, this.options.channels, this.options.sampleRate, this.options.format, -1)
    patchWavSizes(header, this.plan, this.frames)
    await this.io(async () => {
      if (dataBytes % 2 === 1)
        await writeAll(this.handle, new Uint8Array(1), this.plan.headerBytes + dataBytes)
      await writeAll(this.handle, header, 0)
      await this.handle.close()
      await rename(this.partial, this.path)
    })
    return { clippedSamples: this.clipped, bytes: riffSize(this.plan, dataBytes) + 8 }
  }

  async abort(): Promise<void> {
    if (this.done) return
    this.done = true
    await this.handle.close().catch(() => undefined)
    await rm(this.partial, { force: true }).catch(() => undefined)
  }

  /** Runs file operations; on failure deletes the partial file and throws AudioError 'io' */
  private async io(op: () => Promise<void>): Promise<void> {
    try {
      await op()
    } catch (e) {
      this.done = true
      await this.handle.close().catch(() => undefined)
      await rm(this.partial, { force: true }).catch(() => undefined)
      throw ioError(this.path, e)
    }
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, at: number): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, at + done)
    done += bytesWritten
  }
}

function checkLayout(channels: number, sampleRate: number): void {
  if (!isSaneChannelCount(channels)) throw new RangeError(`cannot write ${channels} channels`)
  if (!Number.isInteger(sampleRate) || !isSaneRate(sampleRate)) {
    throw new RangeError(`cannot write a sample rate of ${sampleRate} Hz`)
  }
}

function frameCount(channels: Float32Array[], count: number): number {
  const frames = channels[0].length
  for (let c = 1; c < count; c++) {
    if (channels[c].length !== frames) throw new RangeError('channels differ in length')
  }
  return frames
}

function tooLong(path: string): AudioError {
  return new AudioError(
    path,
    'unsupported',
    'output exceeds 4 GiB, the most a WAV file holds; split it into shorter files',
  )
}
