// The golden corpus' summaries as .npz: read back exactly (float32), and the five-line numpy
// example reproduces the golden unaligned coefficients.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { loadFft } from '@shared/dsp/fft'
import { decodeNpz } from '@shared/io/npz'
import { summariesNpz, type SummariesExport } from '@shared/io/summaries-npz'
import { concatBytes } from '@shared/io/zip'
import { goldenJson, type GoldenCoefficients } from '../../helpers/golden'
import { goldenSummaries } from '../../helpers/golden-summaries'
import { NUMPY, runPython, withNumpy } from '../../helpers/python'

const README = join(import.meta.dirname, '..', '..', '..', 'README.md')

/**
 * The example the README shows under "Summaries for NumPy": its python block, dedented. The test
 * runs exactly what users read.
 */
function readmeExample(): string {
  const text = readFileSync(README, 'utf8')
  const at = text.indexOf('**Summaries for NumPy**')
  const m = /```python\n([\s\S]*?)\n\s*```/.exec(text.slice(at))
  if (at < 0 || !m) throw new Error('README.md: no python example under "Summaries for NumPy"')
  const lines = m[1].split('\n')
  const indent = Math.min(...lines.map((l) => /^ */.exec(l)![0].length))
  return lines.map((l) => l.slice(indent)).join('\n')
}

let records: SummaryRecord[]
let golden: GoldenCoefficients
let data: SummariesExport
beforeAll(async () => {
  await loadFft()
  records = goldenSummaries()
  golden = goldenJson<GoldenCoefficients>('coefficients.json')
  data = {
    sampleRate: 44100,
    nFft: 2048,
    hopLength: 512,
    frequencies: golden.frequencies,
    recordings: records.map((r) => ({
      path: `audio/${r.group}-${r.device}.wav`,
      device: r.device,
      scene: r.group!.split('-')[0],
      group: r.group === 'street-paris-5-50' ? null : r.group,
      frames: r.frames,
      meanLogMagnitude: r.meanLogMagnitude,
      meanMagnitude: r.meanMagnitude,
    })),
  }
}, 60_000)

describe('summaries as .npz', () => {
  it('holds mean_log and mean_mag [recordings × bins] float32, frames and the labels', () => {
    const z = decodeNpz(concatBytes(summariesNpz(data)))
    expect(Object.keys(z)).toEqual([
      'mean_log',
      'mean_mag',
      'frames',
      'frequencies',
      'device',
      'scene',
      'group',
      'path',
      'sample_rate',
      'n_fft',
      'hop_length',
    ])
    expect(z.mean_log.shape).toEqual([records.length, 1025])
    expect(z.mean_log.dtype).toBe('f4')
    const row = 4
    expect((z.mean_log.data as Float32Array).subarray(row * 1025, (row + 1) * 1025)).toEqual(
      Float32Array.from(records[row].meanLogMagnitude),
    )
    expect((z.mean_mag.data as Float32Array)[row * 1025 + 100]).toBe(
      Math.fround(records[row].meanMagnitude[100]),
    )
    expect(Array.from(z.frames.data as Int32Array)).toEqual(records.map((r) => r.frames))
    expect(z.device.data).toEqual(records.map((r) => r.device))
    expect((z.group.data as string[]).filter((g) => g === '')).toHaveLength(
      records.filter((r) => r.group === 'street-paris-5-50').length,
    )
    expect(z.path.data[0]).toBe(`audio/${records[0].group}-${records[0].device}.wav`)
    const bad = { ...data, recordings: [{ ...data.recordings[0], meanMagnitude: [1, 2] }] }
    expect(() => summariesNpz(bad)).toThrow(`${data.recordings[0].path}: its summary has 1025 bins`)
  })

  it.skipIf(!NUMPY.ok)(
    withNumpy("the README's numpy example reproduces the golden unaligned estimate"),
    () => {
      const example = readmeExample()
      expect(example.split('\n')).toHaveLength(5)
      const dir = mkdtempSync(join(tmpdir(), 'scw-summaries-'))
      writeFileSync(join(dir, 'summaries.npz'), concatBytes(summariesNpz(data)))
      const got = runPython<Record<string, number[]>>(
        `import os, sys, json\nos.chdir(sys.argv[1])\n${example}\nprint(json.dumps({d: v.tolist() for d, v in c_db.items()}))`,
        [dir],
      )
      for (const d of ['b', 'c']) {
        const want = golden.unaligned[d].map((g) => 20 * Math.log10(g))
        // The golden tolerance: 1e-3 relative in gain, about 0.0087 dB.
        got[d].forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(0.0087))
      }
      expect(got.a.every((v) => v === 0)).toBe(true)
    },
  )
})
