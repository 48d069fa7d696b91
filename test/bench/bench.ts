// `npm run bench`: throughput figures of the engine, single-threaded unless stated, printed as
// times faster than real time. Figures only; nothing here asserts a time.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadFft } from '@shared/dsp/fft'
import { designFir } from '@shared/dsp/firls'
import { fftFrequencies } from '@shared/dsp/stft-options'
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
      hop: 512,
    }
    const stft: CorrectionSpec = {
      method: 'stft',
      gains: Float64Array.from(gains),
      nFft: 2048,
      hop: 512,
    }
    console.log('\nSingle thread, warm page cache, best of 3 passes over the corpus:')
    row(
      'analysis (decode + STFT + summary)',
      await timeCorpus(paths, (path) =>
        analyzeFile({ path, nFft: 2048, hop: 512, sampleRate: BENCH_RATE }),
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
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
