// Guarantee 11: concurrent runs. Two processes exporting to one folder, or the same job, do
// not both run: the second is refused naming the first (pid, start time); different folders of
// one project run side by side. A job of a live process is never marked interrupted by another
// process; one whose process was killed is. SIGTERM cancels like Ctrl-C; a closed stdout ends
// quietly. Real child processes of the built CLI.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeBenchCorpus } from '../../bench/corpus'
import { scwExec, scwJson, scwProcess, tempFolder } from '../../helpers/cli'
import { doneRowProblems, jobStatuses } from '../../helpers/export-checks'

const FILES = 90
const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')
const LOCK = '.scw-export.lock'

beforeAll(async () => {
  writeBenchCorpus(corpus, FILES)
  await scwJson('index', project, corpus, '--labels', 'dcase')
  await scwJson('estimate', project, '--reference', 'a')
}, 120_000)
afterAll(() => tmp.cleanup())

const wavs = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.wav')) : []

/**
 * Once `dir` holds a first output (the export is under way), stops the process (SIGSTOP), so
 * that it holds its lock and job for as long as the test needs; SIGCONT resumes it.
 */
async function pauseWhenWriting(child: ChildProcess, dir: string): Promise<void> {
  while (wavs(dir).length < 1) {
    if (child.exitCode !== null) throw new Error('the export ended before the test could act')
    await new Promise((r) => setTimeout(r, 1))
  }
  child.kill('SIGSTOP')
}

function ended(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })))
}

describe('two exports at once', () => {
  it('refuses a second export to the same folder, naming the first; the first completes', async () => {
    const out = join(tmp.dir, 'same')
    const first = scwProcess('export', project, out, '--workers', '1', '--json')
    const done = ended(first)
    await pauseWhenWriting(first, out)
    const lock = JSON.parse(readFileSync(join(out, LOCK), 'utf8')) as { pid: number }
    expect(lock.pid).toBe(first.pid)
    // The same job, and another project's export into the same folder: both refused.
    const again = await scwExec(['export', project, out, '--json'])
    expect(again.code).toBe(2)
    expect(again.err).toMatch(
      new RegExp(
        `another export \\(of p\\.scw\\) is running \\(pid ${first.pid} on .+, started \\d{4}-`,
      ),
    )
    const other = join(tmp.dir, 'other.scw')
    await scwJson('index', other, corpus, '--labels', 'dcase')
    await scwJson('estimate', other, '--reference', 'b')
    const foreign = await scwExec(['export', other, out])
    expect(foreign.code).toBe(2)
    expect(foreign.err).toMatch(/another export \(of p\.scw\) is running/)
    // Opening the project meanwhile leaves the running job alone.
    await scwExec(['analyze', project])
    expect(Object.values(jobStatuses(project))).toContain('running')
    first.kill('SIGCONT')
    const r = await done
    expect(r.code, r.err).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({ written: FILES, failed: [] })
    expect(existsSync(join(out, LOCK))).toBe(false)
    expect(doneRowProblems(project, out)).toEqual([])
  }, 120_000)

  it('runs exports of one project into two folders side by side', async () => {
    const a = join(tmp.dir, 'side-a')
    const b = join(tmp.dir, 'side-b')
    const [ra, rb] = await Promise.all([
      scwExec(['export', project, a, '--workers', '1', '--json']),
      scwExec(['export', project, b, '--workers', '1', '--gain=-3', '--json']),
    ])
    expect(ra.code, ra.err).toBe(0)
    expect(rb.code, rb.err).toBe(0)
    expect(wavs(a)).toHaveLength(FILES)
    expect(wavs(b)).toHaveLength(FILES)
    expect(doneRowProblems(project, a)).toEqual([])
    expect(doneRowProblems(project, b)).toEqual([])
  }, 120_000)

  it('takes over the lock and the job of a killed export, and marks that job interrupted', async () => {
    const out = join(tmp.dir, 'killed')
    const child = scwProcess('export', project, out, '--workers', '1')
    const gone = ended(child)
    await pauseWhenWriting(child, out)
    child.kill('SIGKILL')
    await gone
    expect(existsSync(join(out, LOCK))).toBe(true)
    expect(Object.values(jobStatuses(project))).toContain('running')
    await scwExec(['analyze', project]) // any command that opens the project
    expect(Object.values(jobStatuses(project))).not.toContain('running')
    expect(Object.values(jobStatuses(project))).toContain('interrupted')
    const r = await scwExec(['export', project, out, '--workers', '1', '--json'])
    expect(r.code, r.err).toBe(0)
    expect(existsSync(join(out, LOCK))).toBe(false)
    expect(wavs(out)).toHaveLength(FILES)
    expect(doneRowProblems(project, out)).toEqual([])
  }, 120_000)
})

describe('signals and pipes', () => {
  it('cancels on SIGTERM as on Ctrl-C: job cancelled, nothing half-written, lock released', async () => {
    const out = join(tmp.dir, 'sigterm')
    const child = scwProcess('export', project, out, '--workers', '1')
    const done = ended(child)
    await pauseWhenWriting(child, out)
    child.kill('SIGTERM') // delivered when it runs again
    child.kill('SIGCONT')
    const r = await done
    expect(r.code).toBe(3)
    expect(r.err).toMatch(/SIGTERM: cancelling/)
    expect(r.out).toMatch(/cancelled; run again to resume/)
    expect(existsSync(join(out, LOCK))).toBe(false)
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([])
    const statuses = Object.values(jobStatuses(project))
    expect(statuses).toContain('cancelled')
    expect(statuses).not.toContain('running')
  }, 120_000)

  it('ends quietly when the reader of its output goes away (`| head`)', async () => {
    // 65,537 lines of FIR taps; the reader takes the first chunk and closes the pipe.
    const child = scwProcess('fir', project, '--device', 'b', '--taps', '65537')
    let err = ''
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout?.once('data', () => child.stdout?.destroy())
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(err).toBe('')
    expect(code).toBe(0)
  }, 60_000)
})
