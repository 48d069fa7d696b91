// The Devices view: per-device counts and mean spectra, and the device × group coverage.
import type { CoverageView, DevicesView } from '@shared/api/views'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { loadSummaryRecords } from '../db/summaries-repo'
import type { Project } from '../services/project'

const DB_PER_NEPER = 20 / Math.LN10
/** Groups listed one by one in the coverage matrix. */
const SAMPLE_GROUPS = 60

export function devicesOverview(project: Project): Omit<DevicesView, 'coverage'> {
  const key = project.analysisKey()
  const stats = project.db
    .prepare(
      `SELECT r.device, count(*) AS recordings, coalesce(sum(r.duration_sec), 0) AS seconds,
         sum(s.status = 'done') AS analysed, sum(s.status IN ('silent', 'failed')) AS excluded
       FROM recordings r LEFT JOIN summaries s ON s.recording_id = r.id AND s.n_fft = @nFft
         AND s.hop = @hop AND s.sample_rate = @sampleRate AND s.size = r.size AND s.mtime_ms = r.mtime_ms
       WHERE r.status = 'ok' AND r.device IS NOT NULL GROUP BY r.device ORDER BY r.device`,
    )
    .all(key) as {
    device: string
    recordings: number
    seconds: number
    analysed: number | null
    excluded: number | null
  }[]
  const sums = new Map<string, { sum: Float64Array; n: number }>()
  for (const r of loadSummaryRecords(project.db, key)) {
    let acc = sums.get(r.device)
    if (!acc) sums.set(r.device, (acc = { sum: new Float64Array(r.meanLogMagnitude.length), n: 0 }))
    for (let k = 0; k < acc.sum.length; k++) acc.sum[k] += r.meanLogMagnitude[k]
    acc.n++
  }
  return {
    frequencies: Array.from(fftFrequencies({ sampleRate: key.sampleRate, nFft: key.nFft })),
    devices: stats.map((s) => ({ ...s, analysed: s.analysed ?? 0, excluded: s.excluded ?? 0 })),
    spectraDb: Object.fromEntries(
      [...sums].map(([d, { sum, n }]) => [d, Array.from(sum, (v) => (v / n) * DB_PER_NEPER)]),
    ),
  }
}

export function coverageOf(project: Project): CoverageView {
  const rows = project.db
    .prepare(
      "SELECT grp, device FROM recordings WHERE status = 'ok' AND grp IS NOT NULL AND device IS NOT NULL ORDER BY grp, device",
    )
    .all() as { grp: string; device: string }[]
  const groups = new Map<string, Set<string>>()
  for (const r of rows) {
    let set = groups.get(r.grp)
    if (!set) groups.set(r.grp, (set = new Set()))
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
