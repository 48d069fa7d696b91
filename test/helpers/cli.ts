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

/** How to start the scw binary: extra Node flags, environment, another user. */
export interface ProcessOptions {
  /** Node flags before the script, e.g. `--import <preload>`. */
  nodeArgs?: string[]
  env?: Record<string, string>
  uid?: number
  gid?: number
}

/** Runs the built scw binary to its end; resolves with the exit code and what it printed. */
export function scwExec(
  argv: string[],
  options: ProcessOptions = {},
): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
    uid: options.uid,
    gid: options.gid,
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, out, err }))
  })
}

/**
 * The user to run a child as so that file permissions apply: `nobody` when the tests run as root
 * (root reads and writes whatever the permissions say), nobody else otherwise.
 */
export function unprivilegedUser(): { uid: number; gid: number } | undefined {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined
}
