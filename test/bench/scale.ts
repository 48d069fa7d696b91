// `npm run bench:scale` (issue 9): the DCASE-2022-sized corpus (10 devices × 10,000 aligned
// groups of 0.1 s; `--250k` for 25,000 groups) indexed and analysed by `scw`, then every figure
// the user waits for, measured as a user meets it: the browser-mode API of `scw serve`, Chromium
// on cold pages, and the `scw` processes from spawn to exit. Figures only, never assertions; the
// machine is shared, so the load average is printed with them.
//
// Options: --250k, --no-api, --no-browser, --no-cli (skip the command-line table), --only-cli, --fresh
// (index and analyse again). The corpus and the analysed project are cached in $SCW_SCALE_DIR
// (default: <tmpdir>/scw-scale), outside the repository.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCliTable } from './scale-cli'
import { scaleCorpus, SCALE_DEVICES } from './scale-corpus'
import {
  firstRecordingsPaint,
  launchBrowser,
  listCallsOnReferenceSwitch,
  recordingDetail,
} from './scale-browser'
import { loadAverage, median, runScw, startServe, timed, type Server } from './scale-measure'
import { printTable, type Row } from './scale-table'

const args = new Set(process.argv.slice(2))
const groups = args.has('--250k') ? 25_000 : 10_000
const cacheDir = process.env.SCW_SCALE_DIR ?? join(tmpdir(), 'scw-scale')
const log = (line: string): void => console.error(line)

/** The analysed project of the corpus, built once and cached beside it. */
function analysedProject(): { path: string; built: Row[] } {
  const corpus = scaleCorpus(cacheDir, groups, log)
  const path = join(cacheDir, `project-${groups}.scw`)
  const marker = `${path}.json`
  const built: Row[] = []
  if (!args.has('--fresh') && existsSync(marker) && existsSync(path)) {
    const cached = JSON.parse(readFileSync(marker, 'utf8')) as { built: Row[] }
    return { path, built: cached.built.map((r) => ({ ...r, what: `${r.what} (cached)` })) }
  }
  for (const f of [path, `${path}-wal`, `${path}-shm`, marker]) rmSync(f, { force: true })
  log(`indexing ${corpus.files} files…`)
  const index = runScw(['index', path, corpus.audio, '--labels', 'dcase', '--json'])
  log(`analysing (2 workers)…`)
  const analyse = runScw(['analyze', path, '--workers', '2', '--json'])
  const a = JSON.parse(analyse.stdout) as { analysed: number; wallSeconds: number }
  built.push(
    {
      what: 'indexing (scw index, as run)',
      measured: `${(corpus.files / index.wallSeconds).toFixed(0)} files/s`,
    },
    {
      what: 'analysis (scw analyze --workers 2, as run)',
      measured: `${analyse.wallSeconds.toFixed(1)} s for ${a.analysed} files`,
    },
  )
  writeFileSync(marker, JSON.stringify({ groups, built }))
  return { path, built }
}

