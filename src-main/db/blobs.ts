// Typed arrays in BLOB columns, little-endian (every platform the app runs on).

/** Float32 BLOB of any numeric array. */
export function toF32Blob(values: ArrayLike<number>): Buffer {
  const a = Float32Array.from(values)
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
}

/** Float64 BLOB of any numeric array. */
export function toF64Blob(values: ArrayLike<number>): Buffer {
  const a = Float64Array.from(values)
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
}

/** Int32 BLOB of ids. */
export function toI32Blob(values: ArrayLike<number>): Buffer {
  const a = Int32Array.from(values)
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
}

function aligned(blob: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(blob.byteLength)
  copy.set(blob)
  return copy.buffer
}

export function fromF32Blob(blob: Uint8Array): Float32Array {
  return new Float32Array(aligned(blob))
}

export function fromF64Blob(blob: Uint8Array): Float64Array {
  return new Float64Array(aligned(blob))
}

export function fromI32Blob(blob: Uint8Array): Int32Array {
  return new Int32Array(aligned(blob))
}
