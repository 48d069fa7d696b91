// `npm start`: builds the app when needed and opens the workbench on the demo project, in
// Electron's window when Electron can run here, else in browser mode (`scw serve`) with the
// reason why. Plain JavaScript, so it runs straight after `npm install`, before any build.
//
// Arguments: --retry-electron  set up Electron again even though that failed before
// Environment:
//   SCW_BROWSER=1          browser mode even where Electron could run
//   SCW_RETRY_ELECTRON=1   the same as --retry-electron
//   SCW_DEMO_DIR=<dir>     the demo's folder (default ${XDG_DATA_HOME:-~/.local/share}/
//                          spectrum-correction-workbench/demo)
//   SCW_STATE_DIR=<dir>    browser mode's state and the remembered Electron failure (default
//                          ${XDG_STATE_HOME:-~/.local/state}/spectrum-correction-workbench)
//   ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache, electron_use_remote_checksums,
//   force_no_cache, ELECTRON_OVERRIDE_DIST_PATH
//                          Electron's own settings for where its binary comes from or is
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build.mjs'
import { demoDir } from './demo-dir.mjs'
import { electronAddonPath, ensureElectronSqlite } from './electron-native.mjs'
import { prepareElectron } from './electron-setup.mjs'
import { unlessFailedBefore } from './failure-memo.mjs'
import { startOptions } from './start-options.mjs'
import { browserStateDir } from './state-dir.mjs'

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

/** @param {string} why the sentences saying why Electron is not used */
function browserMode(why) {
  say(why)
  say('Starting browser mode instead: open the URL below in your web browser.')
  const project = join(demoDir(), 'demo.scw')
  runChild(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', project, '--open-demo'])
}

async function main() {
  let options
  try {
    options = startOptions(process.argv.slice(2), process.env)
    buildIfStale(root, say)
  } catch (e) {
    console.error(`[scw] ${/** @type {Error} */ (e).message}`)
    process.exit(1)
  }
  if (options.browser) return browserMode('SCW_BROWSER=1 is set, so Electron is not tried.')
  const stateDir = browserStateDir()
  const electron = await prepareElectron({
    pkgDir: join(root, 'node_modules', 'electron'),
    stateDir,
    env: process.env,
    platform: process.platform,
    uid: process.getuid?.(),
    retry: options.retry,
    out: { say, write: (text) => process.stdout.write(text), tty: Boolean(process.stdout.isTTY) },
  })
  if (!electron.ok) return browserMode(electron.message)
  const { version } = electron
  if (!existsSync(electronAddonPath(root, version))) {
    const step = `building better-sqlite3 for Electron ${version}`
    const memo = { stateDir, version, step, retry: options.retry, say }
    const sqlite = await unlessFailedBefore(memo, async () =>
      ensureElectronSqlite(root, version, say),
    )
    if (!sqlite.ok) return browserMode(sqlite.message)
  }
  // ELECTRON_RUN_AS_NODE (set by some tools) would run the app as a plain Node script.
  const env = { ...process.env }
  delete env.ELECTRON_RUN_AS_NODE
  runChild(electron.path, [root], env)
}

await main()
