// The command-line table of `npm run bench:scale` (issue 9): `scw analyze` and
// `scw export --method fir` as a user runs them (one worker, 300 files of 10 s at 44.1 kHz PCM16)
// against their references — a numpy restatement of the paper's analysis, and `sox … fir` run
// per file — then `scw --help` start-up and the export rate of 0.1-second files with two workers.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { BENCH_SECONDS, writeBenchCorpus } from './corpus'
import { scaleCorpus } from './scale-corpus'
import { loadAverage, median, runScw, timeCommand } from './scale-measure'
import type { Row } from './scale-table'

const CLI_FILES = 300
const NUMPY_SCRIPT = join(import.meta.dirname, 'numpy-analysis.py')

/** The 300 ten-second files (devices a, b, c, aligned in threes), cached. */
function cliCorpus(cacheDir: string, log: (line: string) => void): string {
  const audio = join(cacheDir, `cli-${CLI_FILES}`, 'audio')
  const marker = join(cacheDir, `cli-${CLI_FILES}`, 'complete')
  if (!existsSync(marker)) {
    log(`generating ${CLI_FILES} files of ${BENCH_SECONDS} s into ${audio}`)
    rmSync(audio, { recursive: true, force: true })
    writeBenchCorpus(audio, CLI_FILES)
    writeFileSync(marker, '')
  }
  return audio
}

const x = (v: number): string => `${v.toFixed(0)}x real time`

export function runCliTable(cacheDir: string, log: (line: string) => void): Row[] {
  const rows: Row[] = []
  const audio = cliCorpus(cacheDir, log)
  const files = readdirSync(audio)
    .sort()
    .map((f) => join(audio, f))
  const seconds = files.length * BENCH_SECONDS
  const run = join(cacheDir, 'cli-run')
  rmSync(run, { recursive: true, force: true })
  mkdirSync(run, { recursive: true })
  const project = join(run, 'cli.scw')
  runScw(['index', project, audio, '--labels', 'dcase'])
  log(`load average before the command-line rows: ${loadAverage()}`)

  const analyse = runScw(['analyze', project, '--workers', '1', '--json'])
  const numpy = timeCommand('python3', [NUMPY_SCRIPT, '--out', join(run, 'numpy.npy'), ...files])
  const scwSpeed = seconds / analyse.wallSeconds
  const numpySpeed = seconds / numpy
  rows.push({
    what: `scw analyze, 1 worker (${files.length} × ${BENCH_SECONDS} s, process wall)`,
    target: '>= 5x numpy',
    measured: `${x(scwSpeed)}; numpy ${x(numpySpeed)}; ${(scwSpeed / numpySpeed).toFixed(1)}x numpy`,
    pass: scwSpeed / numpySpeed >= 5,
  })

  runScw(['estimate', project, '--reference', 'a', '--variant', 'aligned'])
  const out = join(run, 'export')
  const ex = runScw(
    ['export', project, out, '--method', 'fir', '--devices', 'b,c', '--workers', '1', '--json'],
    { okCodes: [0] },
  )
  const exported = JSON.parse(ex.stdout) as { seconds: number; written: number }
  const soxSpeed = soxFir(project, run, files, exported.seconds)
  const exportSpeed = exported.seconds / ex.wallSeconds
  rows.push({
    what: `scw export --method fir, 1 worker (b and c: ${exported.written} files, process wall)`,
    target: '>= 4x sox',
    measured: `${x(exportSpeed)}; sox ${x(soxSpeed)}; ${(exportSpeed / soxSpeed).toFixed(1)}x sox`,
    pass: exportSpeed / soxSpeed >= 4,
  })

  const help: number[] = []
  for (let i = 0; i < 10; i++) help.push(runScw(['--help']).wallSeconds)
  rows.push({
    what: 'scw --help (median of 10; fastest)',
    target: '<= 0.2 s',
    measured: `${median(help).toFixed(3)} s; ${Math.min(...help).toFixed(3)} s`,
    pass: median(help) <= 0.2,
  })

  rows.push(tinyExport(cacheDir, run, log))
  return rows
}

/** ×real time of `sox in out fir taps.txt`, one process per file, over devices b and c. */
function soxFir(project: string, run: string, files: string[], seconds: number): number {
  if (spawnSync('sox', ['--version']).status !== 0)
    throw new Error('sox not found: install it (apt-get install -y sox)')
  const soxOut = join(run, 'sox')
  mkdirSync(soxOut)
  const taps = new Map<string, string>()
  for (const d of ['b', 'c']) {
    const path = join(run, `${d}.txt`)
    runScw(['fir', project, '--device', d, '--out', path])
    taps.set(d, path)
  }
  let wall = 0
  files.forEach((f, i) => {
    const device = /-(\w+)\.wav$/.exec(f)?.[1] ?? ''
    const t = taps.get(device)
    if (t) wall += timeCommand('sox', [f, join(soxOut, `${i}.wav`), 'fir', t])
  })
  return seconds / wall
}

/** Files per second of `scw export --workers 2` on 10,000 files of 0.1 s (process wall). */
function tinyExport(cacheDir: string, run: string, log: (line: string) => void): Row {
  const corpus = scaleCorpus(cacheDir, 1_000, log)
  const project = join(run, 'tiny.scw')
  runScw(['index', project, corpus.audio, '--labels', 'dcase'])
  runScw(['analyze', project, '--workers', '2'])
  runScw(['estimate', project, '--reference', 'a'])
  log(`load average before the tiny-file export: ${loadAverage()}`)
  const ex = runScw(['export', project, join(run, 'tiny-out'), '--workers', '2', '--json'])
  const r = JSON.parse(ex.stdout) as { written: number }
  const rate = r.written / ex.wallSeconds
  return {
    what: `scw export --workers 2, ${r.written} files of 0.1 s (process wall)`,
    target: '>= 2000 files/s',
    measured: `${rate.toFixed(0)} files/s`,
    pass: rate >= 2000,
  }
}
