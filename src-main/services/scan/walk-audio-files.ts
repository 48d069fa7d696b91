import { InvalidInputError } from '../errors'
import type { Dirent, Stats } from 'node:fs'
import { readdir, readlink, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { isAudioFileName } from './audio-extensions'
import { describeFsError } from '../../fs/fs-error'
import { createLimiter, type Limiter } from '../../jobs/limiter'

/** An audio file found by the walk. */
export interface FoundFile {
  /** Absolute path, through the root as given (links not resolved). */
  path: string
  /** Relative to the root, '/' separators. */
  relativePath: string
  /** Bytes. */
  size: number
  mtimeMs: number
}

/** A folder or file the walk could not read, and why; the walk goes on without it. */
export interface WalkIssue {
  path: string
  error: string
}

/** Options of `walkAudioFiles`. */
export interface WalkOptions {
  signal?: AbortSignal
  /** Called with the number of audio files found so far, after each folder. */
  onProgress?: (found: number) => void
}

// fs calls in flight; enough to keep libuv's thread pool busy without flooding it.
const CONCURRENCY = 64

interface Folder {
  path: string
  relativePath: string
}

interface Candidate extends Folder {
  viaLink: boolean
  key: string
}

const byRelativePath = (a: { relativePath: string }, b: { relativePath: string }): number =>
  a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0

// A real directory is identified by device and inode, whatever path leads to it.
const folderKey = (s: Stats): string => `${s.dev}:${s.ino}`

async function statRoot(root: string): Promise<Stats> {
  let s: Stats
  try {
    s = await stat(root)
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new InvalidInputError(`${root}: no such folder; check the path`, { cause: e })
    }
    throw new InvalidInputError(`${root}: cannot open the folder: ${describeFsError(e)}`, {
      cause: e,
    })
  }
  if (!s.isDirectory()) {
    throw new InvalidInputError(
      `${root}: not a folder; choose the folder that holds the audio files`,
    )
  }
  return s
}

/**
 * Recursively lists audio files under root by extension (.wav .wave .flac .mp3 .ogg .oga, any
 * case), skipping hidden files and folders (leading '.'), following symbolic links to folders
 * and files but never entering a folder twice (device+inode of the real directory). Reported as
 * issues, and gone on from: unreadable folders and files, dangling links, links that loop back
 * to a folder above them, and names that are not valid UTF-8 (which no path string can name).
 * Sorted by relativePath.
 */
export async function walkAudioFiles(
  root: string,
  options: WalkOptions = {},
): Promise<{ files: FoundFile[]; issues: WalkIssue[] }> {
  const { signal, onProgress } = options
  signal?.throwIfAborted()
  const rootPath = resolve(root)
  // Real folder → the relative path that claimed it first.
  const visited = new Map([[folderKey(await statRoot(rootPath)), '']])
  const limit = createLimiter(CONCURRENCY, signal)
  const files: FoundFile[] = []
  const issues: WalkIssue[] = []
  // Breadth first, one level at a time, so which path claims a folder reached twice is
  // deterministic: real folders before links, then by relative path.
  let level: Folder[] = [{ path: rootPath, relativePath: '' }]
  while (level.length > 0) {
    const found: Candidate[] = []
    await Promise.all(
      level.map(async (folder) => {
        await listFolder(folder, { limit, signal, files, found, issues })
        onProgress?.(files.length)
      }),
    )
    signal?.throwIfAborted()
    found.sort((a, b) => Number(a.viaLink) - Number(b.viaLink) || byRelativePath(a, b))
    level = []
    for (const c of found) {
      const claimed = visited.get(c.key)
      if (claimed === undefined) {
        visited.set(c.key, c.relativePath)
        level.push(c)
      } else if (c.viaLink && isAncestor(claimed, c.relativePath)) {
        issues.push({
          path: c.path,
          error: `the symbolic link loops back to ${claimed ? join(rootPath, claimed) : rootPath}, a folder above it; its files are listed once, from there. Remove the link`,
        })
      }
    }
  }
  files.sort(byRelativePath)
  issues.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files, issues }
}

interface WalkState {
  limit: Limiter
  signal: AbortSignal | undefined
  files: FoundFile[]
  /** Folders found on this level, claimed once the level is listed. */
  found: Candidate[]
  issues: WalkIssue[]
}

const isAncestor = (above: string, below: string): boolean =>
  above === '' || below.startsWith(`${above}/`)

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Names of `folder` that are not valid UTF-8 (read again as bytes; Node gave them as U+FFFD),
 * as the lossy names to skip, each reported with its bytes.
 */
async function undecodableNames(folder: Folder, state: WalkState): Promise<Set<string>> {
  const lossy = new Set<string>()
  const raw = await state.limit.run(() => readdir(folder.path, { encoding: 'buffer' }))
  for (const bytes of raw) {
    try {
      UTF8.decode(bytes)
      continue
    } catch {
      // Not UTF-8: reported below.
    }
    const name = bytes.toString('utf8')
    lossy.add(name)
    if (name.startsWith('.')) continue
    const shown = Array.from(bytes, (b) =>
      b >= 0x20 && b < 0x7f
        ? String.fromCharCode(b)
        : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join('')
    state.issues.push({
      path: join(folder.path, shown),
      error:
        'the name is not valid UTF-8, so it cannot be indexed; rename it in UTF-8 (e.g. `convmv -f latin1 -t utf8 --notest -r <folder>`)',
    })
  }
  return lossy
}

/** Why a link or file could not be followed, naming the link's target when there is one. */
async function describeEntryError(path: string, isLink: boolean, e: unknown): Promise<string> {
  const code = (e as { code?: unknown }).code
  if (isLink && (code === 'ENOENT' || code === 'ELOOP')) {
    const target = await readlink(path).catch(() => '?')
    return code === 'ENOENT'
      ? `the symbolic link points to ${target}, which does not exist; fix or remove the link`
      : `the symbolic link ${target} loops (links pointing at each other); fix or remove it`
  }
  return describeFsError(e)
}

async function listFolder(folder: Folder, state: WalkState): Promise<void> {
  const { limit, signal, files, found, issues } = state
  let entries: Dirent[]
  try {
    entries = await limit.run(() => readdir(folder.path, { withFileTypes: true }))
  } catch (e) {
    if (signal?.aborted) throw signal.reason
    issues.push({ path: folder.path, error: `cannot list the folder: ${describeFsError(e)}` })
    return
  }
  const lossy = entries.some((e) => e.name.includes('\uFFFD'))
    ? await undecodableNames(folder, state)
    : undefined
  await Promise.all(
    entries.map(async (entry) => {
      const name = entry.name
      if (name.startsWith('.') || lossy?.has(name)) return
      const isLink = entry.isSymbolicLink()
      const isDir = entry.isDirectory()
      const audio = isAudioFileName(name)
      // Plain files that are not audio, and fifos, sockets and devices, need no stat call.
      if (!isLink && !isDir && !(entry.isFile() && audio)) return
      const path = join(folder.path, name)
      const relativePath = folder.relativePath === '' ? name : `${folder.relativePath}/${name}`
      let s: Stats
      try {
        s = await limit.run(() => stat(path))
      } catch (e) {
        if (signal?.aborted) throw signal.reason
        issues.push({ path, error: await describeEntryError(path, isLink, e) })
        return
      }
      if (s.isDirectory()) {
        found.push({ path, relativePath, viaLink: isLink, key: folderKey(s) })
      } else if (s.isFile() && audio) {
        files.push({ path, relativePath, size: s.size, mtimeMs: s.mtimeMs })
      }
    }),
  )
}
