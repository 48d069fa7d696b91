import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import type { MediaBody } from '../../../src-main/backend/types'
import { mediaResponse, parseRange } from '../../../src-main/http/media-response'
import { toWebResponse } from '../../../src-main/http/reply'

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251)
const inMemory: MediaBody = { bytes, size: bytes.length, contentType: 'audio/wav' }
const dir = mkdtempSync(join(tmpdir(), 'scw-media-'))
const file = join(dir, 'a.wav')
writeFileSync(file, bytes)
const { dev, ino } = statSync(file)
const onDisk: MediaBody = {
  file: { path: file, size: bytes.length, dev, ino },
  size: bytes.length,
  contentType: 'audio/wav',
}
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

describe('parseRange', () => {
  const size = 1000
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-499', { kind: 'partial', range: { start: 0, end: 499 } }],
    ['bytes=100-', { kind: 'partial', range: { start: 100, end: 999 } }],
    ['bytes=-500', { kind: 'partial', range: { start: 500, end: 999 } }],
    ['bytes=-5000', { kind: 'partial', range: { start: 0, end: 999 } }],
    ['bytes=900-5000', { kind: 'partial', range: { start: 900, end: 999 } }],
    ['BYTES = 5-5', { kind: 'partial', range: { start: 5, end: 5 } }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5000-6000', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // Ignored (whole body): several ranges, other units, nonsense, reversed.
    ['bytes=0-9,20-29', { kind: 'whole' }],
    ['items=0-9', { kind: 'whole' }],
    ['bytes=abc', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=9-0', { kind: 'whole' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })

  it('finds nothing satisfiable in an empty body', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' })
  })
})

describe('mediaResponse', () => {
  for (const [name, body] of [
    ['bytes', inMemory],
    ['file', onDisk],
  ] as const) {
    it(`serves the whole body with 200 (${name})`, async () => {
      const r = mediaResponse(body, { method: 'GET' })
      expect(r.status).toBe(200)
      expect(r.headers['Accept-Ranges']).toBe('bytes')
      expect(r.headers['Content-Length']).toBe('1000')
      expect(r.headers['Content-Range']).toBeUndefined()
      expect(Buffer.compare(await read(r.body!()), Buffer.from(bytes))).toBe(0)
    })

    it(`serves a range with 206 and Content-Range (${name})`, async () => {
      const r = mediaResponse(body, { method: 'GET', range: 'bytes=100-199' })
      expect(r.status).toBe(206)
      expect(r.headers['Content-Range']).toBe('bytes 100-199/1000')
      expect(r.headers['Content-Length']).toBe('100')
      expect([...(await read(r.body!()))]).toEqual([...bytes.subarray(100, 200)])
    })

    it(`serves suffix and open ranges (${name})`, async () => {
      const suffix = mediaResponse(body, { method: 'GET', range: 'bytes=-500' })
      expect(suffix.headers['Content-Range']).toBe('bytes 500-999/1000')
      expect([...(await read(suffix.body!()))]).toEqual([...bytes.subarray(500)])
      const open = mediaResponse(body, { method: 'GET', range: 'bytes=990-' })
      expect(open.headers['Content-Range']).toBe('bytes 990-999/1000')
      expect([...(await read(open.body!()))]).toEqual([...bytes.subarray(990)])
    })
  }

  it('answers an unsatisfiable range with 416 and the size', () => {
    const r = mediaResponse(inMemory, { method: 'GET', range: 'bytes=1000-' })
    expect(r.status).toBe(416)
    expect(r.headers['Content-Range']).toBe('bytes */1000')
    expect(r.body).toBeNull()
  })

  it('answers HEAD with the headers of GET and no body', () => {
    const r = mediaResponse(onDisk, { method: 'HEAD', range: 'bytes=0-9' })
    expect(r.status).toBe(206)
    expect(r.headers['Content-Length']).toBe('10')
    expect(r.headers['Content-Range']).toBe('bytes 0-9/1000')
    expect(r.body).toBeNull()
  })

  it('serves several ranges as the whole body (decision: one range per response)', () => {
    const r = mediaResponse(inMemory, { method: 'GET', range: 'bytes=0-9,20-29' })
    expect(r.status).toBe(200)
    expect(r.headers['Content-Length']).toBe('1000')
  })

  it('refuses other methods with 405', () => {
    const r = mediaResponse(inMemory, { method: 'POST' })
    expect(r.status).toBe(405)
    expect(r.headers.Allow).toBe('GET, HEAD')
  })

  it('becomes a fetch Response for the Electron protocol', async () => {
    const r = toWebResponse(mediaResponse(inMemory, { method: 'GET', range: 'bytes=-4' }))
    expect(r.status).toBe(206)
    expect(r.headers.get('content-range')).toBe('bytes 996-999/1000')
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([...bytes.subarray(996)])
  })
})
