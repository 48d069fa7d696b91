// .npy/.npz written in pure TypeScript: read back by our own reader (always) and by numpy (where
// the machine's python3 has it, else the test says it skipped and why).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deflateSync } from 'node:zlib'
import { crc32 } from '@shared/io/crc32'
import { adler32, base64, encodeIndexedPng } from '@shared/io/png'
import { decodeNpy, encodeNpy } from '@shared/io/npy'
import { decodeNpz, encodeNpz, npy, type NpyArray } from '@shared/io/npz'
import { utf8Decode, utf8Encode } from '@shared/io/utf8'
import { concatBytes, unzipStored, zipStored } from '@shared/io/zip'
import { decodePng } from '../../helpers/png-decode'
import { NUMPY, runPython, withNumpy } from '../../helpers/python'

const tmp = mkdtempSync(join(tmpdir(), 'scw-npz-'))

const arrays: Record<string, NpyArray> = {
  mean_log: npy.f4(
    Float32Array.from({ length: 12 }, (_, i) => i / 3 - 2),
    [3, 4],
  ),
  frequencies: npy.f8([0, 21.533203125, 1e-300, -0.5]),
  frames: npy.i4([431, -7, 2147483647]),
  device: npy.strings(['a', 'Pixel 7', 'zoom-h4n', 'ü-🎧']),
  empty: npy.strings([]),
  hop: npy.scalar(512),
  reference: npy.scalar('a'),
  rate: npy.scalar(44100.5, 'f8'),
}

function values(a: NpyArray): unknown[] {
  return Array.from(a.data as ArrayLike<unknown>)
}

describe('npy and npz', () => {
  it('read back what they wrote: dtypes, shapes, values, 0-d arrays and names', () => {
    const bytes = concatBytes(encodeNpz(arrays))
    const back = decodeNpz(bytes)
    expect(Object.keys(back)).toEqual(Object.keys(arrays))
    for (const [name, a] of Object.entries(arrays)) {
      expect(back[name].dtype).toBe(a.dtype)
      expect(back[name].shape).toEqual(a.shape)
      expect(values(back[name])).toEqual(values(a))
    }
  })

  it('align the data of every .npy to 64 bytes, as numpy writes', () => {
    for (const a of Object.values(arrays)) {
      const [header] = encodeNpy(a)
      expect(header.length % 64).toBe(0)
      expect(header[header.length - 1]).toBe(0x0a)
    }
    const [header] = encodeNpy(npy.strings(['ab', 'cde']))
    expect(String.fromCharCode(...header.subarray(10)).trim()).toBe(
      "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }",
    )
  })

  it('refuse what numpy could not load, naming the array', () => {
    expect(() => encodeNpz({ 'bad name': npy.f4([1]) })).toThrow('array name "bad name"')
    expect(() => encodeNpz({ x: npy.f4([1, 2, 3], [2, 2]) })).toThrow(
      'x: shape [2,2] needs 4 values',
    )
    expect(() => encodeNpz({ s: npy.strings(['a\0b']) })).toThrow(
      's: the string "a\\u0000b" holds a NUL',
    )
    expect(() => npy.i4([1.5])).toThrow('value 1.5 at 0 does not fit an int32 array')
    const [header, data] = encodeNpy(npy.f4([1, 2], [2, 1]))
    const text = String.fromCharCode(...header).replace(
      "'fortran_order': False",
      "'fortran_order': True ",
    )
    const fortran = concatBytes([Uint8Array.from(text, (c) => c.charCodeAt(0)), data])
    expect(() => decodeNpy(fortran, 'f')).toThrow('f: Fortran-order arrays are not read')
    const f2 = String.fromCharCode(...header).replace("'<f4'", "'>f4'")
    expect(() =>
      decodeNpy(concatBytes([Uint8Array.from(f2, (c) => c.charCodeAt(0)), data]), 'g'),
    ).toThrow('g: dtype >f4 is not read')
  })

  it('keep each zip entry stored, with its CRC-32, and detect damage', () => {
    expect(crc32(utf8Encode('123456789'))).toBe(0xcbf43926)
    const bytes = concatBytes(
      zipStored([{ name: 'a.npy', parts: [utf8Encode('hello'), utf8Encode(' world')] }]),
    )
    expect(utf8Decode(unzipStored(bytes).get('a.npy')!)).toBe('hello world')
    bytes[30 + 5 + 2] ^= 1
    expect(() => unzipStored(bytes)).toThrow('zip entry a.npy fails its CRC-32 check')
    expect(() =>
      zipStored([
        { name: 'x', parts: [] },
        { name: 'x', parts: [] },
      ]),
    ).toThrow('appears twice')
    expect(utf8Decode(utf8Encode('ü-🎧 é'))).toBe('ü-🎧 é')
  })

  it.skipIf(!NUMPY.ok)(withNumpy('numpy.load(allow_pickle=False) reads every array'), () => {
    const path = join(tmp, 'arrays.npz')
    writeFileSync(path, concatBytes(encodeNpz(arrays)))
    const got = runPython<Record<string, { dtype: string; shape: number[]; values: unknown }>>(
      `
import json, sys, numpy as np
z = np.load(sys.argv[1], allow_pickle=False)
print(json.dumps({k: {'dtype': z[k].dtype.str, 'shape': list(z[k].shape), 'values': z[k].tolist()} for k in z.files}))
`,
      [path],
    )
    expect(got.mean_log).toEqual({
      dtype: '<f4',
      shape: [3, 4],
      values: [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => Math.fround((r * 4 + c) / 3 - 2))),
    })
    expect(got.frequencies).toEqual({
      dtype: '<f8',
      shape: [4],
      values: [0, 21.533203125, 1e-300, -0.5],
    })
    expect(got.frames).toEqual({ dtype: '<i4', shape: [3], values: [431, -7, 2147483647] })
    expect(got.device).toEqual({
      dtype: '<U8',
      shape: [4],
      values: ['a', 'Pixel 7', 'zoom-h4n', 'ü-🎧'],
    })
    expect(got.empty).toEqual({ dtype: '<U1', shape: [0], values: [] })
    expect(got.hop).toEqual({ dtype: '<i4', shape: [], values: 512 })
    expect(got.reference).toEqual({ dtype: '<U1', shape: [], values: 'a' })
    expect(got.rate).toEqual({ dtype: '<f8', shape: [], values: 44100.5 })
  })

  it.skipIf(!NUMPY.ok)(withNumpy('reads what numpy.savez writes'), () => {
    const path = join(tmp, 'from-numpy.npz')
    runPython(
      `
import json, sys, numpy as np
np.savez(sys.argv[1], g=np.arange(6, dtype='<f4').reshape(2, 3), n=np.array(['x', 'yz']), k=np.int32(7))
print('null')
`,
      [path],
    )
    const z = decodeNpz(new Uint8Array(readFileSync(path)))
    expect(z.g).toEqual({ dtype: 'f4', shape: [2, 3], data: Float32Array.from([0, 1, 2, 3, 4, 5]) })
    expect(z.n).toEqual({ dtype: 'U', shape: [2], data: ['x', 'yz'] })
    expect(z.k).toEqual({ dtype: 'i4', shape: [], data: Int32Array.from([7]) })
  })
})

