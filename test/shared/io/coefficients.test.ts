// The coefficients' files: the JSON and CSV in the format the README documents (the Correction
// view's download, `scw estimate --format`, scw-export.json), the .npz with the same numbers,
// and numpy reads it.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  coefficientsCsv,
  coefficientsJson,
  coefficientsNpz,
  type CoefficientsExport,
} from '@shared/io/coefficients'
import { decodeNpz } from '@shared/io/npz'
import { concatBytes } from '@shared/io/zip'
import { NUMPY, runPython, withNumpy } from '../../helpers/python'

const estimate: CoefficientsExport = {
  id: 7,
  createdAt: '2026-11-25T16:00:00.000Z',
  appVersion: '0.1.0',
  variant: 'unaligned',
  reference: 'a',
  sampleRate: 44100,
  nFft: 4,
  hopLength: 2,
  maxPerDevice: null,
  seed: 0,
  frameGating: true,
  regularization: { maxBoostDb: 20 },
  recordingsOffered: 9,
  frequencies: Float64Array.from([0, 11025, 22050]),
  devices: {
    b: { device: 'b', coefficients: Float64Array.from([0, 0.5, 2]), recordings: 3, segments: 2 },
    a: { device: 'a', coefficients: Float64Array.from([1, 1, 1]), recordings: 5, segments: 5 },
  },
  missing: [{ device: 'd', reason: 'no alignment group shared with a' }],
}

describe('coefficients files', () => {
  it('JSON: the download format, key for key', () => {
    expect(coefficientsJson(estimate)).toBe(
      '{"estimateId":7,"appVersion":"0.1.0","createdAt":"2026-11-25T16:00:00.000Z","variant":"unaligned","reference":"a","sampleRate":44100,"nFft":4,"hopLength":2,"maxPerDevice":null,"seed":0,"frameGating":true,"regularization":{"maxBoostDb":20},"recordingsOffered":9,"frequencies":[0,11025,22050],"coefficients":{"b":[0,0.5,2],"a":[1,1,1]},"recordings":{"b":3,"a":5},"segments":{"b":2,"a":5},"missing":[{"device":"d","reason":"no alignment group shared with a"}]}\n',
    )
  })

  it('CSV: one row per bin, gain and dB (4 decimals, floored at −200 dB) per device', () => {
    expect(coefficientsCsv(estimate)).toBe(
      [
        'frequency_hz,b_gain,b_db,a_gain,a_db',
        '0,0,-200.0000,1,0.0000',
        '11025,0.5,-6.0206,1,0.0000',
        '22050,2,6.0206,1,0.0000',
        '',
      ].join('\n'),
    )
  })

  it('npz: the same numbers and provenance as arrays', () => {
    const z = decodeNpz(concatBytes(coefficientsNpz(estimate)))
    expect(z.gain).toEqual({
      dtype: 'f8',
      shape: [2, 3],
      data: Float64Array.from([0, 0.5, 2, 1, 1, 1]),
    })
    expect(z.device.data).toEqual(['b', 'a'])
    expect(Array.from(z.recordings.data as Int32Array)).toEqual([3, 5])
    expect(Array.from(z.gain_db.data as Float64Array).map((v) => v.toFixed(4))).toEqual([
      '-200.0000',
      '-6.0206',
      '6.0206',
      '0.0000',
      '0.0000',
      '0.0000',
    ])
    expect(z.reference).toEqual({ dtype: 'U', shape: [], data: ['a'] })
    expect(Array.from(z.max_per_device.data as Int32Array)).toEqual([-1])
    expect(Array.from(z.segments.data as Int32Array)).toEqual([2, 5])
    expect(Array.from(z.recordings_offered.data as Int32Array)).toEqual([9])
    expect(JSON.parse((z.regularization.data as string[])[0])).toEqual({ maxBoostDb: 20 })
    expect(z.missing_reason.data).toEqual(['no alignment group shared with a'])
    const short = {
      ...estimate,
      devices: { b: { device: 'b', coefficients: [1, 2], recordings: 1, segments: 1 } },
    }
    expect(() => coefficientsNpz(short)).toThrow('b: 2 coefficients for 3 frequencies')
  })

  it.skipIf(!NUMPY.ok)(withNumpy('npz: numpy reads the coefficients by device'), () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scw-coef-')), 'c.npz')
    writeFileSync(path, concatBytes(coefficientsNpz(estimate)))
    const got = runPython<{ b: number[]; hopLength: number; variant: string }>(
      `
import json, sys, numpy as np
z = np.load(sys.argv[1])
i = list(z['device']).index('b')
print(json.dumps({'b': z['gain'][i].tolist(), 'hopLength': int(z['hop_length']), 'variant': str(z['variant'])}))
`,
      [path],
    )
    expect(got).toEqual({ b: [0, 0.5, 2], hopLength: 2, variant: 'unaligned' })
  })
})
