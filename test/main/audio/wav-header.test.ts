import { afterAll, describe, expect, it } from 'vitest'
import {
  AudioError,
  decodeAudioFile,
  isAudioError,
  openAudio,
  parseWavHeader,
  probeAudio,
  type AudioErrorCode,
} from '../../../src-main/audio'
import { ascii, chunk, concat, fmt, riff, sampleBytes, simpleWav, tempDir } from './wav-builder'

const tmp = tempDir()
afterAll(() => tmp.cleanup())

const SAMPLES = [0, 1000, -1000, 32767, -32768, 5]
const DATA = sampleBytes('pcm16', [SAMPLES])
const FMT = fmt({ channels: 1, rate: 44100, bits: 16 })

function parse(bytes: Uint8Array) {
  return parseWavHeader(bytes, '/some/dir/x.wav', bytes.length)
}

/** The AudioError that `fn` throws (fails the test when it throws nothing or something else) */
function thrown(fn: () => unknown): AudioError {
  try {
    fn()
  } catch (e) {
    if (isAudioError(e)) return e
    throw e
  }
  throw new Error('expected an AudioError')
}

async function rejected(p: Promise<unknown>): Promise<AudioError> {
  try {
    await p
  } catch (e) {
    if (isAudioError(e)) return e
    throw e
  }
  throw new Error('expected an AudioError')
}

describe('parseWavHeader chunk walking', () => {
  it('gives the layout of a canonical 44-byte header', () => {
    expect(parse(simpleWav(SAMPLES))).toEqual({
      dataOffset: 44,
      dataBytes: 12,
      formatTag: 1,
      sampleFormat: 'pcm16',
      bitsPerSample: 16,
      channels: 1,
      sampleRate: 44100,
      blockAlign: 2,
      frames: 6,
      warnings: [],
    })
  })

  it('skips odd-sized unknown chunks and their pad bytes before and after fmt', () => {
    const bytes = riff([
      chunk('LIST', ascii('abc')), // 3 bytes + pad
      FMT,
      chunk('junk', ascii('12345')), // 5 bytes + pad
      chunk('bext', new Uint8Array(0)),
      chunk('data', DATA),
    ])
    const layout = parse(bytes)
    expect(layout.dataOffset).toBe(12 + 12 + 24 + 14 + 8 + 8)
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual([])
    expect(bytes[layout.dataOffset + 2]).toBe(1000 & 0xff)
  })

  it('accepts a pad byte that a writer forgot, with a warning', () => {
    const odd = chunk('LIST', ascii('abc')).subarray(0, 11) // no pad byte
    const bytes = riff([odd, FMT, chunk('data', DATA)])
    const layout = parse(bytes)
    expect(layout.dataOffset).toBe(12 + 11 + 24 + 8)
    expect(layout.warnings).toEqual([
      {
        code: 'header-mismatch',
        message: 'x.wav: chunk at byte 23 follows an odd-sized chunk without its pad byte',
      },
    ])
  })

  it('clamps a data size larger than the file, with a warning', () => {
    const bytes = riff([FMT, chunk('data', DATA, 1_000_000)])
    const layout = parse(bytes)
    expect(layout.dataBytes).toBe(12)
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual([
      {
        code: 'data-size',
        message: 'x.wav: data chunk claims 1000000 bytes but only 12 remain; clamped',
      },
    ])
  })

  it('reads to the end of the file when the data size is unset (0xFFFFFFFF)', () => {
    const bytes = riff([FMT, chunk('data', DATA, 0xffffffff)], 0xffffffff)
    const layout = parse(bytes)
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual([
      {
        code: 'data-size',
        message:
          'x.wav: data chunk size is unset (0xFFFFFFFF, as streaming writers leave it); using the 12 bytes to the end of the file',
      },
    ])
  })

  it('truncates data to whole frames, with a warning', () => {
    const stereo = fmt({ channels: 2, rate: 44100, bits: 16 })
    const bytes = riff([stereo, chunk('data', DATA.subarray(0, 10))]) // 2.5 frames of 4 bytes
    const layout = parse(bytes)
    expect(layout.frames).toBe(2)
    expect(layout.dataBytes).toBe(8)
    expect(layout.warnings).toEqual([
      {
        code: 'partial-frame',
        message: 'x.wav: data chunk has 10 bytes, not whole 4-byte frames; ignoring the last 2',
      },
    ])
  })

  it('uses channels × bytes per sample when the declared block align is wrong', () => {
    const bytes = riff([
      fmt({ channels: 1, rate: 44100, bits: 16, blockAlign: 7 }),
      chunk('data', DATA),
    ])
    const layout = parse(bytes)
    expect(layout.blockAlign).toBe(2)
    expect(layout.warnings).toEqual([
      {
        code: 'header-mismatch',
        message: 'x.wav: fmt chunk says 7 bytes per frame; using 2 (1 × 16 bits)',
      },
    ])
  })

  it('finds fmt after data', () => {
    const layout = parse(riff([chunk('data', DATA), FMT]))
    expect(layout.dataOffset).toBe(20)
    expect(layout.frames).toBe(6)
  })

  it('reads RF64 with the RIFF and data sizes from ds64', () => {
    const ds64 = new Uint8Array(28)
    const dv = new DataView(ds64.buffer)
    dv.setUint32(0, 4 + 8 + ds64.length + FMT.length + 8 + DATA.length, true) // RIFF size, low half
    dv.setUint32(8, DATA.length, true) // data size, low half
    const body = concat(ascii('WAVE'), chunk('ds64', ds64), FMT, chunk('data', DATA, 0xffffffff))
    const bytes = concat(ascii('RF64'), new Uint8Array([255, 255, 255, 255]), body)
    const layout = parse(bytes)
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual([])
  })

  it('resolves WAVE_FORMAT_EXTENSIBLE to its subformat', () => {
    const bytes = riff([
      fmt({ tag: 3, channels: 2, rate: 96000, bits: 32, extensible: true }),
      chunk('data', new Uint8Array(16)),
    ])
    const layout = parse(bytes)
    expect(layout.formatTag).toBe(3)
    expect(layout.sampleFormat).toBe('float32')
    expect(layout.frames).toBe(2)
  })
})

