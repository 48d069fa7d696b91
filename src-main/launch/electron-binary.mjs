// Finds Electron's binary. Requiring the `electron` package returns its path and, when the binary
// is missing (its postinstall is not approved, so `npm install` never fetched it), downloads it
// synchronously first, throwing when it cannot. That runs in a child process so that the
// download's noise is captured and its reason can be told in one line.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * @param {string} root the app folder (holding node_modules/electron)
 * @param {(message: string) => void} say
 * @returns {{ ok: true, path: string, version: string } | { ok: false, reason: string }}
 */
export function resolveElectron(root, say) {
  const pkgDir = join(root, 'node_modules', 'electron')
  if (!existsSync(join(pkgDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed' }
  }
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version
  if (!existsSync(join(pkgDir, 'path.txt')) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    say(`Electron ${version}'s binary is missing; downloading it once…`)
  }
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  })
  // The path is the last line: a download prints its own note on stdout first.
  const path = r.status === 0 ? (r.stdout.trim().split('\n').pop() ?? '').trim() : ''
  if (path && existsSync(path)) return { ok: true, path, version }
  return { ok: false, reason: reasonOf(`${r.stderr ?? ''}\n${r.stdout ?? ''}`, r.error) }
}

/**
 * The most telling line of a failed download: the first error line that is not electron's
 * generic "failed to install correctly" advice.
 * @param {string} output
 * @param {Error | undefined} error
 */
function reasonOf(output, error) {
  if (error) return error.message
  const lines = output.split('\n').map((l) => l.trim())
  const telling = lines.find(
    (l) =>
      /error|failed|ENOTFOUND|ECONN|EAI_AGAIN/i.test(l) && !/failed to install correctly/.test(l),
  )
  return telling ?? lines.find(Boolean) ?? 'no reason given'
}
