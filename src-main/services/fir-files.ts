// The one writer of FIR filter files, for `scw fir` and the Correction view's downloads.
import { encodeWav } from '../audio'

export type FirFileFormat = 'sox' | 'wav' | 'json'

/** What a FIR file holds besides its taps. */
export interface FirFileMeta {
  device: string
  sampleRate: number
}

/**
 * The file of FIR `h` (designed at `meta.sampleRate` Hz): sox `fir` text (one coefficient per
 * line), a float32 WAV impulse response, or JSON `{device, taps, sampleRate, h}`.
 */
export function firFile(
  h: Float64Array,
  meta: FirFileMeta,
  format: FirFileFormat,
): { text: string } | { bytes: Uint8Array } {
  switch (format) {
    case 'sox':
      // sox's `fir` effect reads coefficients separated by white space.
      return { text: `${Array.from(h, (v) => v.toPrecision(9)).join('\n')}\n` }
    case 'json':
      return { text: `${JSON.stringify(firJson(h, meta))}\n` }
    case 'wav':
      return { bytes: encodeWav([Float32Array.from(h)], meta.sampleRate, 'float32').bytes }
  }
}

/** FIR `h` as the JSON object `{device, taps, sampleRate, h}`. */
export function firJson(
  h: Float64Array,
  meta: FirFileMeta,
): FirFileMeta & { taps: number; h: number[] } {
  return { device: meta.device, taps: h.length, sampleRate: meta.sampleRate, h: Array.from(h) }
}
