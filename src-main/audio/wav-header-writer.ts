import { OUTPUT_BYTES, type WavOutputFormat } from './pcm-encode'
import { FORMAT_EXTENSIBLE, FORMAT_FLOAT, FORMAT_PCM } from './wav-format'

/** Byte positions in a header that this module writes; all in bytes from the file start */
export interface WavHeaderPlan {
  /** Header bytes up to the first sample */
  headerBytes: number
  /** Bytes per frame */
  blockAlign: number
  /** Where the fact chunk's frame count sits, or -1 without a fact chunk (integer formats) */
  factAt: number
}

/** Largest RIFF chunk size: a WAV file holds at most 4 GiB */
export const MAX_RIFF_SIZE = 0xffffffff

// KSDATAFORMAT_SUBTYPE_* GUID after its first two bytes (the format tag)
const GUID_TAIL = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]
// Speaker masks of the usual layouts; others are left unassigned (0), which the spec allows
const CHANNEL_MASKS: Record<number, number> = { 1: 0x4, 2: 0x3, 4: 0x33, 6: 0x3f, 8: 0x63f }

/**
 * EXTENSIBLE when channels > 2 or integer samples wider than 16 bits, as the WAVE spec advises;
 * float files carry the fact chunk that non-PCM formats require.
 */
function isExtensible(channels: number, format: WavOutputFormat): boolean {
  return channels > 2 || format === 'pcm24' || format === 'pcm32'
}

/** Sizes and field positions of the header for this layout */
export function planWavHeader(channels: number, format: WavOutputFormat): WavHeaderPlan {
  const fmtBody = isExtensible(channels, format) ? 40 : format === 'float32' ? 18 : 16
  const fact = format === 'float32' ? 12 : 0
  const factAt = fact > 0 ? 12 + 8 + fmtBody + 8 : -1
  return {
    headerBytes: 12 + 8 + fmtBody + fact + 8,
    blockAlign: channels * OUTPUT_BYTES[format],
    factAt,
  }
}

/**
 * Writes the header into `out` (headerBytes long) for `frames` frames of data at `sampleRate` Hz;
 * `frames` = -1 writes 0xFFFFFFFF placeholders, as streaming writers do, for patching later.
 */
export function writeWavHeader(
  out: Uint8Array,
  channels: number,
  sampleRate: number,
  format: WavOutputFormat,
  frames: number,
): void {
  const plan = planWavHeader(channels, format)
  const dv = new DataView(out.buffer, out.byteOffset, plan.headerBytes)
  const bits = OUTPUT_BYTES[format] * 8
  const tag = format === 'float32' ? FORMAT_FLOAT : FORMAT_PCM
  const extensible = isExtensible(channels, format)
  const fmtBody = plan.factAt < 0 ? plan.headerBytes - 28 : plan.factAt - 28
  const fourCC = (at: number, id: string) => {
    for (let i = 0; i < 4; i++) dv.setUint8(at + i, id.charCodeAt(i))
  }
  fourCC(0, 'RIFF')
  fourCC(8, 'WAVE')
  fourCC(12, 'fmt ')
  dv.setUint32(16, fmtBody, true)
  dv.setUint16(20, extensible ? FORMAT_EXTENSIBLE : tag, true)
  dv.setUint16(22, channels, true)
  dv.setUint32(24, sampleRate, true)
  dv.setUint32(28, sampleRate * plan.blockAlign, true)
  dv.setUint16(32, plan.blockAlign, true)
  dv.setUint16(34, bits, true)
  if (fmtBody >= 18) dv.setUint16(36, fmtBody - 18, true) // cbSize: bytes of extension that follow
  if (extensible) {
    dv.setUint16(38, bits, true) // valid bits: all of the container
    dv.setUint32(40, CHANNEL_MASKS[channels] ?? 0, true)
    dv.setUint16(44, tag, true)
    GUID_TAIL.forEach((b, i) => dv.setUint8(46 + i, b))
  }
  if (plan.factAt >= 0) fourCC(plan.factAt - 8, 'fact')
  if (plan.factAt >= 0) dv.setUint32(plan.factAt - 4, 4, true)
  fourCC(plan.headerBytes - 8, 'data')
  patchWavSizes(out, plan, frames)
}

/** Sets the RIFF, data and fact sizes for `frames` frames (-1: 0xFFFFFFFF placeholders) */
export function patchWavSizes(out: Uint8Array, plan: WavHeaderPlan, frames: number): void {
  const dv = new DataView(out.buffer, out.byteOffset, plan.headerBytes)
  const dataBytes = frames * plan.blockAlign
  const unset = frames < 0
  dv.setUint32(4, unset ? MAX_RIFF_SIZE : riffSize(plan, dataBytes), true)
  dv.setUint32(plan.headerBytes - 4, unset ? MAX_RIFF_SIZE : dataBytes, true)
  if (plan.factAt >= 0) dv.setUint32(plan.factAt, unset ? MAX_RIFF_SIZE : frames, true)
}

/** The RIFF chunk's size field: everything after its first 8 bytes, the data's pad byte included */
export function riffSize(plan: WavHeaderPlan, dataBytes: number): number {
  return plan.headerBytes - 8 + dataBytes + (dataBytes % 2)
}
