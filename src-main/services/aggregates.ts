// The summaries' aggregates (src-shared/dsp/aggregates.ts) and the Devices view's counts, kept in
// the project file and summed again, in one pass that keeps no spectrum, whenever a source,
// recording or summary has changed since (the recordings revision of migration 3 tells): a
// changed, added or removed summary, a relabelled or changed file are all seen on the next read.
import { createHash } from 'node:crypto'
import { AggregateBuilder } from '@shared/dsp/aggregates'
import { deviceCoverage, deviceStats } from '../db/devices-repo'
import { getAggregates, putAggregates, type StoredAggregates } from '../db/aggregates-repo'
import { recordingsCounter } from '../db/revision-repo'
import { eachSummaryLog, loadSummaryMembers } from '../db/summaries-repo'
import type { Project } from './project'

/** The aggregates at the project's analysis setting, summed again first if they are stale. */
export function summaryAggregates(project: Project): StoredAggregates {
  const { db } = project
  const key = project.analysisKey()
  const stored = getAggregates(db, key)
  if (stored && stored.revision === recordingsCounter(db)) return stored
  // One read transaction: the members, their spectra and the revision are of the same moment.
  const fresh = db.transaction((): StoredAggregates => {
    const revision = recordingsCounter(db)
    const members = loadSummaryMembers(db, key)
    const facts = createHash('sha256')
    for (const m of members) {
      const { id, size, mtime_ms, device, grp } = m
      facts.update(JSON.stringify({ id, size, mtime_ms, device, grp }))
    }
    const builder = new AggregateBuilder(
      members.map((m) => ({ id: m.id, device: m.device, group: m.grp, frames: m.frames })),
      key.nFft / 2 + 1,
    )
    eachSummaryLog(db, key, (id, meanLog) => builder.add(id, meanLog))
    const aggregates = builder.result()
    // The sums too, so that a summary replaced in place (same file, new spectrum) is told apart.
    for (const sums of [aggregates.sumLog, aggregates.pairMeanLog]) {
      facts.update(new Uint8Array(sums.buffer, sums.byteOffset, sums.byteLength))
    }
    const devicesView = { devices: deviceStats(db, key), coverage: deviceCoverage(db) }
    return { revision, facts: facts.digest('hex'), aggregates, devicesView }
  })()
  // Read-only projects sum on every read; a writer stores them for the next reader (a change
  // made meanwhile bumped the revision, so a stale row is summed again, never used).
  if (!db.readonly) putAggregates(db, key, fresh)
  return fresh
}
