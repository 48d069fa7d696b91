// One recording → its spectral summary (DESIGN.md): decode, mono mixdown, resample to the
// analysis rate, remove the mean, STFT, summary. Memory stays bounded: files longer than
// IN_MEMORY_FRAMES are read twice (first for the mean) instead of being held.
import { statSync } from 'node:fs'
import { Resampler } from '@shared/dsp/resample'
import { sumOf } from '@shared/dsp/signal-scan'
import { SummaryAccumulator } from '@shared/dsp/summary'
import { isAudioError, mixdownMono, openAudio, type AudioReader, type AudioWarning } from '../audio'
import { contentHash } from './content-hash'
import { SignalStats, SILENCE_RMS } from './signal-stats'

/** Mono samples kept in memory between the two passes: 2^22 (95 s at 44.1 kHz, 16 MiB). */
export const IN_MEMORY_FRAMES = 1 << 22
/** Frames per read: large blocks mean few asynchronous reads per file. */
const BLOCK_FRAMES = 1 << 18

export interface AnalyzeTask {
  path: string
  nFft: number
  hopLength: number
  /** Hz; recordings at other rates are resampled to it. */
  sampleRate: number
  /** Longest signal (frames) held in memory; longer files are read twice. Default IN_MEMORY_FRAMES. */
  inMemoryFrames?: number
  /**
   * The file's size (bytes) and modification time when indexed: a file that differs now fails
   * with the reason instead of being summarised under the old file's facts.
   */
  expected?: { size: number; mtimeMs: number }
}

export interface AnalyzeResult {
  status: 'done' | 'silent' | 'failed'
  error: string | null
  contentHash: string | null
  frames: number | null
  meanLog: Float32Array | null
  meanMag: Float32Array | null
  dc: number | null
  rms: number | null
  peak: number | null
  clippedSamples: number | null
  /**
   * Digitally silent frames (SILENT_FRAME_RMS) and their own mean spectra, null when there are
   * none: frame gating leaves them out of the means without analysing again.
   */
  silentFrames: number | null
  silentMeanLog: Float32Array | null
  silentMeanMag: Float32Array | null
  /** Seconds of audio read (for progress rates). */
  durationSec: number
  /**
   * What the audio layer found and worked around while reading the file (header fields repaired,
   * damage skipped, a length other than the header's), also when the file failed later.
   */
  warnings: AudioWarning[]
}

/** Mono blocks of an opened file at the analysis rate; closes the reader at the end. */
async function* monoBlocks(
  reader: AudioReader,
  sampleRate: number,
  stats?: SignalStats,
): AsyncGenerator<Float32Array> {
  try {
    const rate = reader.info.sampleRate
    const resampler = rate === sampleRate ? undefined : new Resampler(rate, sampleRate)
    for (let block = await reader.read(); block; block = await reader.read()) {
      const mono = mixdownMono(block)
      stats?.add(block, mono)
      yield resampler ? resampler.push(mono) : mono
    }
    if (resampler) yield resampler.finish()
  } finally {
    await reader.close()
  }
}

/**
 * A file's mono signal, kept between the two steps (mean, then STFT). Stores are reused across
 * files (a thread may run two files at once), so files cost no fresh allocation.
 */
class MonoStore {
  data = new Float32Array(1 << 20)
  length = 0

  append(mono: Float32Array): void {
    const at = this.length
    if (at + mono.length > this.data.length) {
      const bigger = new Float32Array(Math.max(at + mono.length, 2 * this.data.length))
      bigger.set(this.data.subarray(0, at))
      this.data = bigger
    }
    this.data.set(mono, at)
    this.length += mono.length
  }

  get samples(): Float32Array {
    return this.data.subarray(0, this.length)
  }
}
const spareStores: MonoStore[] = []

/** The file is not the one that was indexed. */
class ChangedError extends Error {}

function checkUnchanged(path: string, expected: { size: number; mtimeMs: number }): void {
  let now: { size: number; mtimeMs: number }
  try {
    now = statSync(path)
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e
    throw new ChangedError(`${path}: gone since it was indexed; rescan its source (scw index)`)
  }
  if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs) {
    throw new ChangedError(
      `${path}: changed since it was indexed (${expected.size} → ${now.size} bytes, modified ${new Date(now.mtimeMs).toISOString()}); rescan its source (scw index) and analyse again`,
    )
  }
}

/** Analyses one file; unreadable or invalid audio gives status 'failed' with the reason. */
export async function analyzeFile(task: AnalyzeTask): Promise<AnalyzeResult> {
  let durationSec = 0
  let store: MonoStore | undefined
  let warnings: readonly AudioWarning[] = []
  try {
    if (task.expected) checkUnchanged(task.path, task.expected)
    const hash = contentHash(task.path)
    const stats = new SignalStats()
    const open = (): Promise<AudioReader> =>
      openAudio(task.path, { blockFrames: BLOCK_FRAMES, reuse: true, syncIo: true })
    const reader = await open()
    warnings = reader.warnings // complete once the first pass has read to the end
    const resampling = reader.info.sampleRate !== task.sampleRate
    let inMemory = true
    let keptFrames = 0
    let resampledSum = 0
    store = spareStores.pop() ?? new MonoStore()
    store.length = 0
    for await (const mono of monoBlocks(reader, task.sampleRate, stats)) {
      if (resampling) resampledSum += sumOf(mono)
      keptFrames += mono.length
      if (!inMemory) continue
      if (keptFrames > (task.inMemoryFrames ?? IN_MEMORY_FRAMES)) inMemory = false
      else store.append(mono)
    }
    durationSec = keptFrames / task.sampleRate
    // The mean of exactly what is analysed: after resampling, that of the resampled signal.
    const mean = resampling ? resampledSum / Math.max(1, keptFrames) : stats.mean
    const acc = new SummaryAccumulator({ nFft: task.nFft, hopLength: task.hopLength }, mean)
    try {
      if (inMemory) acc.push(store.samples)
      else for await (const mono of monoBlocks(await open(), task.sampleRate)) acc.push(mono)
      const s = acc.finishWithSilence()
      const silentFrames = s.silent.frames
      const silent = stats.rms < SILENCE_RMS
      return {
        status: silent ? 'silent' : 'done',
        error: silent ? `silent: RMS ${stats.rms.toExponential(1)} below −100 dBFS` : null,
        contentHash: hash,
        frames: s.frames,
        meanLog: Float32Array.from(s.meanLogMagnitude),
        meanMag: Float32Array.from(s.meanMagnitude),
        dc: stats.mean,
        rms: stats.rms,
        peak: stats.peak,
        clippedSamples: stats.clippedSamples,
        silentFrames,
        silentMeanLog: silentFrames ? Float32Array.from(s.silent.meanLogMagnitude) : null,
        silentMeanMag: silentFrames ? Float32Array.from(s.silent.meanMagnitude) : null,
        durationSec,
        warnings: [...warnings],
      }
    } finally {
      acc.dispose()
    }
  } catch (e) {
    const message =
      isAudioError(e) || e instanceof ChangedError
        ? e.message
        : `${task.path}: ${(e as Error).message ?? String(e)}`
    return {
      status: 'failed',
      error: message,
      contentHash: null,
      frames: null,
      meanLog: null,
      meanMag: null,
      dc: null,
      rms: null,
      peak: null,
      clippedSamples: null,
      silentFrames: null,
      silentMeanLog: null,
      silentMeanMag: null,
      durationSec,
      warnings: [...warnings],
    }
  } finally {
    if (store) spareStores.push(store)
  }
}
