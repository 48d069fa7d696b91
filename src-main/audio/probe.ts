import { AudioError, audioWarning, noAudio } from './errors'
import type { AudioInfo, AudioWarning, SampleFormat } from './types'
import { withSource, type FileSource } from './file-source'
import { detectContainer } from './detect'
import { walkWavHeader, type WavHeaderWalker, type WavLayout } from './wav-header'
import { parseFlacStreamInfo } from './flac-header'
import { estimateMpegSamples, parseMpegFrame, readMpegLength } from './mpeg-header'
import { findLastOggGranule, parseOggVorbisId } from './ogg-header'

/** A probe's result plus what a reader needs: the WAV layout, or where the codec's bytes start */
export interface Probed {
  info: AudioInfo
  /** Set for WAV files */
  wav?: WavLayout
  /** Byte offset where the container starts (after ID3v2 tags) */
  audioStart: number
}

const OGG_TAIL = 65_536 + 512 // bytes: enough to hold the largest Ogg page (65,307 bytes)

/** Reads only the headers of `path` (a few KB; the last Ogg page) and describes the audio */
export async function probeAudio(path: string): Promise<AudioInfo> {
  return withSource(path, async (source) => (await probeSource(source)).info)
}

/** Probes an open file; throws AudioError */
export async function probeSource(source: FileSource): Promise<Probed> {
  const { container, audioStart, searchedFrom } = await detectContainer(source)
  if (container === 'wav') {
    const wav = await runWalker(walkWavHeader(source.path, source.size), source)
    const { sampleFormat, bitsPerSample, sampleRate, channels, frames, warnings } = wav
    const base = { container, sampleFormat, bitsPerSample, sampleRate, channels }
    return { info: makeInfo(source.path, base, frames, true, warnings), wav, audioStart }
  }
  if (container === 'flac') return { info: await probeFlac(source, audioStart), audioStart }
  if (container === 'ogg') return { info: await probeOgg(source), audioStart }
  const info = await probeMpeg(source, audioStart)
  if (searchedFrom !== undefined) {
    const what = searchedFrom === 0 ? 'at the start' : 'after the ID3v2 tag'
    info.warnings.unshift(
      audioWarning(
        source.path,
        'damaged',
        `bytes ${searchedFrom}–${audioStart - 1} (${audioStart - searchedFrom}) ${what} are no MPEG frames and were skipped`,
      ),
    )
  }
  return { info, audioStart }
}

/** Feeds a header walker the byte ranges it asks for */
async function runWalker(walker: WavHeaderWalker, source: FileSource): Promise<WavLayout> {
  let step = walker.next()
  while (!step.done) step = walker.next(await source.read(step.value.offset, step.value.length))
  return step.value
}

async function probeFlac(source: FileSource, start: number): Promise<AudioInfo> {
  const s = parseFlacStreamInfo(await source.read(start, 42), 0, source.path)
  const warnings =
    s.totalFrames === 0
      ? [audioWarning(source.path, 'length-unknown', 'the FLAC header does not give the length')]
      : []
  const base = {
    container: 'flac' as const,
    sampleFormat: pcmFormatFor(s.bitsPerSample),
    bitsPerSample: s.bitsPerSample,
    sampleRate: s.sampleRate,
    channels: s.channels,
  }
  return makeInfo(source.path, base, s.totalFrames, s.totalFrames > 0, warnings)
}

async function probeOgg(source: FileSource): Promise<AudioInfo> {
  const id = parseOggVorbisId(await source.read(0, 4096), source.path)
  const tailStart = Math.max(0, source.size - OGG_TAIL)
  const end = findLastOggGranule(await source.read(tailStart, OGG_TAIL), id.serial)
  const warnings: AudioWarning[] = []
  const warn = (code: AudioWarning['code'], detail: string): number =>
    warnings.push(audioWarning(source.path, code, detail))
  if (end === undefined) warn('length-unknown', 'no complete Ogg page gives the length')
  else if (!end.endOfStream)
    warn('truncated', 'the last Ogg page does not end the stream; cut short?')
  else if (end.granule === 0) throw noAudio(source.path, 'the Ogg stream ends at sample 0')
  const base = { container: 'ogg' as const, sampleFormat: 'float32' as const, bitsPerSample: 0 }
  const frames = end?.granule ?? 0
  const exact = end?.endOfStream === true
  return makeInfo(source.path, { ...base, ...id }, frames, exact, warnings)
}

async function probeMpeg(source: FileSource, start: number): Promise<AudioInfo> {
  const b = await source.read(start, 4096)
  const f = parseMpegFrame(b, 0)
  if (f === undefined) throw new AudioError(source.path, 'corrupt', 'MPEG frame header vanished')
  const tag = readMpegLength(b, 0, f)
  const length = tag?.damaged ? undefined : tag
  const warnings: AudioWarning[] = []
  if (tag?.damaged) {
    const detail = `the LAME tag in the first MPEG frame is damaged (its CRC does not match), so it is ignored; the length is estimated from the bitrate`
    warnings.push(audioWarning(source.path, 'damaged', detail))
  } else if (length === undefined) {
    const detail = 'no Xing/Info header: the length is estimated from the bitrate'
    warnings.push(audioWarning(source.path, 'length-unknown', detail))
  }
  const frames = length?.samples ?? estimateMpegSamples(source.size - start, f)
  const base = { container: 'mp3' as const, sampleFormat: 'float32' as const, bitsPerSample: 0 }
  const stream = { sampleRate: f.sampleRate, channels: f.channels }
  return makeInfo(source.path, { ...base, ...stream }, frames, length !== undefined, warnings)
}

/** Integer format that holds `bits`-bit samples (FLAC allows any depth from 4 to 32) */
function pcmFormatFor(bits: number): SampleFormat {
  return bits <= 8 ? 'pcm8' : bits <= 16 ? 'pcm16' : bits <= 24 ? 'pcm24' : 'pcm32'
}

type StreamFields = Pick<
  AudioInfo,
  'container' | 'sampleFormat' | 'bitsPerSample' | 'sampleRate' | 'channels'
>

/** Assembles an AudioInfo; `frames` per channel, duration in seconds */
export function makeInfo(
  path: string,
  s: StreamFields,
  frames: number,
  framesExact: boolean,
  warnings: AudioWarning[],
): AudioInfo {
  const { container, sampleFormat, bitsPerSample, sampleRate, channels } = s
  const durationSec = frames / sampleRate
  return {
    path,
    container,
    sampleFormat,
    bitsPerSample,
    sampleRate,
    channels,
    frames,
    framesExact,
    durationSec,
    warnings,
  }
}
