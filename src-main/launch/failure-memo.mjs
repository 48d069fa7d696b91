// Remembers why setting up Electron failed (its download, or better-sqlite3 built for it), so
// that `npm start` does not spend a minute failing the same way on every run. One JSON file in
// the app's state folder; a new Electron version, `--retry-electron` or SCW_RETRY_ELECTRON=1
// tries again.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const RETRY_HINT = 'npm start -- --retry-electron (or SCW_RETRY_ELECTRON=1 npm start)'

/**
 * @typedef {{ version: string, step: string, reason: string, time: string }} Failure
 *   `step` says what failed ("downloading Electron 42.11.18"), `time` is ISO 8601 UTC
 * @typedef {{ ok: false, reason: string, message: string }} Refused
 */

/** @param {string} stateDir */
export function failureFile(stateDir) {
  return join(stateDir, 'electron-failure.json')
}

/**
 * The remembered failure for this Electron version, or null (none, another version, or a file
 * this launcher did not write: that is said and ignored).
 * @param {string} stateDir @param {string} version @param {(message: string) => void} say
 * @returns {Failure | null}
 */
export function readFailure(stateDir, version, say) {
  const file = failureFile(stateDir)
  let text
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return null
  }
  try {
    const f = JSON.parse(text)
    for (const key of ['version', 'step', 'reason', 'time']) {
      if (typeof f[key] !== 'string') throw new Error(key)
    }
    return f.version === version ? f : null
  } catch {
    say(`Ignoring ${file}: it is not a failure record this launcher wrote.`)
    return null
  }
}

/** @param {string} stateDir @param {Failure} failure */
export function rememberFailure(stateDir, failure) {
  const file = failureFile(stateDir)
  mkdirSync(stateDir, { recursive: true })
  // Write then rename: a crash never leaves half a record.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(failure, null, 2)}\n`)
  renameSync(`${file}.tmp`, file)
}

/** @param {string} stateDir */
export function forgetFailure(stateDir) {
  rmSync(failureFile(stateDir), { force: true })
}

/** @param {string} s */
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * Runs a setup step unless it failed before for this version and no retry was asked for;
 * remembers its failure, forgets the old one on success.
 * @template {{ ok: true }} T
 * @param {{ stateDir: string, version: string, step: string, retry: boolean,
 *   say: (message: string) => void, now?: () => Date }} o
 * @param {() => Promise<T | { ok: false, reason: string }>} run
 * @returns {Promise<T | Refused>}
 */
export async function unlessFailedBefore(o, run) {
  const file = failureFile(o.stateDir)
  const before = readFailure(o.stateDir, o.version, o.say)
  if (before && !o.retry) {
    const when = before.time.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
    const message =
      `${capital(before.step)} failed on ${when}: ${before.reason}. Not trying again ` +
      `(remembered in ${file}); to retry: ${RETRY_HINT}.`
    return { ok: false, reason: before.reason, message }
  }
  const result = await run()
  if (result.ok) {
    forgetFailure(o.stateDir)
    return result
  }
  const time = (o.now?.() ?? new Date()).toISOString()
  rememberFailure(o.stateDir, { version: o.version, step: o.step, reason: result.reason, time })
  const message =
    `${capital(o.step)} failed: ${result.reason}. Remembered in ${file}, so the next ` +
    `npm start will not try again; to retry: ${RETRY_HINT}.`
  return { ok: false, reason: result.reason, message }
}
