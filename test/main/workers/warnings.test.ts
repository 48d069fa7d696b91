// The analyze and export workers hand on what the audio layer found (so that the services can
// store and show it), and a file without audio fails instead of passing as silent.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import { analyzeFile } from '../../../src-main/workers/analyze-file'
import { exportFile, type ExportTask } from '../../../src-main/workers/export-file'
import { chunk, fmt, riff, sampleBytes, tempDir } from '../audio/wav-builder'

const tmp = tempDir()
afterAll(() => tmp.cleanup())
beforeAll(() => loadFft())

const TONE = new Uint8Array(
  readFileSync(fileURLToPath(new URL('../../fixtures/audio/tone-1k-mono.flac', import.meta.url))),
)

/** A mono PCM16 WAV of a tone, `frames` long, whose fmt chunk claims `blockAlign` bytes per frame */
function toneWav(frames: number, blockAlign = 2): Uint8Array {
  const samples = Array.from({ length: frames }, (_, i) => Math.round(8000 * Math.sin(i / 7)))
  return riff([
    fmt({ channels: 1, rate: 8000, bits: 16, blockAlign }),
    chunk('data', sampleBytes('pcm16', [samples])),
  ])
}

/** The FLAC tone with 2,000 bytes in the middle overwritten */
function damagedFlac(): Uint8Array {
  const bytes = TONE.slice()
  for (let i = 8000; i < 10000; i++) bytes[i] = (i * 7919) & 0xff
  return bytes
}

const analyze = (path: string) => analyzeFile({ path, nFft: 512, hopLength: 128, sampleRate: 8000 })
const identity = (inputPath: string, outputPath: string | null): ExportTask => ({
  inputPath,
  outputPath,
  correction: { method: 'fir', fir: new Float64Array([1]), nFft: 512, hopLength: 128 },
  format: 'same',
  gainDb: 0,
})

describe('analyze results carry the warnings', () => {
  it('of a WAV whose block align lies', async () => {
    const r = await analyze(tmp.file('align.wav', toneWav(8000, 3)))
    expect(r.status).toBe('done')
    expect(r.warnings).toEqual([
      {
        code: 'header-mismatch',
        message: 'align.wav: fmt chunk says 3 bytes per frame; using 2 (1 × 16 bits)',
      },
    ])
  })

  it('of a FLAC with damaged frames: analysed, with what was lost', async () => {
    const r = await analyzeFile({
      path: tmp.file('damaged.flac', damagedFlac()),
      nFft: 512,
      hopLength: 128,
      sampleRate: 44100,
    })
    expect(r.status).toBe('done')
    expect(r.warnings.map((w) => w.code)).toEqual(['damaged', 'length-mismatch'])
    expect(r.warnings[0].message).toMatch(/^damaged\.flac: bytes .* are lost$/)
  })

  it("of a file with no audio: failed 'no audio', not silent", async () => {
    const empty = riff([
      fmt({ channels: 1, rate: 8000, bits: 16 }),
      chunk('data', new Uint8Array(0)),
    ])
    const r = await analyze(tmp.file('empty.wav', empty))
    expect(r.status).toBe('failed')
    expect(r.error).toBe('empty.wav: no audio: the data chunk holds 0 bytes, not one 2-byte frame')
    expect(r.warnings).toEqual([])
  })
})

describe('export results carry the warnings', () => {
  it('of a damaged FLAC, written with what was lost', async () => {
    const out = join(tmp.dir, 'damaged-out.wav')
    const r = await exportFile(identity(tmp.file('damaged-export.flac', damagedFlac()), out))
    expect(r.status).toBe('done')
    expect(r.warnings.map((w) => w.code)).toEqual(['damaged', 'length-mismatch'])
  })

  it('once each when a long file is read three times (means, then streaming)', async () => {
    // Longer than the 2^22 frames held in memory: the input is read three times
    const path = tmp.file('long.wav', toneWav((1 << 22) + 1000, 4))
    const r = await exportFile(identity(path, join(tmp.dir, 'long-out.wav')))
    expect(r.status).toBe('done')
    expect(r.warnings).toEqual([
      {
        code: 'header-mismatch',
        message: 'long.wav: fmt chunk says 4 bytes per frame; using 2 (1 × 16 bits)',
      },
    ])
  })

  it('also when the file fails', async () => {
    const bytes = damagedFlac()
    for (let i = 200; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff
    const r = await exportFile(
      identity(tmp.file('ruined.flac', bytes), join(tmp.dir, 'ruined.wav')),
    )
    expect(r.status).toBe('failed')
    expect(r.error).toMatch(/^ruined\.flac: no audio: /)
    expect(r.warnings.map((w) => w.code)).toContain('damaged')
  })
})
