// Running `scw` in tests: in-process through run() (fast), or as a real process (kill tests).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { run } from '../../src-main/cli/run'

export const CLI = join(import.meta.dirname, '../../out/main/cli.js')

/** Runs scw in this process; resolves with the exit code and what it printed. */
export async function scw(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough()
  const err = new PassThrough() as PassThrough & { isTTY?: boolean }
  let outText = ''
  let errText = ''
  out.on('data', (d: Buffer) => (outText += d.toString()))
  err.on('data', (d: Buffer) => (errText += d.toString()))
  const code = await run(argv, {
    out,
    err: err as unknown as NodeJS.WriteStream,
    signal: new AbortController().signal,
  })
  return { code, out: outText, err: errText }
}

/** Runs `scw … --json` in this process and parses its output; fails the test on a bad exit. */
export async function scwJson<T>(...argv: string[]): Promise<T> {
  return jsonOf<T>(scw, ...argv)
}

/** How a test or bench runs scw: in this process (`scw`) or the built binary (`scwBuilt`). */
export type ScwRunner = (...argv: string[]) => Promise<{ code: number; out: string; err: string }>

/** Runs the built scw binary (out/main/cli.js) to its end, e.g. from a tsx bench script. */
export function scwBuilt(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = scwProcess(...argv)
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }))
  })
}

/** `runner(... argv, '--json')` parsed; throws on a bad exit. */
export async function jsonOf<T>(runner: ScwRunner, ...argv: string[]): Promise<T> {
  const r = await runner(...argv, '--json')
  if (r.code !== 0) throw new Error(`scw ${argv.join(' ')} exited ${r.code}: ${r.err}${r.out}`)
  return JSON.parse(r.out) as T
}

/** Starts the built scw binary as a child process. */
export function scwProcess(...argv: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A temporary folder removed by the returned cleanup. */
export function tempFolder(prefix = 'scw-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
