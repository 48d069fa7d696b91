// `npm start`: builds the app when needed and opens the workbench on the demo project, in
// Electron's window when Electron can run here, else in browser mode (`scw serve`) with a clear
// note why. Plain JavaScript, so it runs straight after `npm install`, before any build.
//
// Environment:
//   SCW_BROWSER=1          browser mode even where Electron could run
//   SCW_DEMO_DIR=<dir>     the demo's folder (default ${XDG_DATA_HOME:-~/.local/share}/
//                          spectrum-correction-workbench/demo)
//   SCW_STATE_DIR=<dir>    browser mode's state (recent projects; default
//                          ${XDG_STATE_HOME:-~/.local/state}/spectrum-correction-workbench)
//   ELECTRON_OVERRIDE_DIST_PATH, electron_config_cache, ELECTRON_MIRROR
//                          Electron's own settings for where its binary is or comes from
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build.mjs'
import { demoDir } from './demo-dir.mjs'
import { resolveElectron } from './electron-binary.mjs'
import { ensureElectronSqlite } from './electron-native.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
/** @param {string} message */
const say = (message) => console.log(`[scw] ${message}`)

/**
 * Runs a child and exits with its status. On POSIX it gets its own process group, so Ctrl-C
 * reaches it once, through here (twice would make `scw serve` quit without closing the project).
 * @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 */
function runChild(cmd, args, env = process.env) {
  const child = spawn(cmd, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: process.platform !== 'win32',
  })
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => child.kill(signal))
  }
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  child.on('error', (e) => {
    console.error(`[scw] cannot start ${cmd}: ${e.message}`)
    process.exit(1)
  })
}

/** @param {string} why */
function browserMode(why) {
  if (why) say(`${why}. Starting browser mode instead: open the URL below in your web browser.`)
  const project = join(demoDir(), 'demo.scw')
  runChild(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', project, '--open-demo'])
}

/** The reason Electron cannot be used here, or null to try it. */
function electronRefusal() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'There is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)'
  }
  // Chromium refuses to run as root with its sandbox, and the app does not turn the sandbox off.
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    return 'Electron will not run as root with its sandbox on'
  }
  return null
}

function main() {
  try {
    buildIfStale(root, say)
  } catch (e) {
    console.error(`[scw] ${/** @type {Error} */ (e).message}`)
    process.exit(1)
  }
  if (process.env.SCW_BROWSER === '1') return browserMode('SCW_BROWSER=1 is set')
  const electron = resolveElectron(root, say)
  if (!electron.ok) {
    return browserMode(`Electron's binary could not be downloaded (${electron.reason})`)
  }
  const refusal = electronRefusal()
  if (refusal) return browserMode(`${refusal}, so Electron's window cannot open`)
  const sqlite = ensureElectronSqlite(root, electron.version, say)
  if (!sqlite.ok) {
    return browserMode(`better-sqlite3 could not be built for Electron (${sqlite.reason})`)
  }
  // ELECTRON_RUN_AS_NODE (set by some tools) would run the app as a plain Node script.
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE
  runChild(electron.path, [root], env)
}

main()
