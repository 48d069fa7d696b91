// Tests that run the `scw` binary use the built app in out/. Rebuild it when any source is
// newer, so a plain `npx vitest` never tests stale code. (Worker threads started in tests load
// entries bundled by vitest.config.ts.)
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const BUILT = [
  'out/main/cli.js',
  // The end-to-end tests serve the built renderer.
  'out/renderer/index.html',
]

function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

export default function setup(): void {
  const sources = Math.max(
    ...['src-main', 'src-shared', 'src-renderer'].map((dir) => newest(join(ROOT, dir))),
  )
  const built = BUILT.map((f) => join(ROOT, f))
  const stale = built.some((f) => !existsSync(f) || statSync(f).mtimeMs < sources)
  if (stale) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
}
