// The integer PCM inside the flac-*.flac fixtures, regenerated here so that the tests can compare
// the decoder's output with what the encoder was given. The fixtures were made from exactly this
// PCM by test/fixtures/audio/make-flac-fixtures.ts (see the README beside them).

/** One fixture: its PCM and how `flac` encoded it */
export interface FlacFixture {
  name: string
  /** Bits per sample, 8 to 32 */
  bits: number
  channels: 1 | 2
  /** Hz */
  sampleRate: number
  /** Sample frames per segment; the segments are listed in `fixturePcm` */
  segment: number
  /** Segments used, from the start of the list */
  segments: number
  /** Options of `flac` (1.4) beyond `--no-seektable` and, without `-P`, `--no-padding` */
  flacArgs: string[]
}

export const FLAC_FIXTURES: FlacFixture[] = [
  // Exhaustive stereo decorrelation (the encoder picks independent and mid/side here), LPC,
  // constant, verbatim and wasted-bits subframes, a padding block to skip
  {
    name: 'flac-pcm16-stereo.flac',
    bits: 16,
    channels: 2,
    sampleRate: 48000,
    segment: 576,
    segments: 7,
    flacArgs: ['-8', '-m', '-b', '576', '-P', '64'],
  },
  {
    name: 'flac-pcm24-stereo.flac',
    bits: 24,
    channels: 2,
    sampleRate: 44100,
    segment: 576,
    segments: 4,
    flacArgs: ['-5', '-b', '576'],
  },
  // Fixed predictors only; block size and sample rate in 8 and 16 bits after the header (200
  // samples, 11,025 Hz)
  {
    name: 'flac-pcm8-mono.flac',
    bits: 8,
    channels: 1,
    sampleRate: 11025,
    segment: 192,
    segments: 7,
    flacArgs: ['-0', '-b', '200'],
  },
  // 12 bits (from a WAV with 12 valid bits in 16), block size in 16 bits (1000), rate in kHz
  {
    name: 'flac-pcm12-mono.flac',
    bits: 12,
    channels: 1,
    sampleRate: 7000,
    segment: 500,
    segments: 7,
    flacArgs: ['-8', '-b', '1000'],
  },
  // 20 bits, LPC of order 32 (only with --lax)
  {
    name: 'flac-pcm20-stereo.flac',
    bits: 20,
    channels: 2,
    sampleRate: 96000,
    segment: 512,
    segments: 4,
    flacArgs: ['--lax', '-l', '32', '-b', '1024'],
  },
  // 32 bits, rate in tens of Hz
  {
    name: 'flac-pcm32-mono.flac',
    bits: 32,
    channels: 1,
    sampleRate: 100010,
    segment: 256,
    segments: 7,
    flacArgs: ['-5', '-b', '512'],
  },
]

/**
 * The fixture's PCM: planar integer samples in [-2^(bits-1), 2^(bits-1)). Segments, each
 * `segment` frames: a tone with a little noise in both channels alike and the extremes at its
 * start; the tone left only; right only; two tones; full-scale white noise; silence; a tone on
 * multiples of 16 (wasted bits).
 */
export function fixturePcm(f: FlacFixture): Int32Array[] {
  const full = 2 ** (f.bits - 1)
  const n = f.segment
  const random = lcg(f.bits * 7919 + f.channels)
  const noise = (lsb: number): number => Math.round((random() * 2 - 1) * lsb)
  const tone = (i: number, hz: number, amp: number): number =>
    Math.round(amp * full * Math.sin((2 * Math.PI * hz * i) / f.sampleRate))
  const clamp = (v: number): number => Math.max(-full, Math.min(full - 1, v))
  const out = Array.from({ length: f.channels }, () => new Int32Array(n * f.segments))
  const [left, right] = out
  const segments: ((i: number) => [number, number])[] = [
    (i) => {
      const v = tone(i, 440, 0.5) + noise(2)
      return [v, v]
    },
    (i) => [tone(i, 440, 0.5), 0],
    (i) => [0, tone(i, 660, 0.5)],
    (i) => [tone(i, 440, 0.4), tone(i, 1000, 0.3)],
    () => [Math.floor(random() * 2 * full) - full, Math.floor(random() * 2 * full) - full],
    () => [0, 0],
    (i) => {
      const v = Math.round(tone(i, 550, 0.5) / 16) * 16
      return [v, -v]
    },
  ]
  for (let s = 0; s < f.segments; s++) {
    for (let i = 0; i < n; i++) {
      const [l, r] = segments[s](s * n + i)
      left[s * n + i] = clamp(l)
      if (right) right[s * n + i] = clamp(r)
    }
  }
  left[0] = -full
  left[1] = full - 1
  if (right) {
    right[0] = full - 1
    right[1] = -full
  }
  return out
}

function lcg(seed: number): () => number {
  let x = seed >>> 0
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0
    return x / 2 ** 32
  }
}