describe('header fields that contradict the file are warnings', () => {
  /** `bytes` with the little-endian 32-bit field at `at` set to `value` */
  function patched(bytes: Uint8Array, at: number, value: number): Uint8Array {
    const out = bytes.slice()
    new DataView(out.buffer).setUint32(at, value, true)
    return out
  }
  const mismatch = (message: string) => [{ code: 'header-mismatch', message: `x.wav: ${message}` }]

  it('a byte rate other than rate × block align', () => {
    const layout = parse(patched(simpleWav(SAMPLES), 28, 44100))
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual(
      mismatch('fmt chunk says 44100 bytes per second, not 88200 (44100 Hz × 2 bytes); ignored'),
    )
  })

  it('a RIFF size larger than the file', () => {
    const layout = parse(riff([FMT, chunk('data', DATA)], 1000))
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual(
      mismatch('RIFF header says the file has 1008 bytes, it has 56; was it cut short?'),
    )
  })

  it('a RIFF size smaller than the file (bytes appended after it)', () => {
    const layout = parse(concat(simpleWav(SAMPLES), ascii('TAG appended')))
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual(mismatch('RIFF header says the file has 56 bytes, it has 68'))
  })

  it('an unset RIFF size', () => {
    const layout = parse(riff([FMT, chunk('data', DATA)], 0))
    expect(layout.warnings).toEqual(
      mismatch("RIFF size is unset (0); the file's own size was used"),
    )
  })

  it('a second fmt chunk, which is ignored', () => {
    const second = fmt({ channels: 2, rate: 8000, bits: 8 })
    const layout = parse(riff([FMT, second, chunk('data', DATA)]))
    expect([layout.channels, layout.sampleRate, layout.frames]).toEqual([1, 44100, 6])
    expect(layout.warnings).toEqual(mismatch('a second fmt chunk at byte 36; using the first'))
  })

  it('more valid bits than the samples hold (EXTENSIBLE)', () => {
    const bytes = riff([
      fmt({ channels: 1, rate: 44100, bits: 16, extensible: true }),
      chunk('data', DATA),
    ])
    const layout = parse(patched(bytes, 12 + 8 + 16, 22 | (24 << 16))) // cbSize 22, 24 valid bits
    expect(layout.frames).toBe(6)
    expect(layout.warnings).toEqual(
      mismatch('fmt chunk says 24 valid bits in 16-bit samples; read as 16-bit'),
    )
  })

  it('reach the probe and both readers', async () => {
    const path = tmp.file('x.wav', riff([FMT, chunk('data', DATA)], 0))
    const warnings = mismatch("RIFF size is unset (0); the file's own size was used")
    expect((await probeAudio(path)).warnings).toEqual(warnings)
    expect((await decodeAudioFile(path)).info.warnings).toEqual(warnings)
    const reader = await openAudio(path)
    while ((await reader.read()) !== null);
    await reader.close()
    expect(reader.warnings).toEqual(warnings)
  })
})

