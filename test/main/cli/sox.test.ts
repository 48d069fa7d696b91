// The README's SoX recipe: `scw fir` writes the FIR `scw export` applies, and `sox in.wav out.wav
// fir <file>` applied to a file gives what `scw export` writes for it (sox compensates the
// (taps−1)/2 delay itself and pads with zeros, as export does; export also removes each channel's
// mean first, which the comparison accounts for). Skipped, saying so, where sox is not installed;
// CI installs it (.ci/run).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import { decodeAudioFile } from '../../../src-main/audio'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { auditCorpus, writeCorpus } from '../../helpers/device-corpus'

function probeSox(): { ok: true; version: string } | { ok: false; reason: string } {
  const r = spawnSync('sox', ['--version'], { encoding: 'utf8' })
  if (r.error)
    return { ok: false, reason: `sox not found (${r.error.message}); apt-get install sox` }
  return { ok: true, version: r.stdout.trim().replace(/^sox:\s*/, '') }
}
const SOX = probeSox()
const title = (t: string): string =>
  SOX.ok ? `${t} (${SOX.version})` : `${t} — SKIPPED: ${SOX.reason}`

const tmp = tempFolder()
const folder = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')

beforeAll(async () => {
  await loadFft()
  const devices = ['studio', 'peaky', 'mixed']
  writeCorpus(auditCorpus({ durationSec: 1, alignedGroups: 3, ownScenes: 2, devices }), folder)
  await scwJson('index', project, folder, '--labels', 'folders')
  await scwJson('estimate', project, '--reference', 'studio')
}, 120_000)
afterAll(() => tmp.cleanup())

/**
 * Largest difference between export's output and sox's: export filters x − m (m the channel's
 * mean), sox filters x, so sox's output is export's plus m times the sum of the taps that meet
 * the signal (all of them away from the ends).
 */
function worstDifference(
  exported: Float32Array,
  sox: Float32Array,
  input: Float32Array,
  h: number[],
): number {
  let mean = 0
  for (const v of input) mean += v
  mean /= input.length
  const half = (h.length - 1) / 2
  let worst = 0
  for (let n = 0; n < input.length; n++) {
    let partial = 0
    for (let k = 0; k < h.length; k++) {
      const i = n + half - k
      if (i >= 0 && i < input.length) partial += h[k]
    }
    worst = Math.max(worst, Math.abs(sox[n] - mean * partial - exported[n]))
  }
  return worst
}

describe.skipIf(!SOX.ok)('the README’s sox recipe', () => {
  const cases = [
    { device: 'peaky', file: 'peaky/scene-0.wav', rate: [] as string[] },
    { device: 'mixed', file: 'mixed/own-120.wav', rate: ['--sample-rate', '16000'] },
  ]
  for (const c of cases) {
    it(title(`sox … fir ${c.device}.txt gives what scw export writes (${c.file})`), async () => {
      const txt = join(tmp.dir, `${c.device}.txt`)
      const fir = await scw('fir', project, '--device', c.device, ...c.rate, '--out', txt)
      expect(fir.code, fir.err).toBe(0)
      const h = readFileSync(txt, 'utf8').trim().split('\n').map(Number)
      const out = join(tmp.dir, `export-${c.device}`)
      const report = await scwJson<{
        corrections: { device: string; rates: { sampleRate: number; taps: number }[] }[]
      }>('export', project, out, '--devices', c.device, '--format', 'float32')
      const input = join(folder, c.file)
      const soxOut = join(tmp.dir, `sox-${c.device}.wav`)
      const r = spawnSync('sox', [input, '-e', 'floating-point', '-b', '32', soxOut, 'fir', txt], {
        encoding: 'utf8',
      })
      expect(r.status, r.stderr).toBe(0)
      const original = await decodeAudioFile(input)
      const rate = original.info.sampleRate
      // The FIR written is the one export used at this file's rate.
      const used = report.corrections[0].rates.find((x) => x.sampleRate === rate)!
      expect(h).toHaveLength(used.taps)
      const exported = await decodeAudioFile(join(out, c.file))
      const fromSox = await decodeAudioFile(soxOut)
      expect(fromSox.info.sampleRate).toBe(rate)
      expect(exported.channels).toHaveLength(original.channels.length)
      original.channels.forEach((x, ch) => {
        expect(fromSox.channels[ch]).toHaveLength(x.length)
        const worst = worstDifference(exported.channels[ch], fromSox.channels[ch], x, h)
        expect(worst, `channel ${ch}`).toBeLessThan(1e-5)
      })
    })
  }
})

describe.skipIf(SOX.ok)('the README’s sox recipe', () => {
  it(title('sox … fir gives what scw export writes'), () => {
    expect(SOX.ok).toBe(false)
  })
})

// Not sox's: which rate `scw fir` designs for when none is given. Last in the file, as it moves
// the analysis rate away from the files' rate.
describe('scw fir without --sample-rate', () => {
  it('designs for the device’s files’ own rate, not the analysis rate', async () => {
    const before = await scwJson<{ sampleRate: number; h: number[] }>(
      'fir',
      project,
      '--device',
      'peaky',
      '--json',
    )
    expect(before.sampleRate).toBe(48000)
    // Analysed at 32 kHz, peaky's 48 kHz files still get a 48 kHz FIR: the one export applies.
    await scwJson('analyze', project, '--sample-rate', '32000')
    const e = await scwJson<{ sampleRate: number }>('estimate', project, '--reference', 'studio')
    expect(e.sampleRate).toBe(32000)
    const fir = await scwJson<{ sampleRate: number; h: number[] }>(
      'fir',
      project,
      '--device',
      'peaky',
      '--json',
    )
    expect(fir.sampleRate).toBe(48000)
    const report = await scwJson<{
      corrections: { device: string; rates: { sampleRate: number; taps: number }[] }[]
    }>('export', project, join(tmp.dir, 'export-32k'), '--devices', 'peaky', '--format', 'float32')
    expect(report.corrections[0].rates).toMatchObject([{ sampleRate: 48000, taps: fir.h.length }])
  })
})
