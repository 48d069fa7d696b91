// The demo corpus is deterministic and planned as the recipe says; its project estimates b and c.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseDcaseMeta } from '@shared/labels'
import { decodeAudioFile } from '../../../src-main/audio'
import { writeDemoCorpus, type DemoCorpus } from '../../../src-main/demo/corpus'
import { checkDemoRecipe, curveDbAt, demoDevice, demoRecipe } from '../../../src-main/demo/recipe'
import { createDemoProject } from '../../../src-main/services/demo'
import { estimate } from '../../../src-main/services/estimation'
import { openProject } from '../../../src-main/services/project'

/**
 * The true correction a→device of a demo device in dB at `frequenciesHz` (Hz): the reference's
 * response minus the device's, i.e. −(device response dB) since a is flat.
 */
function demoTrueCorrectionDb(device: string, frequenciesHz: ArrayLike<number>): Float64Array {
  const recipe = demoRecipe()
  const ref = curveDbAt(demoDevice(recipe, 'a').responseDb, frequenciesHz)
  const own = curveDbAt(demoDevice(recipe, device).responseDb, frequenciesHz)
  for (let i = 0; i < ref.length; i++) ref[i] -= own[i]
  return ref
}

const root = mkdtempSync(join(tmpdir(), 'scw-demo-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** sha256 of every file of a demo folder (audio/*.wav and meta.csv), by relative path. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const files = readdirSync(join(dir, 'audio')).map((f) => `audio/${f}`)
  for (const rel of [...files, 'meta.csv']) {
    out[rel] = createHash('sha256')
      .update(readFileSync(join(dir, rel)))
      .digest('hex')
  }
  return out
}

/** Devices per alignment group, from the DCASE file names. */
function groups(audioDir: string): Map<string, string[]> {
  const byGroup = new Map<string, string[]>()
  for (const name of readdirSync(audioDir)) {
    const m = /^(.+)-([a-z])\.wav$/.exec(name)
    if (!m) throw new Error(`${name} is not a DCASE name`)
    byGroup.set(m[1], [...(byGroup.get(m[1]) ?? []), m[2]].sort())
  }
  return byGroup
}

describe('writeDemoCorpus', () => {
  const first = join(root, 'first')
  const second = join(root, 'second')
  let corpus: DemoCorpus
  let seconds = 0

  beforeAll(async () => {
    const started = performance.now()
    corpus = await writeDemoCorpus(first)
    seconds = (performance.now() - started) / 1000
    await writeDemoCorpus(second)
  })

  it('writes a few hundred seconds quickly', () => {
    const mb = readdirSync(corpus.audioDir).reduce(
      (sum, f) => sum + statSync(join(corpus.audioDir, f)).size / 1e6,
      0,
    )
    console.info(
      `demo corpus: ${corpus.files} files, ${corpus.seconds} s, ${mb.toFixed(1)} MB ` +
        `in ${seconds.toFixed(2)} s`,
    )
    expect(corpus).toEqual({
      audioDir: join(first, 'audio'),
      files: 45,
      seconds: 225,
      devices: { a: 12, b: 12, c: 11, d: 10 },
    })
  })

  it('is byte-identical on every run', () => {
    const a = hashes(first)
    expect(Object.keys(a)).toHaveLength(46)
    expect(hashes(second)).toEqual(a)
  })

  it('has aligned a-b-c segments, single-device extras, and d never beside a', () => {
    const byGroup = groups(corpus.audioDir)
    const sets = [...byGroup.values()].map((d) => d.join(''))
    expect(sets.filter((s) => s === 'abc')).toHaveLength(10)
    for (const only of ['a', 'b', 'c']) expect(sets).toContain(only)
    expect(sets.filter((s) => s === 'd')).toHaveLength(10)
    for (const devices of byGroup.values()) {
      if (devices.includes('d')) expect(devices).toEqual(['d'])
    }
  })

  it('writes a meta.csv that parseDcaseMeta reads and that lists every file', () => {
    const meta = parseDcaseMeta(readFileSync(join(first, 'meta.csv'), 'utf8'))
    const files = readdirSync(corpus.audioDir).sort()
    expect(meta.rows.map((r) => r.path)).toEqual(files.map((f) => `audio/${f}`))
    const scenes = new Set(demoRecipe().scenes.map((s) => s.label))
    for (const row of meta.rows) {
      expect(row.path.endsWith(`-${row.device}.wav`)).toBe(true)
      expect(row.path.startsWith(`audio/${row.scene}-`)).toBe(true)
      expect(scenes.has(row.scene!)).toBe(true)
    }
  })

  it('gives mono 44.1 kHz PCM16 clips that do not clip and differ between devices', async () => {
    const clip = async (name: string): Promise<Float32Array> => {
      const { info, channels } = await decodeAudioFile(join(corpus.audioDir, name))
      expect(info).toMatchObject({ sampleRate: 44100, channels: 1, frames: 220500 })
      expect(info.sampleFormat).toBe('pcm16')
      return channels[0]
    }
    let loudest = 0
    for (const name of readdirSync(corpus.audioDir)) {
      for (const v of await clip(name)) loudest = Math.max(loudest, Math.abs(v))
    }
    expect(loudest).toBeLessThan(0.9)
    expect(loudest).toBeGreaterThan(0.5)
    const a = await clip('tram-barcelona-10-100-a.wav')
    const b = await clip('tram-barcelona-10-100-b.wav')
    const rms = (x: Float32Array): number => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length)
    expect(rms(a)).toBeGreaterThan(0.005)
    expect(Math.abs(20 * Math.log10(rms(b) / rms(a)))).toBeGreaterThan(1)
  })

  it('leaves unchanged files untouched and removes stray WAV files on a repeat run', async () => {
    const probe = join(corpus.audioDir, 'park-lyon-6-60-a.wav')
    const before = statSync(probe).mtimeMs
    writeFileSync(join(corpus.audioDir, 'stray-x-1-1-a.wav'), 'not audio')
    await writeDemoCorpus(first)
    expect(statSync(probe).mtimeMs).toBe(before)
    expect(readdirSync(corpus.audioDir)).not.toContain('stray-x-1-1-a.wav')
  })
})

