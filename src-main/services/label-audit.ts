// The label audit of a project (`scw audit`, the Devices view's Audit panel): suspected mislabels
// from the analysed summaries (label-audit.ts), exact duplicates by content hash, and anomalies
// from the recordings' headers and analysis.
import { join } from 'node:path'
import { auditLabels } from '@shared/dsp/label-audit'
import type {
  AuditAnomaly,
  AuditDuplicate,
  AuditedRecording,
  AuditSuspect,
  LabelAuditReport,
} from '@shared/model/label-audit'
import type { Recording } from '@shared/model/recording'
import { listRecordings } from '../db/recordings-repo'
import { listSources } from '../db/sources-repo'
import { contentHashes } from '../db/summaries-repo'
import { analysedRecords } from './analysed-records'
import type { Project } from './project'

type Labelled = Recording & { device: string }

/**
 * Share of samples at full scale above which a recording is listed as clipped: 1 in 10 000. A
 * few isolated full-scale peaks (2 in 2 s of a generated scene) are not a clipped recording.
 */
export const CLIPPED_FRACTION = 1e-4

/** The value most recordings share, when more than half do (else none: no "rest" to differ from). */
function majority(values: readonly (number | null)[]): number | null {
  const counts = new Map<number, number>()
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1)
  for (const [v, n] of counts) if (2 * n > values.length) return v
  return null
}

const byPath = (a: AuditedRecording, b: AuditedRecording): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0

/** Audits the labels of every readable, labelled recording of `project` (analysed or not). */
export function auditProject(project: Project): LabelAuditReport {
  const key = project.analysisKey()
  const roots = new Map(listSources(project.db).map((s) => [s.id, s.root]))
  const recordings = listRecordings(project.db, key).filter(
    (r): r is Labelled => r.status === 'ok' && r.device !== null,
  )
  const byId = new Map(recordings.map((r) => [r.id, r]))
  const named = (r: Labelled): AuditedRecording => ({
    id: r.id,
    path: join(roots.get(r.sourceId) ?? '', r.relativePath),
    device: r.device,
  })

  const compareWith = (r: Labelled, device: string): AuditedRecording | null => {
    const of = recordings.filter((o) => o.device === device && o.analysis === 'done')
    const same = r.group === null ? undefined : of.find((o) => o.group === r.group)
    return same ? named(same) : (of.map(named).sort(byPath)[0] ?? null)
  }

  const records = analysedRecords(project).filter((r) => byId.has(r.id))
  const suspects: AuditSuspect[] = auditLabels(records, { sampleRate: key.sampleRate })
    .filter((f) => f.suspected)
    .map((f) => ({
      ...named(byId.get(f.id)!),
      bestMatch: f.bestMatch,
      score: Math.round(f.score * 100) / 100,
      method: f.method,
      compareWith: compareWith(byId.get(f.id)!, f.bestMatch),
    }))
    .sort((a, b) => b.score - a.score || byPath(a, b))

  const sameHash = new Map<string, Labelled[]>()
  for (const [id, hash] of contentHashes(project.db, key)) {
    const r = byId.get(id)
    if (r) sameHash.set(hash, [...(sameHash.get(hash) ?? []), r])
  }
  const duplicates: AuditDuplicate[] = [...sameHash.values()]
    .filter((rs) => rs.length > 1)
    .map((rs) => ({
      kind: new Set(rs.map((r) => r.device)).size > 1 ? 'across-devices' : 'within-device',
      recordings: rs.map(named).sort(byPath),
    }))
  duplicates.sort((a, b) => byPath(a.recordings[0], b.recordings[0]))

  const anomalies: AuditAnomaly[] = []
  for (const r of recordings) {
    if (r.analysis === 'silent') {
      anomalies.push({ kind: 'silent', recordings: [named(r)], detail: 'RMS below −100 dBFS' })
    }
    const samples = (r.frames ?? 0) * (r.channels ?? 1)
    if (r.clippedSamples && r.clippedSamples > CLIPPED_FRACTION * samples) {
      anomalies.push({
        kind: 'clipped',
        recordings: [named(r)],
        detail: `${r.clippedSamples} of ${samples} samples at full scale`,
      })
    }
  }
  const devices = new Map<string, Labelled[]>()
  for (const r of recordings) devices.set(r.device, [...(devices.get(r.device) ?? []), r])
  for (const rs of devices.values()) {
    for (const [kind, fact, unit] of [
      ['sample-rate', (r: Labelled) => r.sampleRate, ' Hz'],
      ['channels', (r: Labelled) => r.channels, ' channels'],
    ] as const) {
      const usual = majority(rs.map(fact))
      if (usual === null) continue
      for (const r of rs) {
        const v = fact(r)
        if (v !== null && v !== usual) {
          anomalies.push({
            kind,
            recordings: [named(r)],
            detail: `${v}${unit}; the other recordings of ${r.device}: ${usual}${unit}`,
          })
        }
      }
    }
  }
  const inGroup = new Map<string, Labelled[]>()
  for (const r of recordings) {
    if (r.group === null) continue
    const k = JSON.stringify([r.group, r.device])
    inGroup.set(k, [...(inGroup.get(k) ?? []), r])
  }
  for (const rs of inGroup.values()) {
    if (rs.length < 2) continue
    anomalies.push({
      kind: 'device-twice-in-group',
      recordings: rs.map(named).sort(byPath),
      detail: `${rs[0].device} recorded group ${rs[0].group} ${rs.length} times`,
    })
  }
  anomalies.sort((a, b) => byPath(a.recordings[0], b.recordings[0]) || (a.kind < b.kind ? -1 : 1))
  return { suspects, duplicates, anomalies, recordings: recordings.length, fitted: records.length }
}