describe('palette PNG', () => {
  it('refuses images it cannot encode, naming the problem', () => {
    const palette = [[0, 0, 0] as const]
    expect(() =>
      encodeIndexedPng({ width: 0, height: 1, pixels: new Uint8Array(0), palette }),
    ).toThrow('image 0×1')
    expect(() =>
      encodeIndexedPng({ width: 2, height: 1, pixels: new Uint8Array(1), palette }),
    ).toThrow('needs 2 pixels, got 1')
    expect(() =>
      encodeIndexedPng({ width: 1, height: 1, pixels: Uint8Array.of(1), palette }),
    ).toThrow('pixel 0 indexes colour 1 of a 1-colour palette')
  })

  it('decodes to its pixels, stored or compressed, and splits long data into 64 KiB blocks', () => {
    const width = 300
    const height = 400 // 120,400 bytes of rows: two stored blocks
    const pixels = Uint8Array.from({ length: width * height }, (_, i) => (i * 7) % 3)
    const palette = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ] as const
    for (const png of [
      encodeIndexedPng({ width, height, pixels, palette }),
      encodeIndexedPng({ width, height, pixels, palette }, (d) => deflateSync(d)),
    ]) {
      const back = decodePng(png)
      expect([back.width, back.height]).toEqual([width, height])
      expect(back.indices).toEqual(pixels)
      expect(Array.from(back.rgba.subarray(4, 8))).toEqual([0, 255, 0, 255])
    }
    expect(adler32(utf8Encode('Wikipedia'))).toBe(0x11e60398)
    expect(base64(utf8Encode('any carnal pleas'))).toBe(
      Buffer.from('any carnal pleas').toString('base64'),
    )
    expect(base64(utf8Encode('any carnal pleasu'))).toBe(
      Buffer.from('any carnal pleasu').toString('base64'),
    )
  })
})
