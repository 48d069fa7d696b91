// Guarantee 9: browser mode serves only what was indexed. The real server on the real backend
// and project: an indexed file replaced by a link to /etc/passwd, by another file, or reached
// through a folder swapped for a link is not served; a preview of more samples than the bound
// is refused before anything is decoded; what the user asked wrongly answers 4xx with the
// message, never 500; the token URL does what the help says.
import {
  openSync,
  closeSync,
  ftruncateSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src-main/backend/backend'
import { startServer, type RunningServer } from '../../../src-main/server/server'
import { openProject } from '../../../src-main/services/project'
import { recordingsOf } from '../../../src-main/services/recordings'
import { MAX_PREVIEW_SAMPLES } from '../../../src-main/services/preview'
import { scw, scwJson, tempFolder } from '../../helpers/cli'
import { wavBytes, writeDcaseCorpus } from '../../helpers/integrity-corpus'
import { request } from '../server/http'

const tmp = tempFolder()
const corpus = join(tmp.dir, 'corpus')
const project = join(tmp.dir, 'p.scw')
let backend: Backend
let server: RunningServer
let auth: Record<string, string>
let ids: Record<string, number>

/** A 16-bit stereo WAV header for `frames` frames at `rate`, the data left sparse (silence). */
function sparseWav(path: string, rate: number, frames: number): void {
  const header = Buffer.from(wavBytes({ sampleRate: rate, format: 'pcm16', seconds: 0 }))
  const dataBytes = frames * 4
  header.writeUInt32LE(header.length - 8 + dataBytes, 4)
  header.writeUInt32LE(dataBytes, header.length - 4)
  const fd = openSync(path, 'w')
  writeSync(fd, header)
  ftruncateSync(fd, header.length + dataBytes)
  closeSync(fd)
}

beforeAll(async () => {
  writeDcaseCorpus(corpus, { perDevice: 3 })
  await scwJson('index', project, corpus, '--labels', 'dcase')
  await scwJson('estimate', project, '--reference', 'a')
  // The audit's preview: 10 minutes of 96 kHz stereo (a sparse file: no disk, no memory),
  // indexed but not analysed (its preview uses the estimate of its device).
  sparseWav(join(corpus, 'audio', 'lyon', 'park-lyon-9-0-b.wav'), 96000, 10 * 60 * 96000)
  // Within the bound: 80 s of 48 kHz stereo, 7,680,000 samples.
  sparseWav(join(corpus, 'audio', 'lyon', 'park-lyon-10-0-b.wav'), 48000, 80 * 48000)
  await scwJson('index', project, corpus)
  const p = openProject(project)
  try {
    ids = Object.fromEntries(recordingsOf(p).map((r) => [r.relativePath, r.id]))
  } finally {
    p.close()
  }
  backend = await createBackend({
    transport: 'browser',
    stateDir: join(tmp.dir, 'state'),
    demoDir: join(tmp.dir, 'demo'),
    projectPath: project,
  })
  server = await startServer({ backend })
  auth = { cookie: `scw_token_${server.port}=${server.token}` }
}, 60_000)
afterAll(async () => {
  await server.close()
  await backend.close()
  tmp.cleanup()
})

const get = (path: string) => request(server.port, path, { headers: auth })
const api = (method: string, body: unknown) =>
  request(server.port, `/api/${method}`, {
    method: 'POST',
    headers: {
      ...auth,
      origin: `http://127.0.0.1:${server.port}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  })

describe('the media route', () => {
  it('serves an indexed file that is still the same file', async () => {
    const r = await get(`/media/recording/${ids['audio/lyon/park-lyon-0-0-a.wav']}`)
    expect(r.status).toBe(200)
    expect(r.body.subarray(0, 4).toString()).toBe('RIFF')
  })

  it('does not serve an indexed file replaced by a link to /etc/passwd', async () => {
    const rel = 'audio/lyon/park-lyon-0-0-b.wav'
    rmSync(join(corpus, rel))
    symlinkSync('/etc/passwd', join(corpus, rel))
    for (const kind of ['recording', 'corrected']) {
      const r = await get(`/media/${kind}/${ids[rel]}`)
      expect(r.status, kind).toBe(404)
      expect(r.text).toMatch(
        /park-lyon-0-0-b\.wav is not served: it now leads to \/etc\/passwd, outside its source folder/,
      )
      expect(r.text).not.toMatch(/root:/)
    }
  })

  it('does not serve a file changed since indexing, nor one reached through a folder swapped for a link', async () => {
    const rel = 'audio/vienna/park-vienna-1-0-a.wav'
    writeFileSync(join(corpus, rel), wavBytes({ seed: 1234, seconds: 2 }))
    const changed = await get(`/media/recording/${ids[rel]}`)
    expect(changed.status).toBe(404)
    expect(changed.text).toMatch(/changed since it was indexed/)
    // The whole folder moved away and a link to /etc put in its place.
    renameSync(join(corpus, 'audio', 'vienna'), join(tmp.dir, 'vienna-moved'))
    symlinkSync('/etc', join(corpus, 'audio', 'vienna'))
    const swapped = await get(`/media/recording/${ids['audio/vienna/park-vienna-1-0-b.wav']}`)
    expect(swapped.status).toBe(404)
  })

  it('refuses a preview of more samples than the bound before decoding anything, 400 with the reason', async () => {
    const r = await get(`/media/corrected/${ids['audio/lyon/park-lyon-9-0-b.wav']}`)
    expect(r.status).toBe(400)
    expect(r.text).toContain(
      `too long for a corrected preview (${10 * 60 * 96000 * 2} samples, frames × channels; at most ${MAX_PREVIEW_SAMPLES}); export it instead`,
    )
    // The server still answers at once.
    expect((await api('app.info', {})).status).toBe(200)
  })

  it('renders a long preview off the main thread: the API answers while it renders', async () => {
    const order: string[] = []
    const preview = get(`/media/corrected/${ids['audio/lyon/park-lyon-10-0-b.wav']}`).then((r) => {
      order.push('preview')
      return r
    })
    // Asked once the server has started on the preview (the request is under way).
    await new Promise((resolve) => setTimeout(resolve, 50))
    const info = await api('app.info', {})
    order.push('app.info')
    expect(info.status).toBe(200)
    const r = await preview
    expect(r.status).toBe(200)
    expect(order).toEqual(['app.info', 'preview'])
  })
})

describe('user-input errors', () => {
  it('answer 4xx with the message, never 500', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['sources.add', { folder: join(tmp.dir, 'nowhere') }, /nowhere: no such folder/],
      ['sources.add', { folder: join(corpus, 'audio', 'lyon') }, /overlaps the source/],
      [
        'sources.preview',
        { folder: join(tmp.dir, 'nowhere'), rule: { kind: 'dcase' } },
        /no such folder/,
      ],
      [
        'export.start',
        { outDir: join(corpus, 'out'), method: 'fir', taps: 31, format: 'same', gain: 0 },
        /lies inside the source/,
      ],
      [
        'export.start',
        { outDir: tmp.dir, method: 'fir', taps: 31, format: 'same', gain: 0 },
        /contains the source/,
      ],
      ['estimate.firResponse', { device: 'zz', taps: 31 }, /no coefficients for device zz/],
      ['project.setReference', { device: 'zz' }, /reference=zz is not a device/],
      ['evaluate.run', { bandHz: [5000, 100] }, /upper edge must exceed the lower/],
      ['project.open', { path: '/etc/passwd' }, /not a Spectrum Correction Workbench project/],
      ['project.open', { path: join(tmp.dir, 'missing.scw') }, /no such project file/],
    ]
    for (const [method, body, message] of cases) {
      const r = await api(method, body)
      expect(r.status, `${method} ${JSON.stringify(body)}: ${r.text}`).toBeGreaterThanOrEqual(400)
      expect(r.status, `${method}: ${r.text}`).toBeLessThan(500)
      expect((JSON.parse(r.text) as { error: { message: string } }).error.message).toMatch(message)
    }
  })
})

describe('the token URL', () => {
  it('does what the help says: valid until the server stops', async () => {
    const help = await scw('serve', '--help')
    expect(help.out).not.toMatch(/one-time/)
    expect(help.out).toMatch(/valid until the server stops/)
    const path = `/?token=${server.token}`
    for (let i = 0; i < 2; i++) {
      const r = await request(server.port, path)
      expect(r.status).toBe(303)
      expect(r.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/)
    }
  })
})
