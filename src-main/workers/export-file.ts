// One recording → its corrected copy: decode, remove each channel's mean, correct every channel
// (centred FIR or STFT), apply the corpus gain, encode, write atomically (temporary file in the
// same folder, fsync, rename). Files longer than IN_MEMORY_FRAMES stream in bounded memory.
import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import { CenteredFir } from '@shared/dsp/fir-filter'
import { peakOf as peakOfSignal, sumOf } from '@shared/dsp/signal-scan'
import { StftCorrector } from '@shared/dsp/stft-correct'
import { dbToAmplitude } from '@shared/dsp/units'
import {
  createWavWriter,
  encodeWavBlocks,
  isAudioError,
  openAudio,
  type AudioInfo,
  type AudioReader,
  type AudioWarning,
  type WavOutputFormat,
} from '../audio'
import { IN_MEMORY_FRAMES } from './analyze-file'
import { partialPathOf, writeFileAtomically } from '../fs/atomic-write'
import { describeFsError, fsErrorCode } from '../fs/fs-error'

export type ExportFormat = 'same' | WavOutputFormat

export interface CorrectionSpec {
  method: 'fir' | 'stft'
  /** FIR taps designed for the file's sample rate (method 'fir'). */
  fir?: Float64Array
  /** Gains per STFT bin at the file's sample rate (method 'stft'), nFft/2+1 values. */
  gains?: Float64Array
  nFft: number
  hopLength: number
}

export interface ExportTask {
  inputPath: string
  /** Final path of the output; null: measure the corrected peak only (first pass of --gain auto). */
  outputPath: string | null
  correction: CorrectionSpec
  format: ExportFormat
  /** Gain applied after correction, dB. */
  gainDb: number
  /**
   * What the file was when indexed (bytes, modification time, Hz): a file that differs now
   * fails with the reason instead of being corrected with a filter made for another file.
   */
  expected?: { size: number; mtimeMs: number; sampleRate: number }
}

export interface ExportResult {
  status: 'done' | 'failed'
  error: string | null
  format: WavOutputFormat | null
  clippedSamples: number
  /** Largest |sample| of the corrected output before encoding (after gain). */
  peak: number
  bytes: number
  outputHash: string | null
  durationSec: number
  /** What the audio layer found and worked around while reading the input, once each */
  warnings: AudioWarning[]
}

/** Output sample format for 'same': the input's, where WAV can hold it losslessly. */
export function outputFormat(info: AudioInfo, format: ExportFormat): WavOutputFormat {
  if (format !== 'same') return format
  if (info.container === 'mp3' || info.container === 'ogg') return 'float32'
  switch (info.sampleFormat) {
    case 'pcm8':
    case 'pcm16':
      return 'pcm16'
    case 'pcm24':
      return 'pcm24'
    case 'pcm32':
      return 'pcm32'
    default:
      return 'float32'
  }
}

interface Corrector {
  push(x: Float32Array): Float32Array
  finish(): Float32Array
  dispose(): void
}

function makeCorrector(spec: CorrectionSpec, mean: number): Corrector {
  if (spec.method === 'fir') {
    if (!spec.fir) throw new Error('FIR correction without taps')
    return new CenteredFir(spec.fir, mean)
  }
  if (!spec.gains) throw new Error('STFT correction without gains')
  return new StftCorrector(spec.gains, { nFft: spec.nFft, hopLength: spec.hopLength }, mean)
}

/** Adds the reader's warnings that `into` lacks: a file read twice warns twice. */
function keepWarnings(into: AudioWarning[], reader: AudioReader): void {
  for (const w of reader.warnings) {
    if (!into.some((x) => x.code === w.code && x.message === w.message)) into.push(w)
  }
}

