import type { Database } from 'better-sqlite3'
import type { DevicesView } from '@shared/api/views'
import type { SummaryAggregates } from '@shared/dsp/aggregates'
import { fromF64Blob, fromI32Blob, toF64Blob, toI32Blob } from './blobs'
import type { AnalysisKey } from './recordings-repo'

/** Aggregates as stored: the recordings revision they were summed at and their facts' digest. */
export interface StoredAggregates {
  revision: number
  facts: string
  aggregates: SummaryAggregates
  /** The Devices view's counts and coverage at the same revision. */
  devicesView: Pick<DevicesView, 'devices' | 'coverage'>
}

interface Row {
  revision: number
  bins: number
  devices: string
  counts: Buffer
  sum_log: Buffer
  pair_segments: Buffer
  pair_recordings: Buffer
  pair_unequal: Buffer
  pair_mean_log: Buffer
  ids: Buffer
  facts: string
  devices_view: string
}

const KEY = 'n_fft = @nFft AND hop_length = @hopLength AND sample_rate = @sampleRate'

export function getAggregates(db: Database, key: AnalysisKey): StoredAggregates | undefined {
  const row = db.prepare(`SELECT * FROM summary_aggregates WHERE ${KEY}`).get(key) as
    Row | undefined
  return (
    row && {
      revision: row.revision,
      facts: row.facts,
      devicesView: JSON.parse(row.devices_view) as StoredAggregates['devicesView'],
      aggregates: {
        bins: row.bins,
        devices: JSON.parse(row.devices) as string[],
        counts: fromI32Blob(row.counts),
        sumLog: fromF64Blob(row.sum_log),
        pairSegments: fromI32Blob(row.pair_segments),
        pairRecordings: fromI32Blob(row.pair_recordings),
        pairUnequal: fromI32Blob(row.pair_unequal),
        pairMeanLog: fromF64Blob(row.pair_mean_log),
        ids: fromI32Blob(row.ids),
      },
    }
  )
}

export function putAggregates(db: Database, key: AnalysisKey, stored: StoredAggregates): void {
  const a = stored.aggregates
  db.prepare(
    `INSERT OR REPLACE INTO summary_aggregates (n_fft, hop_length, sample_rate, revision, bins,
       devices, counts, sum_log, pair_segments, pair_recordings, pair_unequal, pair_mean_log, ids,
       facts, devices_view)
     VALUES (@nFft, @hopLength, @sampleRate, @revision, @bins, @devices, @counts, @sumLog,
       @pairSegments, @pairRecordings, @pairUnequal, @pairMeanLog, @ids, @facts, @devicesView)`,
  ).run({
    ...key,
    revision: stored.revision,
    facts: stored.facts,
    devicesView: JSON.stringify(stored.devicesView),
    bins: a.bins,
    devices: JSON.stringify(a.devices),
    counts: toI32Blob(a.counts),
    sumLog: toF64Blob(a.sumLog),
    pairSegments: toI32Blob(a.pairSegments),
    pairRecordings: toI32Blob(a.pairRecordings),
    pairUnequal: toI32Blob(a.pairUnequal),
    pairMeanLog: toF64Blob(a.pairMeanLog),
    ids: toI32Blob(a.ids),
  })
}
