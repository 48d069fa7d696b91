// The label audit on a generated corpus of three devices (flat studio, high-pass phone, peaky),
// analysed in process: correctly labelled, nothing is suspected; with one unaligned and one
// aligned recording filed under the wrong device, exactly those two are, each with its true device
// as the best match.
import { beforeAll, describe, expect, it } from 'vitest'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { auditLabels, SUSPECT_MARGIN_DB } from '@shared/dsp/label-audit'
import { loadFft } from '@shared/dsp/fft'
import { analyseRecordings } from '../../helpers/correction-pipeline'
import { auditCorpus, type Corpus } from '../../helpers/device-corpus'

const SETTINGS = { sampleRate: 48000, nFft: 2048, hopLength: 512 }
let corpus: Corpus
let records: SummaryRecord[]

/** The two misfilings: an own scene of phone under peaky, phone's scene-1 in peaky's place. */
function misfile(recs: readonly SummaryRecord[], names: (id: number) => string) {
  const own = recs.find((r) => names(r.id) === 'phone/own-110.wav')!
  const aligned = recs.find((r) => names(r.id) === 'phone/scene-1.wav')!
  const replaced = recs.find((r) => names(r.id) === 'peaky/scene-1.wav')!
  const moved = recs
    .filter((r) => r !== replaced)
    .map((r) => (r === own || r === aligned ? { ...r, device: 'peaky' } : r))
  return { moved, ids: [own.id, aligned.id].sort((a, b) => a - b) }
}

beforeAll(async () => {
  await loadFft()
  corpus = auditCorpus({ durationSec: 2, devices: ['studio', 'phone', 'peaky'] })
  records = analyseRecordings(corpus.recordings, SETTINGS)
}, 120_000)

const nameOf = (id: number): string => corpus.recordings[id].name
const margins = (fits: ReturnType<typeof auditLabels>): string =>
  fits
    .map((f) => `${nameOf(f.id)}→${f.bestMatch} ${f.score.toFixed(2)}`)
    .filter((s) => !s.endsWith(' 0.00'))
    .join(', ')

describe('label audit', () => {
  it('suspects nothing in a correctly labelled corpus', () => {
    const fits = auditLabels(records, { sampleRate: SETTINGS.sampleRate })
    console.log(`clean corpus, recordings another device fits better: ${margins(fits) || 'none'}`)
    expect(fits.filter((f) => f.suspected)).toEqual([])
    expect(fits.filter((f) => f.method === 'aligned').length).toBe(12)
    for (const f of fits) expect(f.score).toBeLessThan(SUSPECT_MARGIN_DB / 2)
  })

  it('suspects exactly the two misfiled recordings, naming their true device', () => {
    const { moved, ids } = misfile(records, nameOf)
    const fits = auditLabels(moved, { sampleRate: SETTINGS.sampleRate })
    console.log(`misfiled corpus: ${margins(fits)}`)
    const suspects = fits.filter((f) => f.suspected)
    expect(suspects.map((f) => f.id).sort((a, b) => a - b)).toEqual(ids)
    for (const s of suspects) {
      expect(s).toMatchObject({ device: 'peaky', bestMatch: 'phone' })
      expect(s.score).toBeGreaterThan(2 * SUSPECT_MARGIN_DB)
    }
    expect(suspects.map((s) => s.method).sort()).toEqual(['aligned', 'device-mean'])
  })

  it('tells apart devices that differ by a peak and a dip only, within a group', () => {
    // studio (flat) and peaky (+9 dB at 2.5 kHz, −6 dB at 8 kHz) swapped in group scene-2: the
    // ratio to phone's recording of the same moment cancels the content.
    const a = records.find((r) => nameOf(r.id) === 'studio/scene-2.wav')!
    const b = records.find((r) => nameOf(r.id) === 'peaky/scene-2.wav')!
    const moved = records.map((r) =>
      r === a ? { ...r, device: 'peaky' } : r === b ? { ...r, device: 'studio' } : r,
    )
    const fits = auditLabels(moved, { sampleRate: SETTINGS.sampleRate })
    console.log(`studio/peaky swap: ${margins(fits)}`)
    const suspects = fits.filter((f) => f.suspected)
    expect(suspects.map((f) => [f.id, f.bestMatch])).toEqual([
      [a.id, 'studio'],
      [b.id, 'peaky'],
    ])
  })

  it('compares a low-rate recording only on the bands it covers', () => {
    // The 16 kHz files of `mixed` have nothing above 7.2 kHz; they must not look like a low-pass.
    const c = auditCorpus({ durationSec: 2, devices: ['studio', 'dark', 'mixed'] })
    const fits = auditLabels(analyseRecordings(c.recordings, SETTINGS), SETTINGS)
    expect(fits.filter((f) => f.suspected)).toEqual([])
  }, 120_000)

  it('names bad options', () => {
    expect(() => auditLabels(records, { sampleRate: 0 })).toThrow(/sampleRate=0/)
    expect(() => auditLabels(records, { sampleRate: 48000, marginDb: -1 })).toThrow(/marginDb=-1/)
    expect(auditLabels([], { sampleRate: 48000 })).toEqual([])
  })
})
