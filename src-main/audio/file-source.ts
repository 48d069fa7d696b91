import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { AudioError } from './errors'

/** An open file read at byte offsets; a small window is cached so header walks cost few reads */
export interface FileSource {
  readonly path: string
  /** Bytes */
  readonly size: number
  /** Bytes [offset, offset + length), fewer only where the file ends; do not modify them */
  read(offset: number, length: number): Promise<Uint8Array>
  /** Reads into `target` from byte `offset`; returns the bytes read (fewer only at the end) */
  readInto(target: Uint8Array, offset: number): Promise<number>
  close(): Promise<void>
}

const WINDOW = 4096 // bytes per header read: one read covers nearly every header

/** Positioned reads of one open file, asynchronous or blocking. */
interface FileIo {
  read(target: Uint8Array, at: number, length: number, position: number): Promise<number>
  close(): Promise<void>
}

/**
 * Opens `path` for reading; failures become AudioError 'io' with the reason and a fix. With
 * `sync`, reads block the calling thread: right for worker threads, which have nothing else to
 * do meanwhile and save the hop through libuv's thread pool.
 */
export async function openSource(
  path: string,
  options: { sync?: boolean } = {},
): Promise<FileSource> {
  return options.sync ? openSync_(path) : openAsync(path)
}

async function openAsync(path: string): Promise<FileSource> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(path, 'r')
    const stat = await handle.stat()
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    const h = handle
    const io: FileIo = {
      read: async (target, at, length, position) =>
        (await h.read(target, at, length, position)).bytesRead,
      close: () => h.close(),
    }
    return new HandleSource(path, io, stat.size)
  } catch (e) {
    await handle?.close().catch(() => undefined)
    throw ioError(path, e)
  }
}

function openSync_(path: string): FileSource {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const stat = fstatSync(fd)
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
    const f = fd
    const io: FileIo = {
      read: (target, at, length, position) =>
        Promise.resolve(readSync(f, target, at, length, position)),
      close: () => Promise.resolve(closeSync(f)),
    }
    return new HandleSource(path, io, stat.size)
  } catch (e) {
    if (fd !== undefined) closeSync(fd)
    throw ioError(path, e)
  }
}

/** Wraps a failed fs call as AudioError 'io' naming the file, what went wrong and what to do */
export function ioError(path: string, e: unknown): AudioError {
  if (e instanceof AudioError) return e
  const code = (e as { code?: unknown } | null)?.code
  const reasons: Record<string, string> = {
    ENOENT: 'file not found; check the path',
    EACCES: 'permission denied; check the file permissions',
    EPERM: 'permission denied; check the file permissions',
    EISDIR: 'this is a folder, not a file',
    EMFILE: 'too many open files; close some files and retry',
    ENOSPC: 'the disk is full; free some space and retry',
  }
  const reason = typeof code === 'string' ? reasons[code] : undefined
  const detail = reason ?? `cannot access the file (${e instanceof Error ? e.message : String(e)})`
  return new AudioError(path, 'io', detail, { cause: e })
}

class HandleSource implements FileSource {
  private window = new Uint8Array(0)
  private windowStart = 0

  constructor(
    readonly path: string,
    private readonly io: FileIo,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.size)
    if (offset >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(offset - this.windowStart, end - this.windowStart)
    }
    const want = Math.max(0, Math.min(Math.max(length, WINDOW), this.size - offset))
    const buffer = new Uint8Array(want)
    const got = await this.readInto(buffer, offset)
    this.window = buffer.subarray(0, got)
    this.windowStart = offset
    return this.window.subarray(0, Math.min(length, got))
  }

  async readInto(target: Uint8Array, offset: number): Promise<number> {
    let done = 0
    try {
      while (done < target.length) {
        const bytesRead = await this.io.read(target, done, target.length - done, offset + done)
        if (bytesRead === 0) break
        done += bytesRead
      }
    } catch (e) {
      throw ioError(this.path, e)
    }
    return done
  }

  async close(): Promise<void> {
    await this.io.close()
  }
}

/** Runs `fn` on the opened file and always closes it */
export async function withSource<T>(path: string, fn: (s: FileSource) => Promise<T>): Promise<T> {
  const source = await openSource(path)
  try {
    return await fn(source)
  } finally {
    await source.close().catch(() => undefined)
  }
}

/** Reads the whole file (at most `maxBytes`, else AudioError 'unsupported') in one read */
export async function readWholeFile(path: string, maxBytes: number): Promise<Uint8Array> {
  return withSource(path, async (source) => {
    if (source.size > maxBytes) {
      throw new AudioError(
        path,
        'unsupported',
        `too large to decode at once (${source.size} bytes); stream it with openAudio`,
      )
    }
    // Not zero-filled: every byte is overwritten, and the fill costs as much as the read
    const bytes = Buffer.allocUnsafeSlow(source.size)
    return bytes.subarray(0, await source.readInto(bytes, 0))
  })
}

/** A FileSource over bytes already in memory, so the probe and decoders need no more reads */
export function memorySource(path: string, bytes: Uint8Array): FileSource {
  return {
    path,
    size: bytes.length,
    read: async (offset, length) => bytes.subarray(offset, Math.min(offset + length, bytes.length)),
    readInto: async (target, offset) => {
      const part = bytes.subarray(offset, Math.min(offset + target.length, bytes.length))
      target.set(part)
      return part.length
    },
    close: async () => undefined,
  }
}
