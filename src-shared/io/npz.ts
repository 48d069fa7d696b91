// NumPy's .npz: a zip of .npy files, one per named array. `numpy.load(path)` returns a mapping
// from the names to the arrays, with no pickles (allow_pickle=False reads it).
import { decodeNpy, encodeNpy, type NpyArray } from './npy'
import { unzipStored, zipStored } from './zip'

export type { NpyArray }

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The .npz of `arrays` (in their order) as parts to write one after another. */
export function encodeNpz(arrays: Readonly<Record<string, NpyArray>>): Uint8Array[] {
  return zipStored(
    Object.entries(arrays).map(([name, array]) => {
      if (!NAME.test(name))
        throw new Error(`array name ${JSON.stringify(name)}: use letters, digits and _`)
      return { name: `${name}.npy`, parts: encodeNpy(array, name) }
    }),
  )
}

/** The arrays of an .npz written with stored entries (as encodeNpz and numpy.savez write). */
export function decodeNpz(bytes: Uint8Array): Record<string, NpyArray> {
  const out: Record<string, NpyArray> = {}
  for (const [file, data] of unzipStored(bytes)) {
    const name = file.replace(/\.npy$/, '')
    out[name] = decodeNpy(data, name)
  }
  return out
}

/** Helpers for the common shapes. */
export const npy = {
  f4: (data: ArrayLike<number>, shape: readonly number[] = [data.length]): NpyArray => ({
    dtype: 'f4',
    shape,
    data: data instanceof Float32Array ? data : Float32Array.from(data),
  }),
  f8: (data: ArrayLike<number>, shape: readonly number[] = [data.length]): NpyArray => ({
    dtype: 'f8',
    shape,
    data: data instanceof Float64Array ? data : Float64Array.from(data),
  }),
  i4: (data: ArrayLike<number>, shape: readonly number[] = [data.length]): NpyArray => {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isInteger(data[i]) || Math.abs(data[i]) > 2 ** 31 - 1) {
        throw new Error(`value ${data[i]} at ${i} does not fit an int32 array`)
      }
    }
    return { dtype: 'i4', shape, data: data instanceof Int32Array ? data : Int32Array.from(data) }
  },
  strings: (data: readonly string[], shape: readonly number[] = [data.length]): NpyArray => ({
    dtype: 'U',
    shape,
    data,
  }),
  /** A 0-d array (a scalar): `int(z['hop'])`, `str(z['reference'])`. */
  scalar: (value: number | string, dtype: 'i4' | 'f8' = 'i4'): NpyArray =>
    typeof value === 'string'
      ? { dtype: 'U', shape: [], data: [value] }
      : dtype === 'i4'
        ? npy.i4([value], [])
        : npy.f8([value], []),
}
