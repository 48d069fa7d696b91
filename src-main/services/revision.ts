// What the recordings look like now, as one string: the counter that every change of a source,
// recording or summary bumps (in the database, so changes by other processes count too) and the
// analysis setting the rows' states are read at. Whatever is derived from the recordings alone
// is computed once per revision and kept until the next change.
import { recordingsCounter } from '../db/revision-repo'
import type { Project } from './project'

export function recordingsRevision(project: Project): string {
  const { nFft, hopLength, sampleRate } = project.analysisKey()
  return `${recordingsCounter(project.db)}:${nFft}:${hopLength}:${sampleRate}`
}

const memos = new WeakMap<Project, Map<string, { revision: string; value: unknown }>>()

/**
 * `compute(revision)` for the project's current recordings revision: computed on the first call, then
 * the same value until a source, recording, summary or the analysis setting changes. The value
 * is shared between callers: they must not change it.
 */
export function memoByRevision<T>(
  project: Project,
  name: string,
  compute: (revision: string) => T,
): T {
  let memo = memos.get(project)
  if (!memo) memos.set(project, (memo = new Map()))
  const revision = recordingsRevision(project)
  const hit = memo.get(name)
  if (hit?.revision === revision) return hit.value as T
  const value = compute(revision)
  memo.set(name, { revision, value })
  return value
}
