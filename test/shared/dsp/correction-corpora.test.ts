// The default correction on generated corpora like the audit's, on the golden corpus and on the
// demo: corrected in process at each file's own rate, the outputs analysed again, and their
// distance to the reference compared with the uncorrected one (test/bench/correction-figures.ts
// prints the same figures).
import { beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import { POLICY_DEFAULTS } from '@shared/dsp/correction-policy'
import { measureCorpus, type CorpusFigures } from '../../helpers/correction-figures'
import { auditCorpus, demoCorpus, goldenCorpus } from '../../helpers/device-corpus'

const STFT = { nFft: 2048, hopLength: 512 }
const figures: Record<string, CorpusFigures> = {}

beforeAll(async () => {
  await loadFft()
  figures.audit = measureCorpus(auditCorpus({ durationSec: 2 }), { sampleRate: 48000, ...STFT })
  figures.golden = measureCorpus(goldenCorpus(), { sampleRate: 44100, ...STFT })
  figures.demo = measureCorpus(await demoCorpus(), { sampleRate: 44100, ...STFT })
}, 600_000)

const device = (corpus: string, d: string): CorpusFigures['devices'][number] =>
  figures[corpus].devices.find((x) => x.device === d)!

describe.each(['audit', 'golden', 'demo'])('default correction of the %s corpus', (corpus) => {
  it('brings every device closer to the reference, measured on the corrected audio', () => {
    for (const d of figures[corpus].devices) {
      const after = d.methods.defaultPlan.measuredDb
      expect(after, `${d.device}: ${after} dB after, ${d.beforeDb} before`).toBeLessThan(
        0.25 * d.beforeDb,
      )
    }
  })

  it('lands near the STFT path', () => {
    for (const d of figures[corpus].devices) {
      const { defaultPlan, stftRaw } = d.methods
      expect(defaultPlan.measuredDb, d.device).toBeLessThan(stftRaw.measuredDb + 0.3)
    }
  })

  it('predicts the distance after from the summaries within 1 dB of the measured one', () => {
    for (const d of figures[corpus].devices) {
      for (const m of ['defaultPlan', 'stftApplied'] as const) {
        const { predictedDb, measuredDb } = d.methods[m]
        expect(Math.abs(predictedDb - measuredDb), `${d.device} ${m}`).toBeLessThan(1)
      }
    }
  })

  it('exports a FIR per rate that realises its target within the policy’s limits', () => {
    for (const d of figures[corpus].devices) {
      for (const r of d.methods.defaultPlan.perRate) {
        expect(r.kind, `${d.device}@${r.sampleRate}: ${r.reasons.join('; ')}`).toBe('fir')
        expect(r.errorRmsDb!).toBeLessThanOrEqual(POLICY_DEFAULTS.maxRmsErrorDb)
        expect(r.errorMaxDb!).toBeLessThanOrEqual(POLICY_DEFAULTS.maxErrorDb)
      }
    }
  })
})

describe('what the paper-exact FIR does on the same corpora', () => {
  it('misses the steep devices of the audit corpus by far, leaving the phone worse than before', () => {
    const phone = device('audit', 'phone')
    expect(phone.methods.paperFir.measuredDb).toBeGreaterThan(phone.beforeDb)
    for (const d of ['phone', 'dark']) {
      expect(device('audit', d).methods.paperFir.perRate[0].errorRmsDb!, d).toBeGreaterThan(5)
    }
  })

  it('leaves demo b and golden b an order of magnitude further than the default', () => {
    for (const corpus of ['demo', 'golden']) {
      const b = device(corpus, 'b')
      expect(b.methods.paperFir.measuredDb).toBeGreaterThan(0.5)
      expect(b.methods.paperFir.measuredDb).toBeGreaterThan(4 * b.methods.defaultPlan.measuredDb)
    }
  })
})

describe('the audit corpus itself', () => {
  it('has the steep device need more taps, and corrects a mixed-rate device at both rates', () => {
    const phone = device('audit', 'phone')
    expect(phone.bandHz![0]).toBeGreaterThan(60)
    expect(phone.methods.defaultPlan.perRate[0].taps).toBeGreaterThan(1025)
    const mixed = device('audit', 'mixed')
    expect(mixed.methods.defaultPlan.perRate.map((r) => r.sampleRate)).toEqual([16000, 48000])
  })

  it('clips far less with the boosts tapered outside the band than with them held', () => {
    for (const d of figures.audit.devices) {
      if (d.device !== 'phone') expect(d.methods.defaultPlan.clippedSamples, d.device).toBe(0)
    }
    // Held at +62 dB below its band, the phone's correction blows up each file's last samples;
    // tapered, only its in-band boost (+62 dB at 94 Hz) still rings on the step into the zeros.
    const held = measureCorpus(
      auditCorpus({ durationSec: 2, devices: ['studio', 'phone'] }),
      { sampleRate: 48000, ...STFT },
      { methods: ['defaultPlan'], policy: { outside: 'hold' } },
    ).devices[0].methods.defaultPlan.clippedSamples
    const tapered = device('audit', 'phone').methods.defaultPlan.clippedSamples
    expect(held).toBeGreaterThan(1000)
    expect(tapered).toBeLessThan(held / 2)
  })

  it('finds the valid bands where the devices stop carrying signal', () => {
    expect(device('audit', 'dark').bandHz![1]).toBeLessThan(9000)
    expect(device('demo', 'b').bandHz![1]).toBeLessThan(18000)
    // d shares no group with a: no noise verdict, so levels alone set its band.
    expect(device('demo', 'd').bandHz).toEqual([44100 / 2048, 22050])
    expect(device('golden', 'c').bandHz).toEqual([44100 / 2048, 22050])
  })
})
