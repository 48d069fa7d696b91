// The summaries' aggregates (src-shared/dsp/aggregates.ts) and the Devices view's counts, kept in
// the project file and summed again, in one pass that keeps no spectrum, whenever a source,
// recording or summary has changed since (the recordings revision of migration 4 tells): a
// changed, added or removed summary, a relabelled or changed file are all seen on the next read.
import { createHash } from 'node:crypto'
import { AggregateBuilder, Dcase2019Builder, type AggregateMember } from '@shared/dsp/aggregates'
import type { CorrectionEstimate } from '@shared/dsp/estimate'
import { deviceCoverage, deviceStats } from '../db/devices-repo'
import { getAggregates, putAggregates, type StoredAggregates } from '../db/aggregates-repo'
import { recordingsCounter } from '../db/revision-repo'
import {
  eachSummarySpectrum,
  loadSummaryMembers,
  type SummaryMemberRow,
} from '../db/summaries-repo'
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
    const builder = new AggregateBuilder(members.map(memberOf), key.nFft / 2 + 1)
    eachSummarySpectrum(db, key, 'meanLog', (id, meanLog) => builder.add(id, meanLog))
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

const memberOf = (m: SummaryMemberRow): AggregateMember => ({
  id: m.id,
  device: m.device,
  group: m.grp,
  frames: m.frames,
})

/**
 * The dcase2019 estimate towards `reference` without a subset, streaming the mean magnitude
 * spectra (the reference's first) instead of loading them all; undefined when a device has
 * several recordings in one group (then only the direct computation gives it).
 */
export function streamedDcase2019(
  project: Project,
  stored: StoredAggregates,
  reference: string,
): CorrectionEstimate | undefined {
  const { db } = project
  const key = project.analysisKey()
  return db.transaction((): CorrectionEstimate | undefined => {
    // Read in the transaction, the members are those the aggregates were summed from unless
    // something changed since; then the aggregates are summed again first.
    if (recordingsCounter(db) !== stored.revision) return undefined
    const members = loadSummaryMembers(db, key).map(memberOf)
    if (!Dcase2019Builder.supports(members, reference)) return undefined
    const builder = new Dcase2019Builder(stored.aggregates, members, reference)
    const visit = (only: boolean) => (id: number, mag: Float32Array) =>
      only ? builder.addReference(id, mag) : builder.add(id, mag)
    eachSummarySpectrum(db, key, 'meanMag', visit(true), { only: reference })
    eachSummarySpectrum(db, key, 'meanMag', visit(false), { except: reference })
    return builder.result()
  })()
}