/** Per-channel means: from the kept blocks, or a first streaming pass for long files. */
async function channelMeans(
  path: string,
  kept: Float32Array[][] | undefined,
  channels: number,
  warnings: AudioWarning[],
): Promise<number[]> {
  const sums = new Float64Array(channels)
  let n = 0
  const add = (block: Float32Array[]): void => {
    for (let c = 0; c < channels; c++) sums[c] += sumOf(block[c])
    n += block[0].length
  }
  if (kept) kept.forEach(add)
  else {
    const reader = await openAudio(path, { syncIo: true })
    try {
      for (let b = await reader.read(); b; b = await reader.read()) add(b)
    } finally {
      keepWarnings(warnings, reader)
      await reader.close()
    }
  }
  return Array.from(sums, (s) => (n ? s / n : 0))
}

/** The corrected output of a file, block by block (planar), with gain applied. */
async function* correctedBlocks(
  task: ExportTask,
  info: AudioInfo,
  reader: AudioReader,
  warnings: AudioWarning[],
): AsyncGenerator<Float32Array[]> {
  // Read up to IN_MEMORY_FRAMES to get the means exactly; longer files are read twice.
  const kept: Float32Array[][] = []
  let keptFrames = 0
  let all = true
  for (let b = await reader.read(); b; b = await reader.read()) {
    kept.push(b)
    keptFrames += b[0].length
    if (keptFrames > IN_MEMORY_FRAMES) {
      all = false
      break
    }
  }
  keepWarnings(warnings, reader)
  await reader.close()
  const means = await channelMeans(task.inputPath, all ? kept : undefined, info.channels, warnings)
  const gain = dbToAmplitude(task.gainDb)
  const correctors = means.map((m) => makeCorrector(task.correction, m))
  const apply = (outs: Float32Array[]): Float32Array[] => {
    if (gain !== 1) for (const o of outs) for (let i = 0; i < o.length; i++) o[i] *= gain
    return outs
  }
  try {
    const source = all ? kept : streamBlocks(task.inputPath, warnings)
    for await (const block of source) {
      const outs = apply(block.map((x, c) => correctors[c].push(x)))
      if (outs[0].length) yield outs
    }
    const tail = apply(correctors.map((c) => c.finish()))
    if (tail[0].length) yield tail
  } finally {
    for (const c of correctors) c.dispose()
  }
}

async function* streamBlocks(
  path: string,
  warnings: AudioWarning[],
): AsyncGenerator<Float32Array[]> {
  const reader = await openAudio(path, { syncIo: true })
  try {
    for (let b = await reader.read(); b; b = await reader.read()) yield b
  } finally {
    keepWarnings(warnings, reader)
    await reader.close()
  }
}

function peakOf(blocks: Float32Array[], peak: number): number {
  for (const x of blocks) peak = Math.max(peak, peakOfSignal(x))
  return peak
}

/** A signal longer than the caller's bound on samples held in memory. */
export class TooManySamplesError extends Error {}

/**
 * Corrects a file into WAV bytes in memory (short files; the benchmark's path), reading it
 * through `opened` when the caller has it open already; stops with TooManySamplesError past
 * `maxSamples` (frames × channels).
 */
export async function correctToMemory(
  task: ExportTask,
  opened?: AudioReader,
  maxSamples = Infinity,
): Promise<{
  bytes: Uint8Array
  clippedSamples: number
  peak: number
  format: WavOutputFormat
  info: AudioInfo
  warnings: AudioWarning[]
}> {
  const reader = opened ?? (await openAudio(task.inputPath, { syncIo: true }))
  const info = reader.info
  const format = outputFormat(info, task.format)
  const parts: Float32Array[][] = []
  const warnings: AudioWarning[] = []
  let peak = 0
  let samples = 0
  for await (const outs of correctedBlocks(task, info, reader, warnings)) {
    samples += outs[0].length * outs.length
    if (samples > maxSamples) {
      throw new TooManySamplesError(`${task.inputPath}: more than ${maxSamples} samples`)
    }
    peak = peakOf(outs, peak)
    parts.push(outs)
  }
  const { bytes, clippedSamples } = encodeWavBlocks(parts, info.channels, info.sampleRate, format)
  return { bytes, clippedSamples, peak, format, info, warnings }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  const fh = await open(path, 'r')
  try {
    for await (const chunk of fh.createReadStream()) hash.update(chunk as Buffer)
  } finally {
    await fh.close()
  }
  return hash.digest('hex')
}