const s = (seconds: number): string => `${seconds.toFixed(2)} s`
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`

/** Every row of the API, memory and Chromium targets. */
async function scaleRows(project: string): Promise<Row[]> {
  const rows = pushing([])
  const work = join(cacheDir, `work-${groups}.scw`)
  for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true })
  copyFileSync(project, work)
  const size = statSync(project).size
  // A cached project may predate this build: its migrations and the summaries' aggregates are
  // brought up to date as a user's next `scw analyze` (nothing pending) would.
  const upToDate = runScw(['analyze', work, '--json'], { rss: true })
  rows.push({
    what: 'scw analyze with nothing pending (migrations, aggregates summed): wall, peak memory',
    target: '',
    measured: `${s(upToDate.wallSeconds)}, ${upToDate.peakMb.toFixed(0)} MB`,
  })
  const stateDir = join(cacheDir, 'state')
  mkdirSync(stateDir, { recursive: true })
  log(`load average before the API rows: ${loadAverage()}`)
  const server = await startServe(work, { SCW_STATE_DIR: stateDir })
  try {
    if (!args.has('--no-api')) await apiRows(server, rows)
    if (!args.has('--no-browser')) await browserRows(server, rows)
    const mem = server.memory()
    rows.push({
      what: 'server resident memory (after all of the above; peak)',
      target: '<= 800 MB',
      measured: `${mem.rssMb.toFixed(0)} MB (peak ${mem.peakMb.toFixed(0)} MB)`,
      pass: mem.peakMb <= 800,
    })
  } finally {
    await server.stop()
  }
  const est = runScw(['estimate', work, '--reference', 's5', '--variant', 'aligned', '--json'], {
    rss: true,
  })
  rows.push({
    what: '`scw estimate` (aligned, new reference): wall, peak memory',
    target: '<= 1.5 s, <= 500 MB',
    measured: `${s(est.wallSeconds)}, ${est.peakMb.toFixed(0)} MB`,
    pass: est.wallSeconds <= 1.5 && est.peakMb <= 500,
  })
  rows.push({ what: 'project file (analysed)', target: '', measured: mb(size) })
  return rows
}

/** Rows as they are measured, on stderr, so that a run cut short still shows them. */
function pushing(rows: Row[]): Row[] {
  const push = rows.push.bind(rows)
  rows.push = (...items: Row[]) => {
    for (const r of items) log(`  ${r.what}: ${r.measured}`)
    return push(...items)
  }
  return rows
}

async function apiRows(server: Server, rows: Row[]): Promise<void> {
  const call = (method: string, request: object = {}) => timed(() => server.call(method, request))
  const first = await call('project.setReference', { device: 'a' })
  log(`first estimate (unaligned, reference a): ${s(first.seconds)}`)
  // Each switch goes to a reference not used before with that variant: nothing is reused.
  const plan = [
    { variant: 'unaligned', to: 'b', target: 0.3 },
    { variant: 'aligned', to: 'c', target: 0.3 },
    { variant: 'dcase2019', to: 's1', target: 2 },
  ] as const
  for (const p of plan) {
    const compute =
      p.variant === 'unaligned' ? null : await call('estimate.compute', { variant: p.variant })
    const sw = await call('project.setReference', { device: p.to })
    const worst = Math.max(sw.seconds, compute?.seconds ?? 0)
    rows.push({
      what: `reference switch, ${p.variant} (project.setReference${compute ? '; estimate.compute' : ''})`,
      target: `<= ${p.target} s`,
      measured: compute ? `${s(sw.seconds)}; ${s(compute.seconds)}` : s(sw.seconds),
      pass: worst <= p.target,
    })
  }
  const unaligned = await call('estimate.compute', { variant: 'unaligned' })
  rows.push({
    what: 'estimate.compute, unaligned (new variant for the reference)',
    target: '<= 0.3 s',
    measured: s(unaligned.seconds),
    pass: unaligned.seconds <= 0.3,
  })
  const overview: number[] = []
  for (let i = 0; i < 3; i++) overview.push((await call('devices.overview')).seconds)
  rows.push({
    what: 'devices.overview (first; median of 3)',
    target: '<= 0.5 s',
    measured: `${s(overview[0])}; ${s(median(overview))}`,
    pass: Math.max(overview[0], median(overview)) <= 0.5,
  })
  const list = await call('recordings.list')
  const again = await call('recordings.list')
  rows.push({
    what: 'recordings.list: time (first; second), payload',
    target: '<= 8 MB or paged',
    measured: `${s(list.seconds)}; ${s(again.seconds)}, ${mb(list.value.bytes)}`,
    pass: list.value.bytes <= 8e6,
  })
  for (const [what, method, request, target] of [
    ['evaluate.run', 'evaluate.run', {}, 3],
    ['estimate.bands, 100 resamples', 'estimate.bands', { request: {}, iterations: 100 }, 5],
  ] as const) {
    // A call that gets no answer within fetch's five minutes is a figure too, not the end of the run.
    const started = performance.now()
    const r = await call(method, request).catch(() => undefined)
    const seconds = r?.seconds ?? (performance.now() - started) / 1000
    rows.push({
      what,
      target: `<= ${target} s`,
      measured: r ? s(seconds) : `no answer after ${s(seconds)} (HTTP timeout)`,
      pass: r !== undefined && seconds <= target,
    })
    if (!r) await server.call('app.info').catch(() => undefined)
  }
  const details: number[] = []
  for (const id of [1, 54_321 % (groups * SCALE_DEVICES.length), groups * 7])
    details.push((await call('recordings.detail', { id })).seconds)
  rows.push({
    what: 'recordings.detail (API, worst of 3)',
    target: '',
    measured: s(Math.max(...details)),
  })
}

async function browserRows(server: Server, rows: Row[]): Promise<void> {
  log(`load average before the Chromium rows: ${loadAverage()}`)
  const browser = await launchBrowser()
  try {
    const paint: number[] = []
    for (let i = 0; i < 2; i++) paint.push(await firstRecordingsPaint(browser, server))
    rows.push({
      what: 'first Recordings paint, cold page (Chromium; best of 2)',
      target: '<= 1 s',
      measured: `${s(Math.min(...paint))} (${paint.map(s).join(', ')})`,
      pass: Math.min(...paint) <= 1,
    })
    const detail: number[] = []
    for (const id of [4242, groups * 3 + 17])
      detail.push(await recordingDetail(browser, server, id))
    rows.push({
      what: 'recording detail until the spectrogram, cold page (Chromium; worst of 2)',
      target: '<= 0.5 s',
      measured: `${s(Math.max(...detail))} (${detail.map(s).join(', ')})`,
      pass: Math.max(...detail) <= 0.5,
    })
    const calls = await listCallsOnReferenceSwitch(browser, server, 's2')
    rows.push({
      what: 'recordings.* calls the Recordings view makes on a reference switch',
      target: '0',
      measured: String(calls),
      pass: calls === 0,
    })
  } finally {
    await browser.close()
  }
}

async function main(): Promise<void> {
  mkdirSync(cacheDir, { recursive: true })
  log(`cache: ${cacheDir}; load average ${loadAverage()}`)
  const sections: { title: string; rows: Row[] }[] = []
  if (!args.has('--only-cli')) {
    const { path, built } = analysedProject()
    const rows = [...built, ...(await scaleRows(path))]
    sections.push({
      title: `${groups * SCALE_DEVICES.length} recordings (${SCALE_DEVICES.length} devices × ${groups} groups of 0.1 s)`,
      rows,
    })
    const resultFile = join(cacheDir, `results-${groups}.json`)
    writeFileSync(resultFile, JSON.stringify(rows))
    if (groups !== 10_000) linearity(rows, sections)
  }
  if (!args.has('--no-cli') || args.has('--only-cli'))
    sections.push({ title: 'command line, as run', rows: runCliTable(cacheDir, log) })
  for (const section of sections) printTable(section.title, section.rows)
  console.log(`\nload average at the end: ${loadAverage()} (2 cores shared with other work)`)
}

/** Beside the 250k figures, the 100k ones of the last run, for the linearity check. */
function linearity(rows: Row[], sections: { title: string; rows: Row[] }[]): void {
  const file = join(cacheDir, 'results-10000.json')
  if (!existsSync(file)) return
  const before = JSON.parse(readFileSync(file, 'utf8')) as Row[]
  sections.push({
    title: 'the same rows at 100k (last 100k run), for the linearity check',
    rows: before.filter((r) => rows.some((x) => x.what === r.what)),
  })
}

await main()
