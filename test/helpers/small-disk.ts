// A small file system for disk-full tests: a size-limited tmpfs mounted on a folder, where this
// process may mount one (root, and a kernel or container that allows it).
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'

export type SmallDisk = { mounted: true; unmount(): void } | { mounted: false; reason: string }

/** Mounts a tmpfs of `bytes` on `dir` (created), or says why it cannot. */
export function mountSmallDisk(dir: string, bytes: number): SmallDisk {
  mkdirSync(dir, { recursive: true })
  if (process.getuid?.() !== 0) return { mounted: false, reason: 'not root: cannot mount' }
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes},mode=0777`, 'tmpfs', dir], {
      stdio: 'pipe',
    })
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim()
    return { mounted: false, reason: `mount refused: ${stderr || (e as Error).message}` }
  }
  return {
    mounted: true,
    unmount: () => execFileSync('umount', [dir], { stdio: 'pipe' }),
  }
}
