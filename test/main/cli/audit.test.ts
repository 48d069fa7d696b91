// `scw audit` on a generated corpus of three devices (48 kHz stereo PCM24, one folder per device):
// filed correctly it lists nothing (exit 0); with one of phone's own scenes copied into peaky's
// folder and phone's recording of scene-1 in place of peaky's (a shifted row), it lists exactly
// those two as suspects, with phone as their best match (exit 3). Duplicates and anomalies are
// listed from a third copy of the corpus.
import { copyFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import type { LabelAuditReport } from '@shared/model/label-audit'
import { encodeWav } from '../../../src-main/audio'
import { openProject } from '../../../src-main/services/project'
import { relabel } from '../../../src-main/services/sources'
import { scw, tempFolder } from '../../helpers/cli'
import { writeCorpusFiles } from '../../helpers/corpus-files'
import { auditCorpus, type Corpus } from '../../helpers/device-corpus'

const tmp = tempFolder('scw-audit-')
let corpus: Corpus

beforeAll(async () => {
  await loadFft()
  corpus = auditCorpus({ durationSec: 2, devices: ['studio', 'phone', 'peaky'] })
}, 60_000)
afterAll(() => tmp.cleanup())

async function audit(name: string): Promise<{ code: number; report: LabelAuditReport }> {
  const project = join(tmp.dir, `${name}.scw`)
  const indexed = await scw('index', project, join(tmp.dir, name), '--labels', 'folders', '--json')
  expect(indexed.code, indexed.err).toBe(0)
  const r = await scw('audit', project, '--json')
  expect(r.err).not.toMatch(/Error/)
  return { code: r.code, report: JSON.parse(r.out) as LabelAuditReport }
}

const idOf = (name: string): number => corpus.recordings.find((r) => r.name === name)!.id

describe('scw audit', () => {
  it('lists nothing on a correctly labelled corpus', async () => {
    writeCorpusFiles(corpus.recordings, join(tmp.dir, 'clean'))
    const { code, report } = await audit('clean')
    console.log(`audit of the clean corpus: ${JSON.stringify(report.suspects)}`)
    expect(report).toMatchObject({ suspects: [], duplicates: [], anomalies: [], recordings: 21 })
    expect(report.fitted).toBe(21)
    expect(code).toBe(0)
  }, 180_000)

  it('lists exactly the two recordings filed under the wrong device', async () => {
    const dir = join(tmp.dir, 'misfiled')
    const replaced = idOf('peaky/scene-1.wav')
    const fileUnder = new Map([
      [idOf('phone/own-110.wav'), 'peaky'],
      [idOf('phone/scene-1.wav'), 'peaky'],
    ])
    writeCorpusFiles(
      corpus.recordings.filter((r) => r.id !== replaced),
      dir,
      fileUnder,
    )
    const { code, report } = await audit('misfiled')
    console.log(
      `audit of the misfiled corpus: ${report.suspects.map((s) => `${s.path.slice(dir.length + 1)} labelled ${s.device}, best ${s.bestMatch}, score ${s.score} dB (${s.method})`).join('; ')}`,
    )
    expect(code).toBe(3)
    expect(report.duplicates).toEqual([])
    expect(report.anomalies).toEqual([])
    const listed = report.suspects
      .map((s) => [s.path.slice(dir.length + 1), s.device, s.bestMatch, s.method].join(' '))
      .sort()
    expect(listed).toEqual([
      'peaky/own-110.wav peaky phone device-mean',
      'peaky/scene-1.wav peaky phone aligned',
    ])
    for (const s of report.suspects) expect(s.score).toBeGreaterThan(3)
    // Something of phone to listen to beside each: its scene-1 is the one misfiled, so none aligned.
    expect(report.suspects.map((s) => s.compareWith?.path.slice(dir.length + 1))).toEqual([
      'phone/own-111.wav',
      'phone/own-111.wav',
    ])
  }, 180_000)

  it('lists exact duplicates and anomalies, and prints them for people', async () => {
    const dir = join(tmp.dir, 'odd')
    writeCorpusFiles(corpus.recordings, dir)
    // A copy across devices and one within a device (new names, so new groups).
    copyFileSync(join(dir, 'studio/own-100.wav'), join(dir, 'phone/copy-a.wav'))
    copyFileSync(join(dir, 'peaky/own-120.wav'), join(dir, 'peaky/copy-b.wav'))
    const silence = new Float32Array(48000)
    writeFileSync(
      join(dir, 'studio/silent.wav'),
      encodeWav([silence, silence], 48000, 'pcm24').bytes,
    )
    const tone = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin(i / 3))
    writeFileSync(join(dir, 'phone/low-rate.wav'), encodeWav([tone, tone], 16000, 'pcm16').bytes)
    const loud = Float32Array.from({ length: 48000 }, (_, i) =>
      Math.max(-1, Math.min(1, 3 * Math.sin(i / 7))),
    )
    writeFileSync(join(dir, 'peaky/clipped.wav'), encodeWav([loud], 48000, 'pcm24').bytes)
    rmSync(join(dir, 'peaky/own-121.wav'))
    const { code, report } = await audit('odd')
    const rel = (p: string): string => p.slice(dir.length + 1)
    expect(code).toBe(3)
    expect(
      report.duplicates.map((d) => ({ kind: d.kind, paths: d.recordings.map((r) => rel(r.path)) })),
    ).toEqual([
      { kind: 'within-device', paths: ['peaky/copy-b.wav', 'peaky/own-120.wav'] },
      { kind: 'across-devices', paths: ['phone/copy-a.wav', 'studio/own-100.wav'] },
    ])
    const anomalies = report.anomalies.map((a) => [
      a.kind,
      a.recordings.map((r) => rel(r.path)).join(),
    ])
    expect(anomalies).toEqual([
      ['channels', 'peaky/clipped.wav'],
      ['clipped', 'peaky/clipped.wav'],
      ['sample-rate', 'phone/low-rate.wav'],
      ['silent', 'studio/silent.wav'],
    ])
    expect(report.anomalies.find((a) => a.kind === 'sample-rate')?.detail).toBe(
      '16000 Hz; the other recordings of phone: 48000 Hz',
    )
    const text = await scw('audit', join(tmp.dir, 'odd.scw'))
    expect(text.code).toBe(3)
    expect(text.out).toMatch(/exact duplicates: 2\n {2}within-device: .*copy-b\.wav \(peaky\) = /)
    expect(text.out).toMatch(/silent: .*silent\.wav: RMS below −100 dBFS/)

    // A relabelled group: phone's copy now claims to be phone's recording of scene-0 as well.
    const project = openProject(join(tmp.dir, 'odd.scw'))
    const copy = report.duplicates[1].recordings.find((r) => r.device === 'phone')!
    relabel(project, [copy.id], { group: 'scene-0' })
    project.close()
    const again = JSON.parse((await scw('audit', join(tmp.dir, 'odd.scw'), '--json')).out)
    const twice = (again as LabelAuditReport).anomalies.filter(
      (a) => a.kind === 'device-twice-in-group',
    )
    expect(twice.map((a) => [a.recordings.map((r) => rel(r.path)), a.detail])).toEqual([
      [['phone/copy-a.wav', 'phone/scene-0.wav'], 'phone recorded group scene-0 2 times'],
    ])
  }, 180_000)

  it('lists none on the same corpus without the two misfiled recordings', async () => {
    const gone = new Set(['peaky/scene-1.wav', 'phone/own-110.wav', 'phone/scene-1.wav'].map(idOf))
    writeCorpusFiles(
      corpus.recordings.filter((r) => !gone.has(r.id)),
      join(tmp.dir, 'without'),
    )
    const { code, report } = await audit('without')
    expect(report).toMatchObject({ suspects: [], duplicates: [], anomalies: [], recordings: 18 })
    expect(code).toBe(0)
  }, 180_000)

  it('names a missing project', async () => {
    const r = await scw('audit', join(tmp.dir, 'none.scw'))
    expect(r.code).toBe(2)
  })
})
