// better-sqlite3 for Electron's ABI. npm builds better-sqlite3 for Node (tests, CLI, serve use
// that); the app loads a second copy built for Electron from .scw-native/electron-<version>/
// (src-main/fs/native-binding.ts). It is made once, here, in a scratch copy of the package, so the
// Node build in node_modules is never touched: a prebuilt binary if one can be fetched, else a
// node-gyp build against Electron's headers.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, sep } from 'node:path'

/**
 * Where the app looks for the addon (keep in step with src-main/fs/native-binding.ts).
 * @param {string} root @param {string} version
 */
export function electronAddonPath(root, version) {
  return join(root, '.scw-native', `electron-${version}`, 'better_sqlite3.node')
}

/**
 * Makes sure the Electron build of better-sqlite3 exists.
 * @param {string} root the app folder
 * @param {string} version Electron's version
 * @param {(message: string) => void} say
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function ensureElectronSqlite(root, version, say) {
  const target = electronAddonPath(root, version)
  if (existsSync(target)) return { ok: true }
  const source = join(root, 'node_modules', 'better-sqlite3')
  if (!existsSync(source)) return { ok: false, reason: 'better-sqlite3 is not installed' }
  say(`Building better-sqlite3 for Electron ${version} (once; this takes a minute)…`)
  const scratch = mkdtempSync(join(tmpdir(), 'scw-sqlite-'))
  try {
    const pkg = join(scratch, 'better-sqlite3')
    const skip = join(source, 'build')
    cpSync(source, pkg, {
      recursive: true,
      filter: (p) => p !== skip && !p.startsWith(skip + sep),
    })
    const built = join(pkg, 'build', 'Release', 'better_sqlite3.node')
    const attempts = [prebuilt(root, pkg, version), nodeGyp(pkg, version)]
    const failures = []
    for (const attempt of attempts) {
      if (!attempt) continue
      const r = attempt()
      if (r === null && existsSync(built)) {
        mkdirSync(dirname(target), { recursive: true })
        // Copy then rename: an interrupted copy never leaves a half file where the app looks.
        cpSync(built, `${target}.tmp`)
        renameSync(`${target}.tmp`, target)
        return { ok: true }
      }
      failures.push(r ?? 'no addon was produced')
    }
    return { ok: false, reason: failures.join('; ') || 'no way to build it was found' }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * A prebuilt binary from better-sqlite3's releases (no compiler needed), if prebuild-install is
 * there. Each attempt returns null on success or the reason it failed.
 * @param {string} root @param {string} pkg @param {string} version
 * @returns {(() => string | null) | null}
 */
function prebuilt(root, pkg, version) {
  const bin = join(root, 'node_modules', 'prebuild-install', 'bin.js')
  if (!existsSync(bin)) return null
  const args = [bin, '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`]
  return () => run('prebuild-install', process.execPath, args, pkg, process.env)
}

/**
 * node-gyp (shipped with npm) against Electron's headers.
 * @param {string} pkg @param {string} version
 * @returns {(() => string | null) | null}
 */
function nodeGyp(pkg, version) {
  const gyp = nodeGypPath()
  if (!gyp) return () => 'node-gyp was not found (it ships with npm)'
  // npm hands its config to scripts as npm_config_*; a nodedir there (this machine's npmrc sets
  // nodedir=/usr) would make node-gyp build against Node's headers instead of Electron's.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'),
  )
  const args = [
    gyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${version}`,
    `--arch=${process.arch}`,
    '--dist-url=https://electronjs.org/headers',
  ]
  return () => run('node-gyp', process.execPath, args, pkg, env)
}

const NODE_GYP_JS = join('node-gyp', 'bin', 'node-gyp.js')

/** @returns {string | undefined} node-gyp's entry script, from npm's own copy */
function nodeGypPath() {
  const env = process.env
  const candidates = [
    env.npm_config_node_gyp,
    env.npm_execpath && join(dirname(env.npm_execpath), '..', 'node_modules', NODE_GYP_JS),
    // npm bundled with Node: <prefix>/lib/node_modules/npm (Unix) or <prefix>/node_modules/npm
    ...[['..', 'lib'], []].map((up) =>
      join(dirname(process.execPath), ...up, 'node_modules', 'npm', 'node_modules', NODE_GYP_JS),
    ),
  ]
  return candidates.find((c) => c && c.endsWith('.js') && existsSync(c))
}

/**
 * Runs a build step with its output shown; null on success, else a one-line reason.
 * @param {string} name @param {string} cmd @param {string[]} args @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 */
function run(name, cmd, args, cwd, env) {
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (r.status === 0) return null
  if (r.error) return `${name}: ${r.error.message}`
  const lines = (r.stderr ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const err = lines.find((l) => /\berr(or)?\b/i.test(l)) ?? lines.at(-1) ?? `exit ${r.status}`
  return `${name}: ${err}`
}
