// Files changed since they were indexed are probed again before analysis or export reads them,
// so that a file replaced by another (another rate, another length) is never read with the old
// facts, nor corrected with a summary or filter made for the old file.
import { stat } from 'node:fs/promises'
import { writeTransaction } from '../db/connection'
import { recordingWriters } from '../db/recordings-repo'
import { runAll } from '../jobs/run-all'
import type { Project } from './project'
import { probeFile } from './scan'

/** An indexed file: where it is and what it measured when indexed. */
export interface IndexedFile {
  id: number
  path: string
  size: number
  mtimeMs: number
}

/** A file probed again, and what changed. */
export interface RefreshedFile {
  path: string
  change: string
  /** Why it cannot be read any more, or null. */
  error: string | null
}

const STATS_IN_FLIGHT = 32
const PROBES_IN_FLIGHT = 16

/**
 * Compares every file's size and modification time with the index and probes the changed ones
 * again, updating their rows (their summaries no longer match, so they are analysed again).
 * Files that are gone are left for the reader to report.
 */
export async function refreshChangedFiles(
  project: Project,
  files: readonly IndexedFile[],
  signal?: AbortSignal,
): Promise<RefreshedFile[]> {
  const changed: { file: IndexedFile; size: number; mtimeMs: number }[] = []
  await runAll(files, STATS_IN_FLIGHT, signal, async (file) => {
    const s = await stat(file.path).catch(() => null)
    if (s && (s.size !== file.size || s.mtimeMs !== file.mtimeMs)) {
      changed.push({ file, size: s.size, mtimeMs: s.mtimeMs })
    }
  })
  if (changed.length === 0) return []
  const probed: ((typeof changed)[number] & Awaited<ReturnType<typeof probeFile>>)[] = []
  await runAll(changed, PROBES_IN_FLIGHT, signal, async (c) => {
    probed.push({ ...c, ...(await probeFile(c.file.path)) })
  })
  const write = recordingWriters(project.db)
  writeTransaction(project.db, () => {
    for (const p of probed) {
      write.update({
        id: p.file.id,
        size: p.size,
        mtimeMs: p.mtimeMs,
        status: p.error ? 'error' : 'ok',
        error: p.error,
        ...p.facts,
      })
    }
  })
  return probed
    .map((p) => ({
      path: p.file.path,
      change: describeChange(p.file, p),
      error: p.error,
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

function describeChange(before: IndexedFile, now: { size: number; mtimeMs: number }): string {
  const parts: string[] = []
  if (before.size !== now.size) parts.push(`size ${before.size} → ${now.size} bytes`)
  if (before.mtimeMs !== now.mtimeMs) {
    parts.push(
      `modified ${new Date(before.mtimeMs).toISOString()} → ${new Date(now.mtimeMs).toISOString()}`,
    )
  }
  return `changed since it was indexed (${parts.join(', ')}); probed again`
}
