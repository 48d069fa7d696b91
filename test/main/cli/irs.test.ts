// `scw irs` on a generated 48 kHz corpus (stereo PCM24, a flat reference and devices with known
// responses, one with 16 kHz files): the folder holds only the IR WAVs and impulse_responses.csv,
// and convolving the reference's recordings with a device's IR (at its CSV level) brings their
// mean spectrum within 1 dB RMS of the device's over the pair's valid band, for both phases.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { causalAsCentred } from '@shared/dsp/device-ir'
import { deviceSpectra, pairedSpreads, type DeviceSpectrum } from '@shared/dsp/device-spectra'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { loadFft } from '@shared/dsp/fft'
import { applyFirCentered } from '@shared/dsp/fir-filter'
import { spectrumDistanceDb } from '@shared/dsp/spectrum-distance'
import { fftFrequencies } from '@shared/dsp/stft-options'
import { validBand } from '@shared/dsp/valid-band'
import { decodeAudioFile } from '../../../src-main/audio'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { writeCorpusFiles } from '../../helpers/corpus-files'
import { analyseMono, analyseRecordings, mixdown } from '../../helpers/correction-pipeline'
import { auditCorpus, type Corpus } from '../../helpers/device-corpus'
import { NUMPY, runPython, withNumpy } from '../../helpers/python'

const SETTINGS = { sampleRate: 48000, nFft: 2048, hopLength: 512 }
const tmp = tempFolder('scw-irs-')
const project = join(tmp.dir, 'p.scw')
let corpus: Corpus
let records: SummaryRecord[]
let spectra: Record<string, DeviceSpectrum>

interface IrsJson {
  outDir: string
  reference: string
  sampleRate: number
  taps: number
  phase: string
  irs: { file: string; device: string; levelDb: number; errorRmsDb: number }[]
  skipped: { device: string; reason: string }[]
  removed: string[]
}

/** Rows of a CSV without quoted fields (the test's device names need none). */
const csvRows = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','))

beforeAll(async () => {
  await loadFft()
  corpus = auditCorpus({ durationSec: 2 })
  writeCorpusFiles(corpus.recordings, join(tmp.dir, 'corpus'))
  await scwJson('index', project, join(tmp.dir, 'corpus'), '--labels', 'folders')
  await scwJson('estimate', project, '--reference', corpus.reference)
  records = analyseRecordings(corpus.recordings, SETTINGS)
  spectra = deviceSpectra(records, { sampleRate: SETTINGS.sampleRate })
}, 120_000)
afterAll(() => tmp.cleanup())

/** RMS dB between the device and the reference's recordings convolved with its IR file. */
async function irDistance(dir: string, file: string, levelDb: number, phase: string) {
  const { info, channels } = await decodeAudioFile(join(dir, file))
  expect(info).toMatchObject({ sampleRate: 48000, channels: 1 })
  const device = file.slice(0, file.indexOf('_to_'))
  const scale = Math.pow(10, levelDb / 20)
  const ir = Array.from(channels[0], (v) => v * scale)
  const h = phase === 'minimum' ? causalAsCentred(ir) : ir
  const outputs = corpus.recordings
    .filter((r) => r.device === corpus.reference)
    .map((r) => analyseMono(r, applyFirCentered(mixdown(r.channels), h), SETTINGS))
  const mean = Object.values(deviceSpectra(outputs, { sampleRate: SETTINGS.sampleRate }))[0]
  const band = validBand(spectra[device], spectra[corpus.reference], {
    ...SETTINGS,
    spreads: pairedSpreads(records, device, corpus.reference, SETTINGS),
  })
  const f = fftFrequencies(SETTINGS)
  return {
    device,
    rmsDb: spectrumDistanceDb(mean.meanLogDb, spectra[device].meanLogDb, f, band.bandHz!),
    beforeDb: spectrumDistanceDb(
      spectra[corpus.reference].meanLogDb,
      spectra[device].meanLogDb,
      f,
      band.bandHz!,
    ),
  }
}

