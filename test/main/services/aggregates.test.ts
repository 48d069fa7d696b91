// The stored aggregates equal the direct computation on the golden corpus, and follow a summary
// that is changed or removed.
import { describe, expect, it } from 'vitest'
import { estimateFromAggregates, meanLogByDevice } from '@shared/dsp/aggregates'
import { estimateCorrection } from '@shared/dsp/estimate'
import { deviceCoverage, deviceStats } from '../../../src-main/db/devices-repo'
import { toF32Blob } from '../../../src-main/db/blobs'
import { loadSummaryRecords } from '../../../src-main/db/summaries-repo'
import { summaryAggregates } from '../../../src-main/services/aggregates'
import { devicesOverview } from '../../../src-main/services/devices'
import { estimate } from '../../../src-main/services/estimation'
import { DB_PER_NEPER } from '@shared/dsp/units'
import { analysedGoldenProject } from '../../helpers/golden-project'
import { expectSameEstimate } from '../../helpers/estimates'

const golden = analysedGoldenProject()

/** Every estimate and mean spectrum from the aggregates equals the direct computation. */
function expectAggregatesMatchDirect(): void {
  const records = loadSummaryRecords(golden().db, golden().analysisKey())
  const { aggregates } = summaryAggregates(golden())
  for (const variant of ['unaligned', 'aligned', 'dcase2019'] as const) {
    for (const reference of ['a', 'b', 'c']) {
      const direct = estimateCorrection(records, { variant, reference })
      if (variant !== 'dcase2019')
        expectSameEstimate(estimateFromAggregates(aggregates, { variant, reference }), direct)
      const stored = estimate(golden(), { variant, reference, regularization: {} })
      expectSameEstimate({ ...stored, bins: direct.bins }, direct)
      expect([...stored.recordingIds]).toEqual(records.map((r) => r.id))
    }
  }
  const overview = devicesOverview(golden())
  expect(overview.devices).toEqual(deviceStats(golden().db, golden().analysisKey()))
  expect(overview.coverage).toEqual(deviceCoverage(golden().db))
  const spectra = overview.spectraDb
  for (const [device, mean] of meanLogByDevice(aggregates)) {
    const own = records.filter((r) => r.device === device)
    mean.forEach((v, k) => {
      const direct = own.reduce((s, r) => s + r.meanLogMagnitude[k], 0) / own.length
      expect(Math.abs(v - direct)).toBeLessThan(1e-9)
      expect(Math.abs(spectra[device][k] - direct * DB_PER_NEPER)).toBeLessThan(1e-9)
    })
  }
}

describe('stored summary aggregates', () => {
  it('equal the direct computation on the golden corpus, and are stored at the revision', () => {
    expectAggregatesMatchDirect()
    const first = summaryAggregates(golden())
    expect(summaryAggregates(golden()).revision).toBe(first.revision)
    expect(first.aggregates.ids.length).toBe(15)
  })

  it('follow a changed summary', () => {
    const before = summaryAggregates(golden())
    const id = before.aggregates.ids[3]
    const bins = before.aggregates.bins
    golden()
      .db.prepare('UPDATE summaries SET mean_log = ? WHERE recording_id = ?')
      .run(toF32Blob(new Float32Array(bins).fill(-1)), id)
    const after = summaryAggregates(golden())
    expect(after.revision).not.toBe(before.revision)
    expect(after.aggregates.sumLog).not.toEqual(before.aggregates.sumLog)
    expectAggregatesMatchDirect()
  })

  it('follow a removed summary and a relabelled recording', () => {
    const before = summaryAggregates(golden())
    const [removed, moved] = [before.aggregates.ids[0], before.aggregates.ids[5]]
    golden().db.prepare('DELETE FROM summaries WHERE recording_id = ?').run(removed)
    golden().db.prepare("UPDATE recordings SET grp = 'elsewhere' WHERE id = ?").run(moved)
    const after = summaryAggregates(golden())
    expect([...after.aggregates.ids]).not.toContain(removed)
    expect(after.facts).not.toBe(before.facts)
    expect(after.devicesView.coverage.groups).toBe(before.devicesView.coverage.groups + 1)
    expectAggregatesMatchDirect()
  })
})
