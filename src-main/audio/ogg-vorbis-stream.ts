// An Ogg Vorbis stream decoded from bytes fed in file order. Only whole pages whose CRC checks
// reach the Vorbis decoder, in order; after a lost page it starts afresh from the stream's
// headers. The granule positions say how many sample frames the stream holds up to each page:
// fewer decoded is a loss (reported), more is cut off (the end trim of the last page).
import type { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis'
import { AudioError } from './errors'
import { ByteQueue } from './byte-queue'
import { startsWith } from './bytes'
import {
  findOggCapture,
  OGG_CONTINUED,
  OGG_FIRST,
  OGG_LAST,
  readOggPage,
  withoutContinuedPacket,
  type OggPage,
} from './ogg-page'
import { checkSameStream, type StreamContext, type StreamDecoder } from './stream-decoder'

type Decoded = Awaited<ReturnType<OggVorbisDecoder['decode']>>

const VORBIS_HEADERS = 3 // identification, comment and setup packets

/** A page fed to the decoder whose samples have not come out yet */
interface Fed {
  /** File offset */
  byte: number
  granule: number
  /** The first page with a granule: one below its samples trims the start (Vorbis I, A.2) */
  first: boolean
  last: boolean
  /** The first page after a loss: the decoder restarted on it */
  restarted: boolean
  /** What was skipped just before this page, for the report when its samples are counted */
  skipped: string[]
}

/** Opens the Vorbis decoder (its wasm loads on first use) for `context` */
export async function openOggVorbis(context: StreamContext): Promise<StreamDecoder> {
  const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis')
  const decoder = new OggVorbisDecoder()
  await decoder.ready
  return new OggVorbisStream(context, decoder)
}

class OggVorbisStream implements StreamDecoder {
  private readonly q: ByteQueue
  private serial: number | undefined
  private readonly headerPages: Uint8Array[] = []
  private headerPackets = 0
  private nextSequence = 0
  private ended = false
  private sawGranule = false
  private pending: Fed | undefined // codec-parser gives a page's samples when the next arrives
  private emitted = 0 // sample frames given out
  private missing = 0 // sample frames of the stream lost so far
  private dropContinued = false // the next page starts with the rest of a lost packet
  private damagedFrom: number | undefined // file offset where bytes that are no page began
  private cutAt: number | undefined // file offset of a page that the end of the file cuts
  private skipped: string[] = [] // what was skipped since the last page fed
  private told = new Set<string>() // warnings given once per file

  constructor(
    private readonly context: StreamContext,
    private readonly decoder: OggVorbisDecoder,
  ) {
    this.q = new ByteQueue(context.audioStart)
  }

  async decode(bytes: Uint8Array): Promise<Float32Array[][]> {
    this.q.append(bytes)
    return this.drain(false)
  }

  async flush(): Promise<Float32Array[][]> {
    const out = await this.drain(true)
    if (this.pending) out.push(...this.account(await this.decoder.flush()))
    this.reportEnd()
    return out
  }

  free(): void {
    this.q.clear()
    this.decoder.free()
  }

  private async drain(final: boolean): Promise<Float32Array[][]> {
    const q = this.q
    const out: Float32Array[][] = []
    while (q.length > 0) {
      const page = readOggPage(q.buf, q.start, q.end)
      if (page === 'short' && !final) break
      if (page === 'short') {
        this.cutAt = q.offsetOf(q.start)
        q.start = q.end
      } else if (page === 'invalid') {
        this.damagedFrom ??= q.offsetOf(q.start)
        q.start = findOggCapture(q.buf, q.start + 1, q.end)
      } else {
        this.endDamage(page.at)
        out.push(...(await this.take(page)))
        q.start = page.at + page.length
      }
    }
    return out
  }

  /** Ends a run of bytes that are no page at `at`, noting it for the next report */
  private endDamage(at: number): void {
    const from = this.damagedFrom
    if (from === undefined) return
    const to = this.q.offsetOf(at)
    this.skipped.push(`bytes ${from}–${to - 1} (${to - from}) are damaged`)
    this.damagedFrom = undefined
  }

  /** Feeds one page that checks; returns the samples that come out */
  private async take(page: OggPage): Promise<Float32Array[][]> {
    const b = this.q.buf
    const byte = this.q.offsetOf(page.at)
    if (this.serial === undefined) {
      // The Vorbis stream starts at its first page; pages before it belong to other streams
      const body = page.at + 27 + b[page.at + 26]
      if ((page.flags & OGG_FIRST) === 0 || !startsWith(b, '\x01vorbis', body)) return []
      this.serial = page.serial
      this.nextSequence = page.sequence
    }
    if (page.serial !== this.serial || this.ended) {
      if (this.ended && (page.flags & OGG_FIRST) !== 0) {
        this.once(
          'trailing-data',
          `another Ogg stream starts at byte ${byte}; only the first one is decoded`,
        )
      } else if (this.ended && page.serial === this.serial) {
        this.once('trailing-data', `Ogg pages after the end of the stream (byte ${byte}); ignored`)
      }
      return []
    }
    const expected = this.nextSequence
    this.nextSequence = page.sequence + 1
    let bytes: Uint8Array | undefined = b.slice(page.at, page.at + page.length)
    if (this.headerPackets < VORBIS_HEADERS) {
      if (page.sequence !== expected) throw this.headersDamaged()
      this.headerPages.push(bytes)
      this.headerPackets += page.packetsEnded
      await this.decoder.decode(bytes)
      return []
    }
    const out: Float32Array[][] = []
    const restarted = page.sequence !== expected
    if (restarted) {
      out.push(...(await this.restart()))
      this.skipped.push(
        page.sequence < expected
          ? `the Ogg page at byte ${byte} is out of order (${page.sequence} after ${expected - 1})`
          : page.sequence === expected + 1
            ? `Ogg page ${expected} is missing`
            : `Ogg pages ${expected}–${page.sequence - 1} are missing`,
      )
    }
    if (this.dropContinued && (page.flags & OGG_CONTINUED) !== 0) {
      // The start of that packet is lost: what is left of it cannot be decoded
      bytes = withoutContinuedPacket(b, page)
      if (bytes === undefined) return out
    }
    this.dropContinued = false
    const decoded = await this.decoder.decode(bytes)
    if (this.pending) out.push(...this.account(decoded))
    const first = !this.sawGranule && page.granule >= 0
    this.sawGranule ||= first
    const last = (page.flags & OGG_LAST) !== 0
    this.pending = { byte, granule: page.granule, first, last, restarted, skipped: this.skipped }
    this.skipped = []
    if (this.pending.last) {
      out.push(...this.account(await this.decoder.flush()))
      this.ended = true
    }
    return out
  }

  /** After a loss: the samples of the page fed last, then a fresh decoder fed the headers again */
  private async restart(): Promise<Float32Array[][]> {
    // flush() gives the held-back page's samples and resets the decoder
    let out: Float32Array[][] = []
    if (this.pending) out = this.account(await this.decoder.flush())
    else await this.decoder.reset()
    for (const header of this.headerPages) await this.decoder.decode(header)
    this.dropContinued = true
    return out
  }

  /** The samples of the pending page, held to what its granule position allows */
  private account(decoded: Decoded): Float32Array[][] {
    const p = this.pending
    this.pending = undefined
    const frames = decoded.samplesDecoded
    if (frames > 0) {
      checkSameStream(this.context.info, decoded.sampleRate, decoded.channelData.length)
    }
    if (p === undefined) return []
    let from = 0
    let to = frames
    if (p.granule < 0) {
      this.skipped = [...p.skipped, ...this.skipped] // for the next page that gives a granule
    } else {
      const target = p.granule - this.missing // what should have come out up to this page
      const produced = this.emitted + frames
      if (produced > target) {
        const excess = Math.min(produced - target, frames)
        if (p.first) from = excess
        else to = frames - excess
        if (!p.first && !p.last) {
          this.report(
            p.skipped,
            `the Ogg page at byte ${p.byte} decodes to ${excess} sample frames more than its granule position allows; dropped`,
          )
        }
      } else if (produced < target) {
        this.missing += target - produced
        // After a loss the last page cannot be placed: its end is kept whole
        const untrimmed =
          p.last && p.restarted
            ? '; the last page follows the loss, so the encoder padding at its end (under one block) is not trimmed'
            : ''
        const lost = `${target - produced} sample frames of the stream before sample frame ${p.granule} are lost`
        this.report(p.skipped, lost + untrimmed)
      } else if (p.skipped.length > 0) {
        this.report(p.skipped, 'no samples are lost')
      }
    }
    this.emitted += to - from
    if (to <= from) return []
    return [decoded.channelData.map((c) => c.subarray(from, to))]
  }

  /** Warns 'damaged': what was skipped, then `what` came of it */
  private report(skipped: string[], what: string): void {
    this.context.warn('damaged', [...skipped, what].join('; '))
  }

  private once(code: 'trailing-data', detail: string): void {
    if (this.told.has(code)) return
    this.told.add(code)
    this.context.warn(code, detail)
  }

  private headersDamaged(): AudioError {
    return new AudioError(
      this.context.info.path,
      'corrupt',
      'the Vorbis headers (the first Ogg pages) are damaged, so nothing can be decoded; copy or export the file again',
    )
  }

  /** At the end of the file: what was skipped since the last granule, and how the file ends */
  private reportEnd(): void {
    const { warn } = this.context
    if (this.headerPackets < VORBIS_HEADERS) throw this.headersDamaged()
    const eof = this.q.offsetOf(this.q.end)
    if (this.damagedFrom !== undefined) {
      const from = this.damagedFrom
      const to = this.cutAt ?? eof
      const range = `bytes ${from}–${to - 1} (${to - from})`
      if (this.ended)
        warn('trailing-data', `${range} after the end of the stream are no Ogg pages; ignored`)
      else this.skipped.push(`${range} at the end are damaged`)
    }
    if (this.skipped.length > 0) {
      this.report(this.skipped, 'the samples after the last whole page are lost')
    }
    if (this.cutAt !== undefined) {
      warn(
        'truncated',
        `the file ends inside the Ogg page at byte ${this.cutAt}; its samples are lost (cut short?)`,
      )
    }
  }
}
