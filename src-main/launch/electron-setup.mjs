// Whether `npm start` can open Electron's window, decided cheapest first: can a window open here
// at all (a display, not root), is Electron there, did its download fail before (then not again
// until asked), and only then the download.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { downloadElectron, installedElectron } from './electron-download.mjs'
import { unlessFailedBefore } from './failure-memo.mjs'

/**
 * Why Electron's window cannot open here, or null.
 * @param {{ env: NodeJS.ProcessEnv, platform: string, uid: number | undefined }} host
 */
export function electronRefusal({ env, platform, uid }) {
  if (platform !== 'linux') return null
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)'
  }
  // Chromium's sandbox refuses root; turning it off (--no-sandbox) is not something we do.
  if (uid === 0) {
    return (
      'running as root (Electron refuses to run as root unless its sandbox is turned off with ' +
      '--no-sandbox, and this app keeps the sandbox on; run npm start as a normal user)'
    )
  }
  return null
}

/**
 * @typedef {{ say: (message: string) => void, write: (text: string) => void, tty: boolean }} Out
 * @typedef {{ ok: true, path: string, version: string }
 *   | { ok: false, reason: string, message: string }} Prepared
 *   `reason` in a few words ("no display (…)"); `message` the sentences to print
 */

/**
 * Electron's executable, downloading it when missing, or why there is none.
 * @param {{
 *   pkgDir: string,
 *   installDir?: string,
 *   stateDir: string,
 *   env: NodeJS.ProcessEnv,
 *   platform: string,
 *   uid: number | undefined,
 *   retry: boolean,
 *   out: Out,
 *   stallMs?: number,
 * }} o `pkgDir` is node_modules/electron; `installDir` (default: the same) receives dist/ and
 *   path.txt; `stateDir` keeps the remembered failure
 * @returns {Promise<Prepared>}
 */
export async function prepareElectron(o) {
  const refusal = electronRefusal(o)
  if (refusal) {
    return { ok: false, reason: refusal, message: `Electron's window cannot open: ${refusal}.` }
  }
  const pkgJson = join(o.pkgDir, 'package.json')
  if (!existsSync(pkgJson)) {
    const reason = `${o.pkgDir} is missing (run npm install)`
    return { ok: false, reason, message: `Electron is not installed: ${reason}.` }
  }
  const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version
  const override = o.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    // Electron's own setting for a binary kept elsewhere: used as it is, never downloaded.
    const pathTxt = join(o.pkgDir, 'path.txt')
    const path = join(override, existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8') : 'electron')
    if (existsSync(path)) return { ok: true, path, version }
    const reason = `ELECTRON_OVERRIDE_DIST_PATH is set, but ${path} does not exist`
    return { ok: false, reason, message: `${reason}.` }
  }
  const installDir = o.installDir ?? o.pkgDir
  const installed = installedElectron(installDir, version, o.platform)
  if (installed) return { ok: true, path: installed, version }
  const step = `downloading Electron ${version}`
  const memo = { stateDir: o.stateDir, version, step, retry: o.retry, say: o.out.say }
  const got = await unlessFailedBefore(memo, () => downloadElectron({ ...o, installDir, version }))
  return got.ok ? { ok: true, path: got.path, version } : got
}
