import type { Database } from 'better-sqlite3'
import type { DeviceStats } from '@shared/api/views'
import type { AnalysisKey } from './recordings-repo'

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
export function groupDevices(db: Database): { group: string; device: string }[] {
  return db
    .prepare(
      "SELECT grp AS 'group', device FROM recordings WHERE status = 'ok' AND grp IS NOT NULL AND device IS NOT NULL ORDER BY grp, device",
    )
    .all() as { group: string; device: string }[]
}
