// Builds the app (out/) when it is missing or older than its sources, so `npm start` right after
// `git clone && npm install` (or after a `git pull`) always runs current code.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SOURCES = [
  'src-main',
  'src-shared',
  'src-renderer',
  'electron.vite.config.ts',
  'package.json',
]
const OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
]

/** @param {string} path @returns {number} newest mtime under path (0 when missing) */
function newest(path) {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let t = 0
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)))
  return t
}

/**
 * True when some output is missing or older than the newest source.
 * @param {string} root
 */
export function isStale(root) {
  const sources = Math.max(...SOURCES.map((s) => newest(join(root, s))))
  return OUTPUTS.some((o) => {
    const file = join(root, o)
    return !existsSync(file) || statSync(file).mtimeMs < sources
  })
}

/**
 * Runs `electron-vite build` when stale; throws when the build fails.
 * @param {string} root
 * @param {(message: string) => void} say
 */
export function buildIfStale(root, say) {
  if (!isStale(root)) return
  say('Building the app (out/ is missing or older than the sources)…')
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0)
    throw new Error(`the build failed (electron-vite exited ${r.status ?? r.signal})`)
}