describe('demoTrueCorrectionDb', () => {
  it('is minus the device response (a is flat)', () => {
    const f = [0, 300, 3000, 20000]
    expect([...demoTrueCorrectionDb('a', f)]).toEqual([0, 0, 0, 0])
    // b: +2 dB at 3 kHz and -4 dB at 300 Hz in the recipe; c: +2 dB at 3 kHz.
    expect(demoTrueCorrectionDb('b', f)[1]).toBeCloseTo(4, 9)
    expect(demoTrueCorrectionDb('b', f)[2]).toBeCloseTo(-2, 9)
    expect(demoTrueCorrectionDb('c', f)[2]).toBeCloseTo(-2, 9)
  })

  it('interpolates in dB over log frequency', () => {
    // Halfway in log frequency between b's points (2000 Hz, -0.5 dB) and (3000 Hz, +2 dB).
    const mid = Math.sqrt(2000 * 3000)
    expect(demoTrueCorrectionDb('b', [mid])[0]).toBeCloseTo(-0.75, 9)
  })

  it('names the demo devices when asked for another', () => {
    expect(() => demoTrueCorrectionDb('z', [1000])).toThrow(
      'device=z is not a demo device (a, b, c, d)',
    )
  })
})

describe('checkDemoRecipe', () => {
  const recipe = (): Record<string, unknown> =>
    JSON.parse(JSON.stringify(demoRecipe())) as Record<string, unknown>

  it('accepts the bundled recipe and refuses broken ones', () => {
    expect(() => checkDemoRecipe(recipe())).not.toThrow()
    const unknownDevice = recipe()
    ;(unknownDevice.segments as { devices: string[] }[])[0].devices = ['a', 'x']
    expect(() => checkDemoRecipe(unknownDevice)).toThrow(
      'segment airport-lisbon-1-10: unknown device x',
    )
    const twice = recipe()
    const segments = twice.segments as unknown[]
    segments.push(segments[0])
    expect(() => checkDemoRecipe(twice)).toThrow('segment airport-lisbon-1-10 is planned twice')
    const descending = recipe()
    ;(descending.devices as { responseDb: number[][] }[])[1].responseDb.reverse()
    expect(() => checkDemoRecipe(descending)).toThrow(
      'device b responseDb: 16000 Hz after 22050 Hz; points must ascend',
    )
    const noisy = recipe()
    ;(noisy.scenes as { events: string[] }[])[0].events.push('thunder')
    expect(() => checkDemoRecipe(noisy)).toThrow('scene airport: unknown event thunder (traffic,')
  })
})

describe('createDemoProject', () => {
  const dir = join(root, 'project')
  let path: string
  const messages: string[] = []

  beforeAll(async () => {
    path = await createDemoProject(dir, { onProgress: (m) => messages.push(m) })
  })

  it('writes an analysed project estimated with reference a', () => {
    expect(path).toBe(join(dir, 'demo.scw'))
    expect(messages.at(-1)).toBe(`Demo project ready: ${path}`)
    const project = openProject(path)
    try {
      const settings = project.settings()
      expect(settings.referenceDevice).toBe('a')
      expect(settings.currentEstimateId).not.toBeNull()
    } finally {
      project.close()
    }
  })

  it('recovers the true corrections of b and c unaligned within 2 dB over 300 Hz-5 kHz', () => {
    const project = openProject(path)
    try {
      const e = estimate(project, { variant: 'unaligned', reference: 'a' })
      expect(e.missing).toEqual([])
      expect(Object.keys(e.devices).sort()).toEqual(['a', 'b', 'c', 'd'])
      for (const device of ['b', 'c']) {
        const truth = demoTrueCorrectionDb(device, e.frequencies)
        let worst = 0
        e.frequencies.forEach((f, k) => {
          if (f < 300 || f > 5000) return
          const db = 20 * Math.log10(e.devices[device].coefficients[k])
          worst = Math.max(worst, Math.abs(db - truth[k]))
        })
        expect(worst, `device ${device}`).toBeLessThan(2)
      }
    } finally {
      project.close()
    }
  })

  it('cannot estimate d aligned, and says so', () => {
    const project = openProject(path)
    try {
      const e = estimate(project, { variant: 'aligned', reference: 'a' })
      expect(e.missing).toEqual([{ device: 'd', reason: 'no alignment group holds both d and a' }])
      expect(e.devices.b.segments).toBe(10)
    } finally {
      project.close()
    }
  })

  it('reuses a complete demo without rewriting it, and rebuilds an incomplete one', async () => {
    const stamp = statSync(join(dir, 'audio', 'park-lyon-6-60-a.wav')).mtimeMs
    const again = await createDemoProject(dir, { onProgress: (m) => messages.push(m) })
    expect(again).toBe(path)
    expect(messages.at(-1)).toBe(`Using the demo project ${path}`)
    expect(statSync(join(dir, 'audio', 'park-lyon-6-60-a.wav')).mtimeMs).toBe(stamp)

    rmSync(join(dir, 'audio', 'park-lyon-6-60-a.wav'))
    await createDemoProject(dir, { onProgress: (m) => messages.push(m) })
    expect(messages.at(-1)).toBe(`Demo project ready: ${path}`)
    expect(readdirSync(join(dir, 'audio'))).toContain('park-lyon-6-60-a.wav')
  })
})
