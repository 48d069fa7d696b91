// Bad files among good ones: indexing records them, analysis skips them, export finishes the
// rest, and each stage exits with code 3 naming them.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeWav } from '../../../src-main/audio'
import { floatWav } from '../../helpers/float-wav'
import { GOLDEN_DIR } from '../../helpers/golden'
import { scw, tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')

beforeAll(() => {
  const audio = join(corpus, 'audio')
  mkdirSync(audio, { recursive: true })
  for (const f of [
    'park-lyon-0-0-a.wav',
    'park-lyon-0-0-b.wav',
    'metro-vienna-1-10-a.wav',
    'metro-vienna-1-10-b.wav',
  ]) {
    copyFileSync(join(GOLDEN_DIR, 'corpus/audio', f), join(audio, f))
  }
  const good = readFileSync(join(audio, 'park-lyon-0-0-a.wav'))
  writeFileSync(join(audio, 'bus-x-1-1-a.wav'), good.subarray(0, 30)) // truncated header
  writeFileSync(join(audio, 'bus-x-1-2-a.wav'), '') // empty
  writeFileSync(join(audio, 'bus-x-1-3-b.wav'), 'these are my notes, not audio\n')
  const noise = Array.from({ length: 44100 }, (_, i) => Math.sin(i / 5) * 0.2)
  noise[1000] = Number.NaN
  writeFileSync(join(audio, 'bus-x-1-4-b.wav'), floatWav(noise))
  writeFileSync(
    join(audio, 'bus-x-1-5-a.wav'),
    encodeWav([new Float32Array(44100)], 44100, 'pcm16').bytes,
  )
})
afterAll(() => tmp.cleanup())

describe('bad files among good ones', () => {
  it('index records the unreadable ones with their reason and exits 3', async () => {
    const r = await scw('index', project, corpus, '--labels', 'dcase', '--json')
    expect(r.code).toBe(3)
    const j = JSON.parse(r.out) as { added: number; errors: { path: string; error: string }[] }
    expect(j.added).toBe(9)
    const byFile = Object.fromEntries(j.errors.map((e) => [e.path.split('/').pop(), e.error]))
    expect(Object.keys(byFile).sort()).toEqual([
      'bus-x-1-1-a.wav',
      'bus-x-1-2-a.wav',
      'bus-x-1-3-b.wav',
    ])
    expect(byFile['bus-x-1-1-a.wav']).toMatch(/bus-x-1-1-a\.wav: .*(truncated|cut off)/)
    expect(byFile['bus-x-1-2-a.wav']).toMatch(/empty/)
    expect(byFile['bus-x-1-3-b.wav']).toMatch(/not (an audio|audio)|not a/i)
  })

  it('analysis skips NaN audio (listed, exit 3) and flags silence; the estimate leaves both out', async () => {
    const r = await scw('analyze', project, '--json')
    expect(r.code).toBe(3)
    const j = JSON.parse(r.out) as { analysed: number; silent: number; failed: { error: string }[] }
    expect(j).toMatchObject({ analysed: 4, silent: 1 })
    expect(j.failed).toHaveLength(1)
    expect(j.failed[0].error).toMatch(/bus-x-1-4-b\.wav.*(NaN|non-finite|not finite)/i)
    const e = await scw('estimate', project, '--json')
    const est = JSON.parse(e.out) as { recordings: Record<string, number> }
    expect(est.recordings).toEqual({ a: 2, b: 2 })
  })

  it('export finishes the good files and lists the failed one with exit 3', async () => {
    const out = join(tmp.dir, 'out')
    const r = await scw('export', project, out, '--json')
    expect(r.code).toBe(3)
    const j = JSON.parse(r.out) as { written: number; failed: { path: string; error: string }[] }
    expect(j.written).toBe(5)
    expect(j.failed.map((f) => f.path.split('/').pop())).toEqual(['bus-x-1-4-b.wav'])
    const manifest = readFileSync(join(out, 'manifest.csv'), 'utf8')
    expect(manifest).toMatch(/bus-x-1-4-b\.wav,b,failed/)
  })
})
