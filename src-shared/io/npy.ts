// NumPy's .npy format (version 1.0): a magic string, a Python-literal header naming dtype and
// shape, then the raw little-endian C-order data. The dtypes written here are the ones
// `numpy.load(allow_pickle=False)` reads without pickles: float32 `<f4`, float64 `<f8`, int32
// `<i4` and fixed-width unicode `<U{n}` (UTF-32 code points, zero-padded).

export type NpyArray =
  | { dtype: 'f4'; shape: readonly number[]; data: Float32Array }
  | { dtype: 'f8'; shape: readonly number[]; data: Float64Array }
  | { dtype: 'i4'; shape: readonly number[]; data: Int32Array }
  | { dtype: 'U'; shape: readonly number[]; data: readonly string[] }

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] // \x93NUMPY
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1)

/** Code points of the longest string (at least 1: numpy has no `<U0` arrays of data). */
function unicodeWidth(data: readonly string[]): number {
  let n = 1
  for (const s of data) n = Math.max(n, [...s].length)
  return n
}

function descrOf(a: NpyArray): string {
  return a.dtype === 'U' ? `<U${unicodeWidth(a.data)}` : `<${a.dtype}`
}

function check(a: NpyArray, name: string): void {
  for (const d of a.shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new Error(`${name}: shape [${a.shape}] must hold non-negative integers`)
  }
  if (a.data.length !== count(a.shape)) {
    throw new Error(
      `${name}: shape [${a.shape}] needs ${count(a.shape)} values, the data holds ${a.data.length}`,
    )
  }
  if (a.dtype === 'U') {
    for (const s of a.data) {
      if (s.includes('\0'))
        throw new Error(
          `${name}: the string ${JSON.stringify(s)} holds a NUL, which <U arrays cannot keep`,
        )
    }
  }
}

/** The header block, padded with spaces so that the data starts at a multiple of 64 bytes. */
function header(a: NpyArray): Uint8Array {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`
  let dict = `{'descr': '${descrOf(a)}', 'fortran_order': False, 'shape': ${shape}, }`
  const total = 10 + dict.length + 1
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n'
  const out = new Uint8Array(10 + dict.length)
  out.set(MAGIC)
  out[6] = 1
  out[7] = 0
  new DataView(out.buffer).setUint16(8, dict.length, true)
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i)
  return out
}

/** The data bytes, little-endian (views of the arrays' own memory where the machine is LE). */
function body(a: NpyArray): Uint8Array {
  if (a.dtype === 'U') {
    const width = unicodeWidth(a.data)
    const out = new Uint8Array(a.data.length * width * 4)
    const view = new DataView(out.buffer)
    a.data.forEach((s, i) => {
      let j = 0
      for (const ch of s) view.setUint32((i * width + j++) * 4, ch.codePointAt(0)!, true)
    })
    return out
  }
  const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength)
  if (LITTLE_ENDIAN) return bytes
  const size = a.data.BYTES_PER_ELEMENT
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i < bytes.length; i += size)
    for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j]
  return out
}

/** The .npy file of `array` as parts to write one after another (header, then data). */
export function encodeNpy(array: NpyArray, name = 'array'): Uint8Array[] {
  check(array, name)
  return [header(array), body(array)]
}

/** Parses a .npy file of one of the dtypes above (C order); anything else is refused by name. */
export function decodeNpy(bytes: Uint8Array, name = 'array'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m))
    throw new Error(`${name}: not a .npy file`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const major = bytes[6]
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  const start = major === 1 ? 10 : 12
  const dict = String.fromCharCode(...bytes.subarray(start, start + headerLen))
  const descr = /'descr':\s*'([^']+)'/.exec(dict)?.[1]
  const fortran = /'fortran_order':\s*(True|False)/.exec(dict)?.[1]
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(dict)?.[1]
  if (!descr || !fortran || shapeText === undefined)
    throw new Error(`${name}: unreadable .npy header ${dict.trim()}`)
  if (fortran === 'True')
    throw new Error(`${name}: Fortran-order arrays are not read; save it in C order`)
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number)
  const n = count(shape)
  const data = bytes.subarray(start + headerLen)
  const aligned = (size: number): ArrayBuffer => {
    const copy = new Uint8Array(n * size)
    copy.set(data.subarray(0, n * size))
    if (!LITTLE_ENDIAN) {
      for (let i = 0; i < copy.length; i += size) copy.subarray(i, i + size).reverse()
    }
    return copy.buffer
  }
  if (descr === '<f4') return { dtype: 'f4', shape, data: new Float32Array(aligned(4)) }
  if (descr === '<f8') return { dtype: 'f8', shape, data: new Float64Array(aligned(8)) }
  if (descr === '<i4') return { dtype: 'i4', shape, data: new Int32Array(aligned(4)) }
  const u = /^<U(\d+)$/.exec(descr)
  if (u) {
    const width = Number(u[1])
    const strings: string[] = []
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength)
    for (let i = 0; i < n; i++) {
      let s = ''
      for (let j = 0; j < width; j++) {
        const c = dv.getUint32((i * width + j) * 4, true)
        if (c === 0) break
        s += String.fromCodePoint(c)
      }
      strings.push(s)
    }
    return { dtype: 'U', shape, data: strings }
  }
  throw new Error(`${name}: dtype ${descr} is not read (only <f4, <f8, <i4 and <U)`)
}
