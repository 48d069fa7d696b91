/**
 * Reusable Float32Array/Uint8Array buffers for this thread. Allocating megabyte buffers for every
 * file makes the allocator map and unmap memory each time, and page faults on fresh pages
 * serialise worker threads of one process; reusing them lets analysis scale across threads.
 */
const free = { f32: new Map<number, Float32Array[]>(), u8: new Map<number, Uint8Array[]>() }

function take<T extends Float32Array | Uint8Array>(
  pool: Map<number, T[]>,
  length: number,
  make: (n: number) => T,
): T {
  return pool.get(length)?.pop() ?? make(length)
}

function give<T extends Float32Array | Uint8Array>(pool: Map<number, T[]>, buffer: T): void {
  const list = pool.get(buffer.length)
  if (!list) pool.set(buffer.length, [buffer])
  else if (list.length < 4) list.push(buffer)
}

/** A Float32Array of exactly `length` (contents undefined); return it with `releaseF32`. */
export const acquireF32 = (length: number): Float32Array =>
  take(free.f32, length, (n) => new Float32Array(n))
export const releaseF32 = (buffer: Float32Array): void => give(free.f32, buffer)

/** A Uint8Array of exactly `length` (contents undefined); return it with `releaseU8`. */
export const acquireU8 = (length: number): Uint8Array =>
  take(free.u8, length, (n) => new Uint8Array(n))
export const releaseU8 = (buffer: Uint8Array): void => give(free.u8, buffer)
