import { chmod, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIO_EXTENSIONS, walkAudioFiles } from '../../../src-main/services/scan'

let tmp: string

async function tree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel)
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, content)
  }
}

const rels = (r: { files: { relativePath: string }[] }): string[] =>
  r.files.map((f) => f.relativePath)

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'scw-walk-'))
})

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

describe('walkAudioFiles', () => {
  it('lists audio files in nested folders, sorted, skipping hidden and non-audio files', async () => {
    const root = join(tmp, 'nested')
    await tree(root, {
      'b/x.wav': 'abc',
      'a/deep/er/y.FLAC': 'abcdef',
      'a/z.Mp3': '',
      'a/z.ogg': '',
      'a/z.oga': '',
      'a/z.wave': '',
      'top.WAV': '',
      'notes.txt': '',
      'a/cover.jpg': '',
      'a/wav': '',
      'a/.hidden.wav': '',
      '.cache/in-hidden.wav': '',
      'a/.git/objects/o.wav': '',
    })
    const result = await walkAudioFiles(root)
    expect(rels(result)).toEqual([
      'a/deep/er/y.FLAC',
      'a/z.Mp3',
      'a/z.oga',
      'a/z.ogg',
      'a/z.wave',
      'b/x.wav',
      'top.WAV',
    ])
    expect(result.issues).toEqual([])
    const x = result.files.find((f) => f.relativePath === 'b/x.wav')
    expect(x?.path).toBe(join(root, 'b', 'x.wav'))
    expect(x?.size).toBe(3)
    expect(x?.mtimeMs).toBeGreaterThan(0)
    expect(result.files.find((f) => f.relativePath === 'a/deep/er/y.FLAC')?.size).toBe(6)
  })

  it('has the documented extensions', () => {
    expect(AUDIO_EXTENSIONS).toEqual(['.wav', '.wave', '.flac', '.mp3', '.ogg', '.oga'])
  })

  it('survives a folder holding a link to its parent, listing each file once and the loops', async () => {
    const root = join(tmp, 'loop')
    await tree(root, { 'a/one.wav': '', 'a/b/two.wav': '' })
    await symlink('..', join(root, 'a/b/up'))
    await symlink(root, join(root, 'a/self'))
    const result = await walkAudioFiles(root)
    expect(rels(result)).toEqual(['a/b/two.wav', 'a/one.wav'])
    expect(result.issues).toEqual([
      {
        path: join(root, 'a/b/up'),
        error: `the symbolic link loops back to ${join(root, 'a')}, a folder above it; its files are listed once, from there. Remove the link`,
      },
      {
        path: join(root, 'a/self'),
        error: `the symbolic link loops back to ${root}, a folder above it; its files are listed once, from there. Remove the link`,
      },
    ])
  })

  it('follows links to files and folders outside the root, preferring real paths', async () => {
    const outside = join(tmp, 'outside')
    await tree(outside, { 'far.wav': 'x', 'dir/inner.mp3': '' })
    const root = join(tmp, 'links')
    await tree(root, { 'real/r.wav': '' })
    await symlink(join(outside, 'far.wav'), join(root, 'linked.wav'))
    await symlink(join(outside, 'dir'), join(root, 'dirlink'))
    // A link beside the folder it points to: the folder is listed once, by its real path.
    await symlink('real', join(root, 'alias'))
    await symlink(join(outside, 'far.wav'), join(root, 'real/not-audio.txt'))
    const result = await walkAudioFiles(root)
    expect(rels(result)).toEqual(['dirlink/inner.mp3', 'linked.wav', 'real/r.wav'])
    expect(result.files[1]).toMatchObject({ path: join(root, 'linked.wav'), size: 1 })
  })

  it('reports broken links and goes on', async () => {
    const root = join(tmp, 'broken')
    await tree(root, { 'ok.wav': '' })
    await symlink(join(tmp, 'nowhere.wav'), join(root, 'gone.wav'))
    const result = await walkAudioFiles(root)
    expect(rels(result)).toEqual(['ok.wav'])
    expect(result.issues).toEqual([
      {
        path: join(root, 'gone.wav'),
        error: `the symbolic link points to ${join(tmp, 'nowhere.wav')}, which does not exist; fix or remove the link`,
      },
    ])
  })

  it('reports an unreadable folder and lists the rest', async () => {
    const root = join(tmp, 'locked')
    await tree(root, { 'open/a.wav': '', 'shut/b.wav': '' })
    await chmod(join(root, 'shut'), 0o000)
    try {
      // Root (and CAP_DAC_OVERRIDE) reads through mode 000, so only then is nothing reported.
      const blocked = await readdir(join(root, 'shut')).then(
        () => false,
        () => true,
      )
      const result = await walkAudioFiles(root)
      if (blocked) {
        expect(rels(result)).toEqual(['open/a.wav'])
        expect(result.issues).toEqual([
          {
            path: join(root, 'shut'),
            error: 'cannot list the folder: permission denied; check its permissions (EACCES)',
          },
        ])
      } else {
        expect(rels(result)).toEqual(['open/a.wav', 'shut/b.wav'])
      }
    } finally {
      await chmod(join(root, 'shut'), 0o755)
    }
  })

  it('stops when aborted, before or during the walk', async () => {
    const root = join(tmp, 'abort')
    await tree(root, { 'a/1.wav': '', 'a/b/2.wav': '', 'a/b/c/3.wav': '' })
    await expect(walkAudioFiles(root, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    })
    const controller = new AbortController()
    const progress: number[] = []
    const walk = walkAudioFiles(root, {
      signal: controller.signal,
      onProgress: (n) => {
        progress.push(n)
        controller.abort(new Error('stopped by the test'))
      },
    })
    await expect(walk).rejects.toThrow('stopped by the test')
    expect(progress).toEqual([0])
  })

  it('reports progress as files are found', async () => {
    const root = join(tmp, 'progress')
    await tree(root, { 'x.wav': '', 'a/y.wav': '', 'a/b/z.wav': '' })
    const progress: number[] = []
    await walkAudioFiles(root, { onProgress: (n) => progress.push(n) })
    expect(progress).toEqual([1, 2, 3])
  })

  it('refuses a root that is missing or not a folder', async () => {
    const missing = join(tmp, 'x', 'y')
    await expect(walkAudioFiles(missing)).rejects.toThrow(
      `${missing}: no such folder; check the path`,
    )
    const file = join(tmp, 'file.wav')
    await writeFile(file, '')
    await expect(walkAudioFiles(file)).rejects.toThrow(
      `${file}: not a folder; choose the folder that holds the audio files`,
    )
  })
})
