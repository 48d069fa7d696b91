// Measuring `scw` as a user runs it, for `npm run bench:scale`: processes timed from spawn to
// exit with their peak resident memory, and `scw serve` called through its HTTP API.
import { spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { serveWith } from '../e2e/harness'

/** The built `scw`; SCW_BENCH_CLI names another build (e.g. an older commit's, for a baseline). */
export const CLI = process.env.SCW_BENCH_CLI ?? join(import.meta.dirname, '../../out/main/cli.js')
/** A preload that writes the process's peak resident memory (kB) to $SCW_RSS_OUT at exit. */
const RSS_REPORT = pathToFileURL(join(import.meta.dirname, 'rss-report.mjs')).href

export interface ProcessRun {
  wallSeconds: number
  /** Peak resident memory of the whole process (all threads), MB; NaN when not measured. */
  peakMb: number
  stdout: string
  stderr: string
}

/** Runs `node cli.js …args` to completion; fails with its output when it exits non-zero. */
export function runScw(
  args: string[],
  options: { rss?: boolean; env?: NodeJS.ProcessEnv; okCodes?: number[] } = {},
): ProcessRun {
  const rssFile = join(tmpdir(), `scw-rss-${process.pid}-${Date.now()}`)
  const pre = options.rss ? ['--import', RSS_REPORT] : []
  const env = { ...process.env, ...options.env, SCW_RSS_OUT: rssFile }
  const t = performance.now()
  const r = spawnSync(process.execPath, [...pre, CLI, ...args], {
    env,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  })
  const wallSeconds = (performance.now() - t) / 1000
  if (r.status === null || !(options.okCodes ?? [0]).includes(r.status)) {
    throw new Error(`scw ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr}${r.stdout}`)
  }
  let peakMb = NaN
  if (options.rss) {
    peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024
    rmSync(rssFile, { force: true })
  }
  return { wallSeconds, peakMb, stdout: r.stdout, stderr: r.stderr }
}

/** Wall time of any command, spawn to exit. */
export function timeCommand(command: string, args: string[]): number {
  const t = performance.now()
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  const wall = (performance.now() - t) / 1000
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`)
  return wall
}

/** A running `scw serve`, called as a script would: Bearer token, JSON bodies. */
export interface Server {
  origin: string
  token: string
  port: number
  process: ChildProcess
  call<T = unknown>(method: string, request?: object): Promise<{ result: T; bytes: number }>
  /** Current and peak resident memory of the server process, MB (Linux /proc). */
  memory(): { rssMb: number; peakMb: number }
  stop(): Promise<void>
}

export async function startServe(project: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const served = await serveWith(CLI, project, [], env)
  const url = new URL(served.url)
  const token = url.searchParams.get('token')!
  const pid = served.process.pid
  return {
    origin: served.origin,
    token,
    port: Number(url.port),
    process: served.process,
    stop: served.stop,
    async call<T>(method: string, request: object = {}) {
      const res = await fetch(`${served.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      })
      const text = await res.text()
      const body = JSON.parse(text) as { result?: T; error?: { message: string } }
      if (!res.ok || body.error) throw new Error(`${method}: ${body.error?.message ?? text}`)
      return { result: body.result as T, bytes: Buffer.byteLength(text) }
    },
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      const kb = (name: string): number =>
        Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN)
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
    },
  }
}

/** Seconds that `work` takes. */
export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t = performance.now()
  const value = await work()
  return { seconds: (performance.now() - t) / 1000, value }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** The 1-minute load average, to print beside timing rows (other engineers share the cores). */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  } catch {
    return 'unknown'
  }
}
