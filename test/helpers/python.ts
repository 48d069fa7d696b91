// The machine's python3 with numpy, when present: tests that need it skip with the reason.
import { spawnSync } from 'node:child_process'

function probe(): { ok: true; version: string } | { ok: false; reason: string } {
  const r = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], {
    encoding: 'utf8',
  })
  if (r.error) return { ok: false, reason: `python3 not found (${r.error.message})` }
  if (r.status !== 0)
    return { ok: false, reason: `python3 has no numpy (${r.stderr.trim().split('\n').pop()})` }
  return { ok: true, version: r.stdout.trim() }
}

export const NUMPY = probe()

/** A test title that says why the test is skipped when numpy is missing. */
export function withNumpy(title: string): string {
  return NUMPY.ok ? `${title} (numpy ${NUMPY.version})` : `${title} — SKIPPED: ${NUMPY.reason}`
}

/** Runs a Python script with arguments; its stdout parsed as JSON. */
export function runPython<T>(script: string, args: string[] = []): T {
  const r = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as T
}