describe('parseWavHeader typed errors', () => {
  const cases: [string, Uint8Array, AudioErrorCode, string][] = [
    [
      'a truncated header',
      simpleWav(SAMPLES).subarray(0, 12),
      'truncated',
      'x.wav: truncated WAV header (12 of 44 bytes); the file is incomplete, copy it again',
    ],
    [
      'a cut fmt chunk',
      simpleWav(SAMPLES).subarray(0, 30),
      'truncated',
      'x.wav: fmt chunk cut off by the end; the file is incomplete, copy it again',
    ],
    [
      'no fmt chunk',
      riff([chunk('LIST', ascii('info')), chunk('data', DATA)]),
      'no-fmt',
      'x.wav: no fmt chunk, so the sample format is unknown; the file is damaged, re-export it',
    ],
    [
      'no data chunk',
      riff([FMT, chunk('LIST', ascii('info'))]),
      'no-data',
      'x.wav: no data chunk (no samples); the file is incomplete, copy it again or re-export',
    ],
    [
      'zero channels',
      riff([fmt({ channels: 0, rate: 44100, bits: 16, blockAlign: 2 }), chunk('data', DATA)]),
      'bad-channels',
      'x.wav: header says 0 channels (1 to 256 accepted); the header is damaged',
    ],
    [
      'zero sample rate',
      riff([fmt({ channels: 1, rate: 0, bits: 16 }), chunk('data', DATA)]),
      'bad-rate',
      'x.wav: header says 0 Hz (1000 to 768000 Hz accepted); the header is damaged',
    ],
    [
      'an A-law file',
      riff([fmt({ tag: 6, channels: 1, rate: 8000, bits: 8 }), chunk('data', DATA)]),
      'unsupported',
      'x.wav: format tag 0x0006 (A-law) is not supported; convert it to PCM or float WAV (e.g. `sox in.wav -e signed -b 16 out.wav`) or FLAC',
    ],
    [
      'IMA ADPCM inside EXTENSIBLE',
      riff([
        fmt({ tag: 0x11, channels: 1, rate: 8000, bits: 4, extensible: true }),
        chunk('data', DATA),
      ]),
      'unsupported',
      'x.wav: format tag 0x0011 (IMA ADPCM) is not supported; convert it to PCM or float WAV (e.g. `sox in.wav -e signed -b 16 out.wav`) or FLAC',
    ],
    [
      '12-bit PCM',
      riff([fmt({ channels: 1, rate: 8000, bits: 12, blockAlign: 2 }), chunk('data', DATA)]),
      'unsupported',
      'x.wav: 12-bit PCM is not supported; convert it to PCM or float WAV (e.g. `sox in.wav -e signed -b 16 out.wav`) or FLAC',
    ],
    [
      'an AVI file',
      concat(ascii('RIFF'), new Uint8Array(4), ascii('AVI LIST')),
      'not-audio',
      'x.wav: a RIFF file of type "AVI ", not a WAV file',
    ],
    ['text', ascii('hello, this is text'), 'not-audio', 'x.wav: not a WAV file (no RIFF header)'],
    ['nothing', new Uint8Array(0), 'empty', 'x.wav: the file is empty (0 bytes)'],
  ]
  for (const [what, bytes, code, message] of cases) {
    it(`reports ${what} as '${code}'`, () => {
      const e = thrown(() => parse(bytes))
      expect(e).toBeInstanceOf(AudioError)
      expect(e.code).toBe(code)
      expect(e.path).toBe('/some/dir/x.wav')
      expect(e.message).toBe(message)
    })
  }

  it('says when the header lies beyond the bytes given', () => {
    const bytes = simpleWav(SAMPLES)
    const e = thrown(() => parseWavHeader(bytes.subarray(0, 20), 'x.wav', bytes.length))
    expect(e.code).toBe('truncated')
    expect(e.message).toBe(
      'x.wav: WAV header runs past the first 20 bytes given; the file is incomplete, copy it again',
    )
  })
})

