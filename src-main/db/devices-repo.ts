import type { Database } from 'better-sqlite3'
import type { CoverageView, DeviceStats } from '@shared/api/views'
import type { AnalysisKey } from './recordings-repo'

/** Groups listed one by one in the coverage matrix. */
const SAMPLE_GROUPS = 60

/** Recordings per device label at the analysis setting `key`, in device order. */
export function deviceStats(db: Database, key: AnalysisKey): DeviceStats[] {
  const rows = db
    .prepare(
      `SELECT r.device, count(*) AS recordings, coalesce(sum(r.duration_sec), 0) AS seconds,
         sum(s.status = 'done') AS analysed, sum(s.status IN ('silent', 'failed')) AS excluded
       FROM recordings r LEFT JOIN summaries s ON s.recording_id = r.id AND s.n_fft = @nFft
         AND s.hop_length = @hopLength AND s.sample_rate = @sampleRate AND s.size = r.size AND s.mtime_ms = r.mtime_ms
       WHERE r.status = 'ok' AND r.device IS NOT NULL GROUP BY r.device ORDER BY r.device`,
    )
    .all(key) as (Omit<DeviceStats, 'analysed' | 'excluded'> & {
    analysed: number | null
    excluded: number | null
  })[]
  return rows.map((s) => ({ ...s, analysed: s.analysed ?? 0, excluded: s.excluded ?? 0 }))
}

/** (alignment group, device) of every readable recording with both labels, in group order. */
function groupDevices(db: Database): { group: string; device: string }[] {
  return db
    .prepare(
      "SELECT grp AS 'group', device FROM recordings WHERE status = 'ok' AND grp IS NOT NULL AND device IS NOT NULL ORDER BY grp, device",
    )
    .all() as { group: string; device: string }[]
}

/** Which devices recorded which alignment groups, among the readable recordings. */
export function deviceCoverage(db: Database): CoverageView {
  const rows = groupDevices(db)
  const groups = new Map<string, Set<string>>()
  for (const r of rows) {
    let set = groups.get(r.group)
    if (!set) groups.set(r.group, (set = new Set()))
    set.add(r.device)
  }
  const devices = [...new Set(rows.map((r) => r.device))].sort()
  const pairs: Record<string, Record<string, number>> = {}
  for (const a of devices) pairs[a] = Object.fromEntries(devices.map((b) => [b, 0]))
  for (const set of groups.values()) {
    for (const a of set) for (const b of set) pairs[a][b]++
  }
  return {
    groups: groups.size,
    pairs,
    sample: [...groups]
      .slice(0, SAMPLE_GROUPS)
      .map(([group, set]) => ({ group, devices: [...set].sort() })),
  }
}
