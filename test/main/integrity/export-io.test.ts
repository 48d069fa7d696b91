// Guarantee 6: I/O failures fail files, not batches. A full disk (a small tmpfs where one can be
// mounted, and always through the fault-injecting fs wrapper), names past 255 bytes, folders
// without write permission, unreadable and vanished inputs: each fails that file with a
// readable reason, the rest is written, the manifest is written, the exit code is 3, no
// temporary file is left and the job does not stay `running`. The built CLI runs as a child.
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scwExec, scwJson, tempFolder, unprivilegedUser } from '../../helpers/cli'
import { doneRowProblems, jobStatuses, readManifest } from '../../helpers/export-checks'
import { writeDcaseCorpus, writeWav } from '../../helpers/integrity-corpus'
import { mountSmallDisk } from '../../helpers/small-disk'

const FAULT_FS = join(import.meta.dirname, '../../helpers/fault-fs.mjs')
const tmp = tempFolder()
afterAll(() => tmp.cleanup())

/** Every file under `dir` whose name ends in .partial (temporary files of atomic writes). */
function partials(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.partial'),
  )
}

interface ExportJson {
  written: number
  skipped: number
  failed: { path: string; error: string }[]
  jobId: number
  sidecarError: string | null
}

/** A project over a corpus of 5 recordings × 3 devices (48 kHz stereo 24-bit, 1 s: 288 KB each). */
async function corpusProject(name: string): Promise<{ corpus: string; project: string }> {
  const corpus = join(tmp.dir, name, 'corpus')
  const project = join(tmp.dir, name, 'p.scw')
  writeDcaseCorpus(corpus, { perDevice: 5 })
  await scwJson('index', project, corpus, '--labels', 'dcase')
  await scwJson('estimate', project, '--reference', 'a')
  return { corpus, project }
}

function expectFilesNotBatch(
  project: string,
  out: string,
  r: { code: number | null; out: string; err: string },
): ExportJson {
  expect(r.code, r.out + r.err).toBe(3)
  const j = JSON.parse(r.out) as ExportJson
  expect(j.sidecarError).toBeNull()
  expect(jobStatuses(project)[j.jobId]).toBe('done')
  const manifest = readManifest(out)
  expect(manifest).toHaveLength(j.written + j.skipped + j.failed.length)
  expect(manifest.filter((m) => m.status === 'failed')).toHaveLength(j.failed.length)
  expect(partials(out)).toEqual([])
  expect(doneRowProblems(project, out, j.jobId)).toEqual([])
  return j
}

describe('a full disk', () => {
  // About four outputs fit beside the room kept for the manifest; the other eleven fail.
  const QUOTA = 2 * 1024 * 1024

  const modes: [
    string,
    () => Promise<
      { out: string; nodeArgs: string[]; env: Record<string, string>; done(): void } | string
    >,
  ][] = [
    [
      'a size-limited tmpfs',
      async () => {
        const out = join(tmp.dir, 'tmpfs-out')
        const disk = mountSmallDisk(out, QUOTA)
        if (!disk.mounted) return disk.reason
        return { out, nodeArgs: [], env: {}, done: () => disk.unmount() }
      },
    ],
    [
      'the fault-injecting fs wrapper',
      async () => {
        const out = join(tmp.dir, 'fault-out')
        mkdirSync(out)
        return {
          out,
          nodeArgs: ['--import', FAULT_FS],
          env: { SCW_FAULT_DIR: out, SCW_FAULT_QUOTA: String(QUOTA) },
          done: () => undefined,
        }
      },
    ],
  ]

  for (const [mode, setup] of modes) {
    it(`fails the files that do not fit, writes the rest and the manifest, exit 3 (${mode})`, async (ctx) => {
      const { project } = await corpusProject(mode.replace(/\W+/g, '-'))
      const disk = await setup()
      if (typeof disk === 'string') {
        ctx.skip(`${mode}: ${disk}`)
        return
      }
      try {
        const r = await scwExec(['export', project, disk.out, '--workers', '1', '--json'], disk)
        const j = expectFilesNotBatch(project, disk.out, r)
        expect(j.written).toBeGreaterThan(0)
        expect(j.failed.length).toBeGreaterThan(0)
        for (const f of j.failed) expect(f.error).toMatch(/the disk is full; free some space/)
        expect(r.err).not.toMatch(/ENOSPC: no space left/)
        // Run again on the still full disk: the same files fail, nothing aborts.
        const again = await scwExec(['export', project, disk.out, '--workers', '1', '--json'], disk)
        const k = expectFilesNotBatch(project, disk.out, again)
        expect(k.skipped).toBe(j.written)
      } finally {
        disk.done()
      }
    }, 120_000)
  }
})