describe('typed errors from files', () => {
  const floatWav = (values: number[]) =>
    riff([
      fmt({ tag: 3, channels: 2, rate: 44100, bits: 32 }),
      chunk('data', sampleBytes('float32', [values, values.map(() => 0)])),
    ])

  it.each([
    ['empty.wav', new Uint8Array(0), 'empty'],
    ['notes.wav', 'These are my notes, not audio.\n', 'not-audio'],
    ['cut.wav', simpleWav(SAMPLES).subarray(0, 12), 'truncated'],
    ['nofmt.wav', riff([chunk('data', DATA)]), 'no-fmt'],
    ['nodata.wav', riff([FMT]), 'no-data'],
    ['nosamples.wav', riff([FMT, chunk('data', new Uint8Array(0))]), 'no-audio'],
    ['onebyte.wav', riff([FMT, chunk('data', new Uint8Array(1))]), 'no-audio'],
    [
      'zero-ch.wav',
      riff([fmt({ channels: 0, rate: 44100, bits: 16 }), chunk('data', DATA)]),
      'bad-channels',
    ],
    [
      'zero-rate.wav',
      riff([fmt({ channels: 1, rate: 0, bits: 16 }), chunk('data', DATA)]),
      'bad-rate',
    ],
    [
      'alaw.wav',
      riff([fmt({ tag: 6, channels: 1, rate: 8000, bits: 8 }), chunk('data', DATA)]),
      'unsupported',
    ],
  ] as const)('%s is rejected as %s by probe and decode', async (name, content, code) => {
    const path = tmp.file(name, content)
    const probed = await rejected(probeAudio(path))
    const decoded = await rejected(decodeAudioFile(path))
    expect([probed.code, decoded.code]).toEqual([code, code])
    expect(probed.path).toBe(path)
    expect(probed.message.startsWith(`${name}: `)).toBe(true)
  })

  it('decodes what is there when the data size is larger than the file', async () => {
    const path = tmp.file('clamped.wav', riff([FMT, chunk('data', DATA, 1_000_000)]))
    const { info, channels } = await decodeAudioFile(path)
    expect(info.frames).toBe(6)
    expect(info.warnings).toEqual([
      {
        code: 'data-size',
        message: 'clamped.wav: data chunk claims 1000000 bytes but only 12 remain; clamped',
      },
    ])
    expect(Array.from(channels[0])).toEqual(SAMPLES.map((s) => s / 32768))
    expect(await probeAudio(path)).toEqual(info)
  })

  it('names the frame of a NaN sample', async () => {
    const path = tmp.file('nan.wav', floatWav([0, 0.5, 0, Number.NaN, 0]))
    const e = await rejected(decodeAudioFile(path))
    expect(e.code).toBe('non-finite')
    expect(e.message).toBe(
      'nan.wav: NaN or infinite sample at frame 3; the file is damaged or was written by a faulty program',
    )
  })

  it('names the frame of an infinite sample, also when streaming', async () => {
    const path = tmp.file('inf.wav', floatWav([0, 0, 0, 0, 0, 0, Number.NEGATIVE_INFINITY, 0]))
    expect((await rejected(decodeAudioFile(path))).message).toContain('at frame 6;')
    const { openAudio } = await import('../../../src-main/audio')
    const reader = await openAudio(path, { blockFrames: 4 })
    expect((await reader.read())?.[0]).toEqual(new Float32Array(4))
    const e = await rejected(reader.read())
    await reader.close()
    expect([e.code, e.message.includes('at frame 6;')]).toEqual(['non-finite', true])
  })

  it('reports a missing file as io', async () => {
    const e = await rejected(probeAudio(`${tmp.dir}/missing.wav`))
    expect(e.code).toBe('io')
    expect(e.message).toBe('missing.wav: file not found; check the path')
  })

  it('reports a folder as io', async () => {
    const e = await rejected(decodeAudioFile(tmp.dir))
    expect(e.code).toBe('io')
    expect(e.message).toContain('this is a folder, not a file')
  })
})
