// `npm run bench`: throughput figures of the engine, single-threaded unless stated, printed as
// times faster than real time. Figures only; nothing here asserts a time.
import { execFileSync } from 'node:child_process'
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFft } from '@shared/dsp/fft'
import { designFir } from '@shared/dsp/firls'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { estimate } from '../../src-main/services/estimation'
import { openProject } from '../../src-main/services/project'
import { indexFolder } from '../../src-main/services/sources'
import { analyzeFile } from '../../src-main/workers/analyze-file'
import { correctToMemory, type CorrectionSpec } from '../../src-main/workers/export-file'
import { BENCH_RATE, BENCH_SECONDS, writeBenchCorpus } from './corpus'

const FILES = Number(process.env.SCW_BENCH_FILES ?? 60)
const ROUNDS = 3

async function timeCorpus(
  paths: string[],
  fn: (path: string) => Promise<unknown>,
): Promise<number> {
  for (const p of paths.slice(0, 5)) await fn(p) // warm up the JIT and the page cache
  let best = Infinity
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now()
    for (const p of paths) await fn(p)
    best = Math.min(best, (performance.now() - t) / 1000)
  }
  return (paths.length * BENCH_SECONDS) / best
}

function row(name: string, speed: number, target?: number): void {
  const t = target ? `   target >= ${target}x` : ''
  console.log(`${name.padEnd(46)} ${speed.toFixed(0).padStart(6)}x real time${t}`)
}

/** Indexing rate, worker scaling of analysis, and estimation time, through the services. */
async function projectFigures(dir: string, audio: string): Promise<void> {
  console.log('\nThrough the project services (worker threads):')
  const project = openProject(join(dir, 'bench.scw'), { create: true })
  try {
    const many = join(dir, 'many')
    mkdirSync(many)
    const files = 5000
    for (let i = 0; i < files; i++)
      linkSync(paths0(audio), join(many, `street-bench-${i}-0-${'abc'[i % 3]}.wav`))
    const scratch = openProject(join(dir, 'index.scw'), { create: true })
    await indexFolder(scratch, many, { labels: { kind: 'dcase' } }) // warm the cache
    scratch.db.exec('DELETE FROM recordings')
    const t = performance.now()
    await indexFolder(scratch, many, { labels: { kind: 'dcase' } })
    const rate = files / ((performance.now() - t) / 1000)
    scratch.close()
    console.log(
      `${'indexing (walk + header probe + labels + SQLite)'.padEnd(46)} ${rate.toFixed(0).padStart(6)} files/s   target >= 5000 files/s`,
    )
    await indexFolder(project, audio, { labels: { kind: 'dcase' } })
    const scaling = join(dir, 'scaling')
    mkdirSync(scaling)
    // The corpus ten times over (hard links), so thread start-up is a small part of the run.
    for (let k = 0; k < 10; k++) {
      mkdirSync(join(scaling, `copy${k}`))
      for (const f of readdirSync(audio)) linkSync(join(audio, f), join(scaling, `copy${k}`, f))
    }
    const pinned = existsSync('/usr/bin/taskset')
    const speeds = [1, 2].map((workers) => cliAnalysisSpeed(dir, scaling, workers, pinned))
    speeds.forEach((speed, i) =>
      row(
        `analysis, ${i + 1} worker${i ? 's' : ''} on ${i + 1} core${i ? 's' : ''} (scw analyze)`,
        speed,
      ),
    )
    const how = pinned ? 'pinned with taskset' : 'not pinned: no taskset here'
    console.log(
      `${'speed-up of 2 workers over 1'.padEnd(46)} ${(speeds[1] / speeds[0]).toFixed(2).padStart(6)}x   target >= 1.7x (${how})`,
    )
    const analysed = openProject(join(dir, 'scaling-2.scw'))
    const count = analysed.db.prepare('SELECT count(*) AS n FROM summaries').get() as { n: number }
    const t0 = performance.now()
    const rounds = 20
    for (let i = 0; i < rounds; i++) {
      analysed.updateSettings({ currentEstimateId: null })
      estimate(analysed, {
        variant: i % 2 ? 'aligned' : 'unaligned',
        seed: i,
        maxPerDevice: 100 + i,
      })
    }
    const ms = (performance.now() - t0) / rounds
    analysed.close()
    console.log(
      `${`estimate from ${count.n} stored summaries (no audio)`.padEnd(46)} ${ms.toFixed(1).padStart(6)} ms`,
    )
  } finally {
    project.close()
  }
}

/** ×real time of `scw analyze --workers N` on a fresh project, the process pinned to N cores. */
function cliAnalysisSpeed(dir: string, folder: string, workers: number, pinned: boolean): number {
  const project = join(dir, `scaling-${workers}.scw`)
  const cli = join(import.meta.dirname, '../../out/main/cli.js')
  execFileSync(process.execPath, [cli, 'index', project, folder, '--labels', 'dcase'], {
    stdio: 'ignore',
  })
  const cores = Array.from({ length: workers }, (_, i) => i).join(',')
  const command = pinned ? ['taskset', '-c', cores, process.execPath] : [process.execPath]
  const args = [
    ...command.slice(1),
    cli,
    'analyze',
    project,
    '--workers',
    String(workers),
    '--json',
  ]
  const out = execFileSync(command[0], args, { stdio: ['ignore', 'pipe', 'ignore'] })
  const r = JSON.parse(out.toString()) as { seconds: number; wallSeconds: number }
  return r.seconds / r.wallSeconds
}

function paths0(audio: string): string {
  return join(audio, readdirSync(audio).sort()[0])
}

async function main(): Promise<void> {
  await loadFft()
  const dir = mkdtempSync(join(tmpdir(), 'scw-bench-'))
  try {
    console.log(
      `Generating ${FILES} files of ${BENCH_SECONDS} s, ${BENCH_RATE} Hz PCM16 mono in ${dir}`,
    )
    const paths = writeBenchCorpus(join(dir, 'audio'), FILES)
    const freqs = fftFrequencies({ sampleRate: BENCH_RATE, nFft: 2048 })
    const gains = freqs.map((f) => (f < 200 ? 4 : f > 9000 ? 3 : 1 + 0.5 * Math.sin(f / 2000)))
    const fir: CorrectionSpec = {
      method: 'fir',
      fir: designFir({ frequenciesHz: freqs, gains }, { taps: 1025, sampleRate: BENCH_RATE }),
      nFft: 2048,
      hopLength: 512,
    }
    const stft: CorrectionSpec = {
      method: 'stft',
      gains: Float64Array.from(gains),
      nFft: 2048,
      hopLength: 512,
    }
    console.log('\nSingle thread, warm page cache, best of 3 passes over the corpus:')
    row(
      'analysis (decode + STFT + summary)',
      await timeCorpus(paths, (path) =>
        analyzeFile({ path, nFft: 2048, hopLength: 512, sampleRate: BENCH_RATE }),
      ),
      1500,
    )
    const exportTo = (correction: CorrectionSpec) => (inputPath: string) =>
      correctToMemory({ inputPath, outputPath: null, correction, format: 'pcm16', gainDb: 0 })
    row(
      'FIR correction, 1025 taps (decode + correct + encode)',
      await timeCorpus(paths, exportTo(fir)),
      2000,
    )
    row('STFT correction (decode + correct + encode)', await timeCorpus(paths, exportTo(stft)), 800)
    await projectFigures(dir, join(dir, 'audio'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
