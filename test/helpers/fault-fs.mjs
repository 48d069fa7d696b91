// A full disk for a child `scw` process where no small file system can be mounted: writes into
// SCW_FAULT_DIR fail with ENOSPC once the files there would hold more than SCW_FAULT_QUOTA
// bytes, as on a full disk (removing files frees room again). It patches node:fs/promises
// underneath the app's own code (open, FileHandle.write, FileHandle.writeFile), so the app's
// real write paths meet the failure. Loaded with `node --import`; it loads itself into every
// worker thread as well, where the export writes its files.
import module from 'node:module'
import { lstatSync, readdirSync } from 'node:fs'
import fsp from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import wt from 'node:worker_threads'

const dir = resolve(process.env.SCW_FAULT_DIR ?? '/nonexistent')
const quota = Number(process.env.SCW_FAULT_QUOTA ?? Infinity)
const self = import.meta.url

/** Bytes held by the files under `path`. */
function used(path = dir) {
  let n = 0
  let entries
  try {
    entries = readdirSync(path, { withFileTypes: true })
  } catch {
    return 0
  }
  for (const e of entries) {
    const p = join(path, e.name)
    if (e.isDirectory()) n += used(p)
    else if (e.isFile()) n += lstatSync(p).size
  }
  return n
}

function sizeOf(path) {
  try {
    return lstatSync(path).size
  } catch {
    return 0
  }
}

function enospc() {
  const e = new Error('ENOSPC: no space left on device, write')
  e.code = 'ENOSPC'
  e.errno = -28
  e.syscall = 'write'
  return e
}

const paths = new Map()
/** Throws ENOSPC when `growth` more bytes in the handle's file would pass the quota. */
function check(handle, end) {
  const path = paths.get(handle.fd)
  if (!path || !(path === dir || path.startsWith(dir + sep))) return
  const growth = Math.max(0, end - sizeOf(path))
  if (growth > 0 && used() + growth > quota) throw enospc()
}

const originalOpen = fsp.open
fsp.open = async function open(path, ...rest) {
  const handle = await originalOpen.call(this, path, ...rest)
  paths.set(handle.fd, resolve(String(path)))
  return handle
}
const probe = await originalOpen(fileURLToPath(self), 'r')
const FileHandle = Object.getPrototypeOf(probe)
await probe.close()

const byteLength = (data) =>
  typeof data === 'string' ? Buffer.byteLength(data) : (data.byteLength ?? data.length)

const originalWrite = FileHandle.write
FileHandle.write = async function write(data, a, b, c) {
  let n
  let position
  if (typeof data === 'string') {
    n = Buffer.byteLength(data)
    position = typeof a === 'number' ? a : null
  } else if (a !== null && typeof a === 'object') {
    n = a.length ?? byteLength(data) - (a.offset ?? 0)
    position = a.position ?? null
  } else {
    n = b ?? byteLength(data) - (a ?? 0)
    position = typeof c === 'number' ? c : null
  }
  const path = paths.get(this.fd)
  check(this, (position ?? (path ? sizeOf(path) : 0)) + n)
  return originalWrite.call(this, data, a, b, c)
}
const originalWriteFile = FileHandle.writeFile
FileHandle.writeFile = async function writeFile(data, options) {
  check(this, byteLength(data))
  return originalWriteFile.call(this, data, options)
}

// Worker threads start without --import: each one loads this file before its own script.
const OriginalWorker = wt.Worker
wt.Worker = class extends OriginalWorker {
  constructor(filename, options = {}) {
    if (options.eval) {
      super(filename, options)
      return
    }
    const href =
      filename instanceof URL
        ? filename.href
        : String(filename).startsWith('file:')
          ? String(filename)
          : pathToFileURL(String(filename)).href
    super(`import(${JSON.stringify(self)}).then(() => import(${JSON.stringify(href)}))`, {
      ...options,
      eval: true,
    })
  }
}
module.syncBuiltinESMExports()
