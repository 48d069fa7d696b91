// Opens the reader that fits a file: WavReader for WAV, CodecReader (FLAC, MP3, Ogg) otherwise.
import type { AudioInfo, AudioReader } from './types'
import { memorySource, openSource, readWholeFile, type FileSource } from './file-source'
import { makeInfo, probeSource } from './probe'
import { parseWavHeader } from './wav-header'
import { decodeInterleaved } from './pcm-decode'
import { nonFiniteSample, WavReader } from './wav-reader'
import { CodecReader } from './codec-reader'
import { startsWith } from './bytes'

/** Options of openAudio */
export interface OpenAudioOptions {
  /** Frames per channel in each block that read() returns; default 65536 */
  blockFrames?: number
  /**
   * Let read() return the same arrays every time (WAV), overwritten by the next read: no
   * allocation per block. Copy what you keep.
   */
  reuse?: boolean
  /** Blocking reads (for worker threads; see `openSource`). */
  syncIo?: boolean
}

const DEFAULT_BLOCK_FRAMES = 65_536
const MAX_BLOCK_FRAMES = 1 << 24
const MAX_WHOLE_FILE = 1 << 30 // bytes; decodeAudioFile is for small files, openAudio streams

/** Opens `path` for streaming decode in blocks of `blockFrames` frames per channel; memory stays bounded */
export async function openAudio(
  path: string,
  options: OpenAudioOptions = {},
): Promise<AudioReader> {
  const blockFrames = options.blockFrames ?? DEFAULT_BLOCK_FRAMES
  if (!Number.isInteger(blockFrames) || blockFrames < 1 || blockFrames > MAX_BLOCK_FRAMES) {
    throw new RangeError(`blockFrames must be an integer from 1 to ${MAX_BLOCK_FRAMES}`)
  }
  const source = await openSource(path, { sync: options.syncIo })
  try {
    return await openSourceReader(source, blockFrames, options.reuse ?? false)
  } catch (e) {
    await source.close().catch(() => undefined)
    throw e
  }
}

async function openSourceReader(
  source: FileSource,
  blockFrames: number,
  reuse: boolean,
): Promise<AudioReader> {
  const probed = await probeSource(source)
  if (probed.wav) return new WavReader(probed.info, source, probed.wav, blockFrames, reuse)
  return CodecReader.open(probed.info, source, blockFrames, probed.audioStart)
}

/**
 * Whole file decoded, planar float32, for files known to be small; `info.frames` is the decoded
 * length and `info.warnings` holds every warning (the probe's and the decoder's)
 */
export async function decodeAudioFile(
  path: string,
): Promise<{ info: AudioInfo; channels: Float32Array[] }> {
  // One read of the whole file: WAV needs nothing more, so a small file costs a single read
  const bytes = await readWholeFile(path, MAX_WHOLE_FILE)
  if (startsWith(bytes, 'RIFF') || startsWith(bytes, 'RF64')) return decodeWav(bytes, path)
  return decodeStream(
    await openSourceReader(memorySource(path, bytes), DEFAULT_BLOCK_FRAMES, false),
  )
}

function decodeWav(bytes: Uint8Array, path: string): { info: AudioInfo; channels: Float32Array[] } {
  const wav = parseWavHeader(bytes, path, bytes.length)
  const { frames, dataOffset, dataBytes, sampleFormat, channels: count, warnings } = wav
  const channels = Array.from({ length: count }, () => new Float32Array(frames))
  const data = bytes.subarray(dataOffset, dataOffset + dataBytes)
  const bad = decodeInterleaved(data, sampleFormat, frames, channels, 0)
  if (bad >= 0) throw nonFiniteSample(path, bad)
  const info = makeInfo(path, { container: 'wav', ...wav }, frames, true, warnings)
  return { info, channels }
}

async function decodeStream(
  reader: AudioReader,
): Promise<{ info: AudioInfo; channels: Float32Array[] }> {
  const blocks: Float32Array[][] = []
  let frames = 0
  try {
    for (let block = await reader.read(); block !== null; block = await reader.read()) {
      blocks.push(block)
      frames += block[0].length
    }
  } finally {
    await reader.close()
  }
  const probed = reader.info
  const channels = Array.from({ length: probed.channels }, (_, c) => {
    const out = new Float32Array(frames)
    let at = 0
    for (const block of blocks) {
      out.set(block[c], at)
      at += block[c].length
    }
    return out
  })
  return { info: makeInfo(probed.path, probed, frames, true, [...reader.warnings]), channels }
}
