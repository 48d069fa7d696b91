import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

const EDGE = 16 * 1024

/**
 * A fast content signature: SHA-1 of the size and the first and last 16 KiB. It tells a changed
 * file from an unchanged one when mtimes cannot be trusted (copies between machines). Reads are
 * synchronous: this runs in worker threads, where blocking costs nothing and saves the hop
 * through libuv's thread pool.
 */
export function contentHash(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const { size } = fstatSync(fd)
    const hash = createHash('sha1').update(String(size))
    const head = Buffer.alloc(Math.min(EDGE, size))
    readSync(fd, head, 0, head.length, 0)
    hash.update(head)
    if (size > EDGE) {
      const tail = Buffer.alloc(Math.min(EDGE, size - EDGE))
      readSync(fd, tail, 0, tail.length, size - tail.length)
      hash.update(tail)
    }
    return hash.digest('hex')
  } finally {
    closeSync(fd)
  }
}