/** Corrects one file to its output path (or measures its peak); never throws for bad audio. */
export async function exportFile(task: ExportTask): Promise<ExportResult> {
  const result: ExportResult = {
    status: 'done',
    error: null,
    format: null,
    clippedSamples: 0,
    peak: 0,
    bytes: 0,
    outputHash: null,
    durationSec: 0,
    warnings: [],
  }
  let reader: AudioReader | undefined
  try {
    if (task.expected) await checkUnchanged(task.inputPath, task.expected)
    reader = await openAudio(task.inputPath, { syncIo: true })
    const info = reader.info
    if (task.expected && info.sampleRate !== task.expected.sampleRate) {
      throw new ChangedError(
        `${task.inputPath}: its sample rate is ${info.sampleRate} Hz, but it was indexed at ${task.expected.sampleRate} Hz; rescan its source (scw index) and export again`,
      )
    }
    result.durationSec = info.durationSec
    result.format = outputFormat(info, task.format)
    if (!task.outputPath) {
      for await (const outs of correctedBlocks(task, info, reader, result.warnings))
        result.peak = peakOf(outs, result.peak)
      return result
    }
    if (info.frames * info.channels <= IN_MEMORY_FRAMES) {
      const mem = await correctToMemory(task, reader)
      result.warnings = mem.warnings
      await writeFileAtomically(task.outputPath, mem.bytes)
      Object.assign(result, {
        clippedSamples: mem.clippedSamples,
        peak: mem.peak,
        bytes: mem.bytes.length,
        outputHash: createHash('sha256').update(mem.bytes).digest('hex'),
      })
      return result
    }
    // Long file: stream through the WAV writer, which renames its .partial file on finish.
    const writer = await createWavWriter(task.outputPath, {
      sampleRate: info.sampleRate,
      channels: info.channels,
      format: result.format,
      partialPath: partialPathOf(task.outputPath),
    })
    try {
      for await (const outs of correctedBlocks(task, info, reader, result.warnings)) {
        result.peak = peakOf(outs, result.peak)
        await writer.write(outs)
      }
    } catch (e) {
      await writer.abort()
      throw e
    }
    const done = await writer.finish()
    result.clippedSamples = done.clippedSamples
    result.bytes = done.bytes
    result.outputHash = await hashFile(task.outputPath)
    return result
  } catch (e) {
    if (reader) keepWarnings(result.warnings, reader)
    result.status = 'failed'
    result.error = failureOf(task, e)
    return result
  }
}

/** The file is not the one that was indexed. */
class ChangedError extends Error {}

async function checkUnchanged(
  path: string,
  expected: NonNullable<ExportTask['expected']>,
): Promise<void> {
  let now: { size: number; mtimeMs: number }
  try {
    now = await stat(path)
  } catch (e) {
    if (fsErrorCode(e) !== 'ENOENT') throw e
    throw new ChangedError(`${path}: gone since it was indexed; rescan its source (scw index)`)
  }
  if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs) {
    throw new ChangedError(
      `${path}: changed since it was indexed (${expected.size} → ${now.size} bytes, modified ${new Date(now.mtimeMs).toISOString()}); rescan its source (scw index) and export again`,
    )
  }
}

/** Why a file failed, in words: the file (input or output) and the reason. */
function failureOf(task: ExportTask, e: unknown): string {
  if (e instanceof ChangedError || isAudioError(e)) return e.message
  const code = fsErrorCode(e)
  if (code) {
    const where = (e as { path?: string }).path ?? task.outputPath ?? task.inputPath
    return `${where}: ${describeFsError(e)}`
  }
  return `${task.inputPath}: ${(e as Error).message ?? String(e)}`
}
