// A sharded export, its shards run as separate processes on their own copies of the project,
// merged by `scw export-merge`, equals a one-machine export byte for byte: audio, manifest.csv,
// scw-export.json and the rewritten meta.csv.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '@shared/dsp/random'
import { encodeWav } from '../../../src-main/audio'
import { scw, scwJson, tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const out = join(tmp.dir, 'out')
const project = (name: string): string => join(tmp.dir, name, 'p.scw')
const SHARDS = 3

/** 24 one-second DCASE-named clips of 3 devices: 48 kHz stereo 24-bit and 44.1 kHz mono 16-bit, two folders (one with a comma and a space), and a DCASE meta.csv. */
function writeCorpus(): void {
  const random = seededRandom(3)
  const meta = ['filename\tscene_label\tidentifier\tsource_label']
  for (let i = 0; i < 24; i++) {
    const device = 'abc'[i % 3]
    const [rate, format] = i % 2 ? [44100, 'pcm16' as const] : [48000, 'pcm24' as const]
    const channels = Array.from({ length: i % 2 ? 1 : 2 }, () =>
      Float32Array.from(
        { length: rate },
        (_, t) => 0.2 * Math.sin(t * (0.01 + i / 1000)) + 0.05 * (random() - 0.5),
      ),
    )
    const folder = i < 12 ? 'audio' : 'audio/more, odd'
    const name = `${folder}/park-lyon-${Math.floor(i / 3)}-0-${device}.wav`
    mkdirSync(join(corpus, folder), { recursive: true })
    writeFileSync(join(corpus, name), encodeWav(channels, rate, format).bytes)
    meta.push(`${name}\tpark\tlyon-${Math.floor(i / 3)}\t${device}`)
  }
  writeFileSync(join(corpus, 'meta.csv'), `${meta.join('\n')}\n`)
}

/** Every file under `dir` (relative path → bytes). */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else files.set(relative(dir, p), readFileSync(p))
    }
  }
  walk(dir)
  return files
}

beforeAll(async () => {
  writeCorpus()
  mkdirSync(join(tmp.dir, 'one'))
  await scwJson('index', project('one'), corpus, '--labels', 'dcase-meta')
  await scwJson('estimate', project('one'), '--reference', 'a')
  // Each shard works on its own copy, as on a cluster's nodes (SQLite over NFS is unsafe).
  for (let i = 1; i <= SHARDS; i++) {
    mkdirSync(join(tmp.dir, `node${i}`))
    copyFileSync(project('one'), project(`node${i}`))
  }
}, 120_000)
afterAll(() => tmp.cleanup())

describe('sharded export', () => {
  it('merges to the bytes of a one-machine export', async () => {
    await scwJson('export', project('one'), out, '--workers', '1')
    const whole = tree(out)
    expect([...whole.keys()]).toEqual(
      expect.arrayContaining(['manifest.csv', 'scw-export.json', 'meta.csv']),
    )
    expect([...whole.keys()].filter((f) => f.endsWith('.wav'))).toHaveLength(24)
    rmSync(out, { recursive: true })

    const shards = await Promise.all(
      Array.from({ length: SHARDS }, (_, i) =>
        scwJson<{ written: number; shard: string }>(
          'export',
          project(`node${i + 1}`),
          out,
          '--workers',
          '1',
          '--shard',
          `${i + 1}/${SHARDS}`,
        ),
      ),
    )
    expect(shards.map((s) => s.shard)).toEqual(['1/3', '2/3', '3/3'])
    expect(shards.reduce((n, s) => n + s.written, 0)).toBe(24)
    expect(shards.every((s) => s.written > 0 && s.written < 24)).toBe(true)
    expect(existsSync(join(out, 'manifest.csv'))).toBe(false)

    const merged = await scwJson<{ shards: number; done: number }>('export-merge', out)
    expect(merged).toMatchObject({ shards: SHARDS, done: 24, failed: 0 })
    const sharded = tree(out)
    expect([...sharded.keys()].sort()).toEqual([...whole.keys()].sort())
    for (const [file, bytes] of whole) expect(sharded.get(file)!.equals(bytes), file).toBe(true)
  })

  it('refuses to merge while a shard is missing, and --gain auto with --shard', async () => {
    rmSync(out, { recursive: true, force: true })
    for (const i of [1, 3]) {
      await scwJson(
        'export',
        project(`node${i}`),
        out,
        '--workers',
        '1',
        '--shard',
        `${i}/${SHARDS}`,
      )
    }
    const merge = await scw('export-merge', out)
    expect(merge.code).toBe(2)
    expect(merge.err).toMatch(/shard 2\/3 has not finished .*--shard 2\/3/)
    expect(existsSync(join(out, 'manifest.csv'))).toBe(false)
    const auto = await scw('export', project('node2'), out, '--shard', '2/3', '--gain', 'auto')
    expect(auto.code).toBe(2)
    expect(auto.err).toMatch(
      /--gain auto with --shard 2\/3: .*give every shard the same gain in dB/,
    )
  })
})