describe('names past the file system limit', () => {
  it('a 248-byte name exports; an output name past 255 bytes fails that file alone, on every run', async () => {
    const corpus = join(tmp.dir, 'long', 'corpus')
    const project = join(tmp.dir, 'long', 'p.scw')
    const out = join(tmp.dir, 'long', 'out')
    const stem = (n: number, device: string): string => `park-${'x'.repeat(n - 11)}-0-0-${device}`
    let seed = 1
    for (const d of ['a', 'b']) {
      writeWav(join(corpus, d, `${stem(244, d)}.wav`), { seed: seed++ }) // 248 bytes
      writeWav(join(corpus, d, `park-lyon-1-0-${d}.wav`), { seed: seed++ })
    }
    // `<stem>.wav` and `<stem>.flac` of 251 and 252 bytes: the FLAC becomes `<stem>.flac.wav`, 256.
    writeWav(join(corpus, 'a', `${stem(247, 'a')}.wav`), { seed })
    copyFileSync(
      join(import.meta.dirname, '../../fixtures/audio/tone-1k-mono.flac'),
      join(corpus, 'a', `${stem(247, 'a')}.flac`),
    )
    await scwJson('index', project, corpus, '--labels', 'dcase')
    await scwJson('estimate', project, '--reference', 'a')
    for (let run = 0; run < 2; run++) {
      const r = await scwExec(['export', project, out, '--json'])
      const j = expectFilesNotBatch(project, out, r)
      expect(j.failed).toHaveLength(1)
      expect(j.failed[0].path).toMatch(/\.flac$/)
      expect(j.failed[0].error).toMatch(
        /is 256 bytes long, more than the 255 a file system allows; shorten/,
      )
      expect(j.written + j.skipped).toBe(5)
      expect(existsSync(join(out, 'a', `${stem(244, 'a')}.wav`))).toBe(true)
    }
  }, 60_000)
})

describe('permissions and vanished files', () => {
  it('fails the files it cannot read or write, with the reason, and writes the rest', async () => {
    const user = unprivilegedUser()
    const { corpus, project } = await corpusProject('perm')
    const out = join(tmp.dir, 'perm', 'out')
    mkdirSync(join(out, 'audio', 'vienna'), { recursive: true })
    const unreadable = join(corpus, 'audio', 'lyon', 'park-lyon-2-0-b.wav')
    const vanished = join(corpus, 'audio', 'lyon', 'park-lyon-4-0-c.wav')
    rmSync(vanished)
    if (user) {
      chmodSync(tmp.dir, 0o755) // mkdtemp's folder is private to its owner
      chownRecursive(join(tmp.dir, 'perm'), user)
    }
    chmodSync(unreadable, 0o000)
    chmodSync(join(out, 'audio', 'vienna'), 0o555) // no new files in there
    try {
      const r = await scwExec(['export', project, out, '--json'], user ?? {})
      const j = expectFilesNotBatch(project, out, r)
      const errors = Object.fromEntries(j.failed.map((f) => [f.path.split('/').pop(), f.error]))
      expect(errors['park-lyon-2-0-b.wav']).toMatch(/park-lyon-2-0-b\.wav: permission denied/)
      expect(errors['park-lyon-4-0-c.wav']).toMatch(
        /park-lyon-4-0-c\.wav: gone since it was indexed; rescan/,
      )
      const vienna = j.failed.filter((f) => f.path.includes('/vienna/'))
      expect(vienna).toHaveLength(6)
      for (const f of vienna)
        expect(f.error).toMatch(/permission denied; check its permissions \(EACCES\)/)
      expect(j.written).toBe(15 - 2 - 6)
    } finally {
      chmodSync(join(out, 'audio', 'vienna'), 0o755)
    }
  }, 60_000)
})

function chownRecursive(dir: string, user: { uid: number; gid: number }): void {
  chownSync(dir, user.uid, user.gid)
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    chownSync(join(dir, name), user.uid, user.gid)
  }
}