describe('scw irs', () => {
  it('writes the IRs at the corpus rate by default, whatever the analysis rate', async () => {
    const out = join(tmp.dir, 'default-rate')
    const r = await scwJson<IrsJson>('irs', project, out)
    // The project analyses at 44.1 kHz; the corpus is mostly 48 kHz files.
    expect(r).toMatchObject({
      reference: 'studio',
      sampleRate: 48000,
      phase: 'minimum',
      taps: 1025,
    })
    expect(r.irs.map((x) => x.device)).toEqual(['dark', 'mixed', 'peaky', 'phone'])
  }, 120_000)

  describe.each(['minimum', 'linear'] as const)('%s phase', (phase) => {
    const out = join(tmp.dir, `irs-${phase}`)
    let r: IrsJson

    beforeAll(async () => {
      await scwJson('analyze', project, '--sample-rate', '48000')
      r = await scwJson<IrsJson>('irs', project, out, '--phase', phase)
    }, 120_000)

    it('holds only the IR WAVs and impulse_responses.csv, which names them first', () => {
      const files = r.irs.map((x) => x.file)
      expect(files).toEqual([
        'dark_to_studio_inverse.wav',
        'mixed_to_studio_inverse.wav',
        'peaky_to_studio_inverse.wav',
        'phone_to_studio_inverse.wav',
      ])
      expect(readdirSync(out).sort()).toEqual([...files, 'impulse_responses.csv'].sort())
      const rows = csvRows(readFileSync(join(out, 'impulse_responses.csv'), 'utf8'))
      expect(rows[0]).toEqual([
        'impulse_responses',
        'device',
        'reference',
        'sample_rate',
        'taps',
        'phase',
        'level_db',
      ])
      expect(rows.slice(1).map((row) => row.slice(0, 6))).toEqual(
        r.irs.map((x) => [x.file, x.device, 'studio', '48000', '1025', phase]),
      )
      rows.slice(1).forEach((row, i) => expect(Number(row[6])).toBeCloseTo(r.irs[i].levelDb, 3))
    })

    it('brings the reference within 1 dB RMS of each device over its valid band', async () => {
      const figures = []
      for (const x of r.irs) figures.push(await irDistance(out, x.file, x.levelDb, phase))
      console.log(
        `IR acceptance, ${phase} phase (device: RMS dB after convolution; before): ${figures
          .map((f) => `${f.device} ${f.rmsDb.toFixed(3)} (${f.beforeDb.toFixed(1)})`)
          .join(', ')}`,
      )
      for (const f of figures) {
        expect(f.rmsDb, f.device).toBeLessThan(1)
        expect(f.beforeDb, f.device).toBeGreaterThan(2)
      }
    }, 120_000)
  })

  it.skipIf(!NUMPY.ok)(withNumpy('is read as DIR augmentation and audiomentations read it'), () => {
    // The DIR code reads the CSV's `impulse_responses` column; audiomentations takes every audio
    // file of the folder. Both must find the same mono float32 files.
    const out = join(tmp.dir, 'irs-minimum')
    const found = runPython<{ csv: string[]; folder: string[]; shapes: number[][] }>(
      `
import csv, json, os, sys
import numpy as np
from scipy.io import wavfile
d = sys.argv[1]
with open(os.path.join(d, 'impulse_responses.csv'), newline='') as f:
    names = [row['impulse_responses'] for row in csv.DictReader(f)]
audio = sorted(n for n in os.listdir(d) if n.lower().endswith(('.wav', '.flac', '.mp3', '.ogg')))
shapes = []
for n in names:
    rate, x = wavfile.read(os.path.join(d, n))
    assert x.dtype == np.float32, x.dtype
    shapes.append([rate, x.ndim, len(x)])
print(json.dumps({'csv': sorted(names), 'folder': audio, 'shapes': shapes}))
`,
      [out],
    )
    expect(found.folder).toEqual(found.csv)
    expect(found.shapes).toEqual(found.csv.map(() => [48000, 1, 1025]))
  })

  it('refuses a folder holding anything else, and replaces its own earlier IRs', async () => {
    const out = join(tmp.dir, 'reuse')
    await scwJson('irs', project, out)
    writeFileSync(join(out, 'notes.txt'), 'mine')
    const refused = await scw('irs', project, out)
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/holds files that scw irs did not write \(notes\.txt\)/)
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine')

    const again = join(tmp.dir, 'again')
    await scwJson('irs', project, again)
    const fewer = await scwJson<IrsJson>('irs', project, again, '--devices', 'phone')
    expect(fewer.removed).toEqual([
      'dark_to_studio_inverse.wav',
      'mixed_to_studio_inverse.wav',
      'peaky_to_studio_inverse.wav',
    ])
    expect(readdirSync(again).sort()).toEqual([
      'impulse_responses.csv',
      'phone_to_studio_inverse.wav',
    ])
  }, 120_000)

  it('names the bad device, phase and taps', async () => {
    const out = join(tmp.dir, 'bad')
    expect((await scw('irs', project, out, '--devices', 'nope')).err).toMatch(
      /--devices nope: no such device in the estimate \(devices: dark, mixed, peaky, phone, studio\)/,
    )
    expect((await scw('irs', project, out, '--devices', 'studio')).err).toMatch(
      /studio is the reference/,
    )
    const even = await scw('irs', project, out, '--phase', 'linear', '--taps', '1024')
    expect(even.code).toBe(1)
    expect(even.err).toMatch(/--taps 1024: must be odd/)
    expect((await scw('irs', project, out, '--phase', 'mixed')).err).toMatch(
      /--phase mixed: expected one of minimum, linear/,
    )
  }, 60_000)
})
