// Guarantee 10: one validation for CLI and API. The command line checks its values with the
// contract's own schemas (src-shared/api/schemas.ts): what the API refuses, `scw` refuses as a
// usage error (exit 1) naming the flag, before opening the project or writing anything; and it
// reads numbers only as decimals (no 0x10, no empty strings).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUESTS } from '../../../src-shared/api/schemas'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { writeDcaseCorpus } from '../../helpers/integrity-corpus'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')
const out = join(tmp.dir, 'out')

beforeAll(async () => {
  writeDcaseCorpus(corpus, { perDevice: 2 })
  await scwJson('index', project, corpus, '--labels', 'dcase')
  await scwJson('estimate', project, '--reference', 'a')
}, 60_000)
afterAll(() => tmp.cleanup())

const refused: [string[], RegExp][] = [
  // The audit's cases: minutes of FIR design, and a gain that wrote zeros or failed every file.
  [['export', project, out, '--taps', '4194305'], /--taps 4194305: .*65537/],
  [['export', project, out, '--gain', '1e308'], /--gain 1e308: .*40/],
  [['export', project, out, '--gain=-121'], /--gain -121: .*-120/],
  [['export', project, out, '--taps', '1024'], /--taps 1024: taps must be odd/],
  [['export', project, out, '--taps', '0x10'], /--taps 0x10: expected a whole number/],
  [['export', project, out, '--taps', ''], /--taps '': expected a whole number/],
  [['export', project, out, '--gain', '0x10'], /--gain 0x10: expected a decimal number/],
  [['export', project, out, '--gain', ''], /--gain '': expected a decimal number/],
  [['export', project, out, '--gain', 'Infinity'], /--gain Infinity: expected a decimal number/],
  [['export', project, out, '--devices', ''], /--devices '': /],
  [['export', project, out, '--devices', 'a,,b'], /--devices a,,b: /],
  [['export', project, out, '--format', 'mp3'], /--format mp3: /],
  [['export', project, out, '--workers', '0x2'], /--workers 0x2: expected a whole number/],
  [['export', project, ''], /<out-dir> '': /],
  [['estimate', project, '--seed', '0x10'], /--seed 0x10: expected a whole number/],
  [['estimate', project, '--seed=-1'], /--seed -1: /],
  [['estimate', project, '--reference', ''], /--reference '': /],
  [['estimate', project, '--max-per-device', '0'], /--max-per-device 0: /],
  [['estimate', project, '--smooth', '5'], /--smooth 5: /],
  [['estimate', project, '--max-boost', '1e308'], /--max-boost 1e308: /],
  [['estimate', project, '--variant', 'median'], /--variant median: /],
  [['analyze', project, '--n-fft', '0x800'], /--n-fft 0x800: expected a whole number/],
  [['analyze', project, '--n-fft', '131072'], /--n-fft 131072: /],
  [['analyze', project, '--n-fft', '1000'], /--n-fft 1000: must be a power of two/],
  [['analyze', project, '--hop', '0'], /--hop 0: /],
  [['analyze', project, '--sample-rate', '999'], /--sample-rate 999: /],
  [['analyze', project, '--shard', '6/5'], /--shard 6\/5: expected i\/n/],
  [['fir', project, '--device', 'b', '--taps', '65539'], /--taps 65539: /],
  [
    ['fir', project, '--device', 'b', '--sample-rate', '0x10'],
    /--sample-rate 0x10: expected a whole/,
  ],
  [['fir', project, '--device', '', '--taps', '31'], /--device '': /],
]

describe('values outside the contract', () => {
  for (const [argv, message] of refused) {
    it(`scw ${argv.slice(2).join(' ') || argv[0]} is a usage error`, async () => {
      const r = await scw(...argv)
      expect(r.code, r.err).toBe(1)
      expect(r.err).toMatch(message)
      expect(existsSync(out)).toBe(false)
    })
  }

  it('is the API schema that decides, not a copy: its limits are the ones refused', () => {
    const taps = REQUESTS['export.start'].shape.taps
    expect(taps.safeParse(65537).success).toBe(true)
    expect(taps.safeParse(65539).success).toBe(false)
    const gain = REQUESTS['export.start'].shape.gain
    expect(gain.safeParse(40).success).toBe(true)
    expect(gain.safeParse(40.5).success).toBe(false)
  })

  it('accepts the values at the limits', async () => {
    // (65,537 taps is accepted too, but designing that filter takes a while.)
    const r = await scw('export', project, out, '--taps', '1', '--gain=-120', '--json')
    expect(r.code, r.err).toBe(0)
    const again = await scw('fir', project, '--device', 'b', '--taps', '3', '--sample-rate', '8000')
    expect(again.code, again.err).toBe(0)
  }, 60_000)
})
