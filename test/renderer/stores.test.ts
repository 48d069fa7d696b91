// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import type { EstimateView, FirResponseView, JobView } from '@shared/api/views'
import type { JobProgress } from '@shared/model/job'
import { api, installTransport } from '../../src-renderer/api'
import { useAppStore } from '../../src-renderer/stores/app'
import { useDevicesStore } from '../../src-renderer/stores/devices'
import { useEstimateStore } from '../../src-renderer/stores/estimate'
import { useJobsStore } from '../../src-renderer/stores/jobs'
import { useProjectStore } from '../../src-renderer/stores/project'
import { useSourcesStore } from '../../src-renderer/stores/sources'
import {
  appInfo,
  estimateStub,
  FakeTransport,
  firResponseStub,
  projectView,
  projectWith,
} from './fake-transport'

let fake: FakeTransport

beforeEach(() => {
  setActivePinia(createPinia())
  fake = new FakeTransport({
    'app.info': () => appInfo({ recent: ['/a.scw'] }),
    'project.current': () => null,
    'jobs.list': () => [],
  })
  installTransport(fake)
})

function progress(jobId: number, done: number, total = 10): JobProgress {
  return {
    jobId,
    kind: 'scan',
    done,
    failed: 0,
    total,
    seconds: done,
    totalSeconds: total,
    rate: 2,
    filesPerSec: 0,
    skipped: 0,
    phase: null,
    etaSec: 5,
    current: `f${done}.wav`,
  }
}

function finished(id: number, report: unknown, patch: Partial<JobView> = {}): JobView {
  return {
    id,
    kind: 'scan',
    status: 'done',
    createdAt: '2025-01-01T00:00:00Z',
    progress: null,
    report,
    error: null,
    ...patch,
  }
}

describe('app store', () => {
  it('loads the app info and follows the theme choice', async () => {
    const app = useAppStore()
    await app.init()
    expect(app.info?.recent).toEqual(['/a.scw'])
    expect(app.transport).toBe('browser')
    expect(app.connection).toBe('open')
    app.systemTheme = 'dark'
    expect(app.theme).toBe('dark')
    app.toggleTheme()
    expect(app.themeChoice).toBe('light')
    expect(app.theme).toBe('light')
  })

  it('keeps errors to show, once each', () => {
    const app = useAppStore()
    app.report(new Error('x'))
    app.report(new Error('x'))
    expect(app.errors).toHaveLength(1)
    expect(app.errors[0].code).toBe('bug')
    app.dismiss(app.errors[0].id)
    expect(app.errors).toEqual([])
  })

  it('takes an error away once the call that failed succeeds', async () => {
    const app = useAppStore()
    await app.init()
    fake.handlers['estimate.download'] = () => {
      throw { code: 'failed', message: 'disk full' }
    }
    await api.call('estimate.download', { what: 'coefficients', format: 'csv' }).catch(app.report)
    app.report(new Error('something else'))
    expect(app.errors.map((e) => e.message)).toEqual(['disk full', 'something else'])
    // Another method succeeding changes nothing; the same one succeeding clears its error.
    await api.call('jobs.list')
    expect(app.errors).toHaveLength(2)
    fake.handlers['estimate.download'] = () => ({
      fileName: 'x.csv',
      mimeType: 'text/csv',
      text: '',
    })
    await api.call('estimate.download', { what: 'coefficients', format: 'csv' })
    expect(app.errors.map((e) => e.message)).toEqual(['something else'])
  })

  it('asks for a native dialog only where there is one', async () => {
    const app = useAppStore()
    fake.handlers['system.pickPath'] = () => '/picked'
    await app.init()
    expect(await app.pickPath('folder')).toBeNull()
    expect(fake.callsOf('system.pickPath')).toEqual([])
    fake.handlers['app.info'] = () => appInfo({ nativeDialogs: true, transport: 'electron' })
    await app.refreshInfo()
    expect(await app.pickPath('folder', 'Add')).toBe('/picked')
    expect(fake.callsOf('system.pickPath')).toEqual([{ kind: 'folder', title: 'Add' }])
  })
})

describe('project store', () => {
  it('opens, creates and opens the demo, each answer becoming the project', async () => {
    const project = useProjectStore()
    fake.handlers['project.open'] = ({ path }) => projectView({ path, name: 'opened' })
    fake.handlers['project.create'] = ({ path }) => projectView({ path, name: 'created' })
    fake.handlers['project.openDemo'] = () => projectView({ name: 'demo', devices: ['a', 'b'] })
    expect(project.isOpen).toBe(false)

    await project.open('/x.scw')
    expect(project.name).toBe('opened')
    expect(project.path).toBe('/x.scw')
    await project.create('/y.scw')
    expect(project.name).toBe('created')
    await project.openDemo()
    expect(project.devices).toEqual(['a', 'b'])
    expect(project.revision).toBe(3)
    expect(project.busy).toBe(false)
  })

  it('changes the reference with one call at a time, sending only the latest choice', async () => {
    const project = useProjectStore()
    project.apply(projectView())
    const answers: (() => void)[] = []
    fake.handlers['project.setReference'] = ({ device }) =>
      new Promise((resolve) =>
        answers.push(() => resolve(projectWith({ referenceDevice: device }))),
      )
    await project.setReference('a') // already the reference: nothing to send
    expect(fake.callsOf('project.setReference')).toEqual([])

    const first = project.setReference('b')
    void project.setReference('c')
    const last = project.setReference('d')
    expect(project.referencePending).toBe('d')
    expect(project.referenceDevice).toBe('a')
    expect(fake.callsOf('project.setReference')).toEqual([{ device: 'b' }])
    answers[0]()
    await flushPromises()
    // c was replaced by d before it could be sent.
    expect(fake.callsOf('project.setReference')).toEqual([{ device: 'b' }, { device: 'd' }])
    expect(project.referenceDevice).toBe('b')
    answers[1]()
    await Promise.all([first, last])
    expect(project.referenceDevice).toBe('d')
    expect(project.referencePending).toBeNull()
    expect(fake.callsOf('project.updateSettings')).toEqual([])
  })

  it('reports a refused choice, unless a newer one replaced it', async () => {
    const project = useProjectStore()
    project.apply(projectView())
    fake.handlers['project.setReference'] = async ({ device }) => {
      if (device === 'x') throw { code: 'failed', message: 'reference=x is not a device' }
      return projectWith({ referenceDevice: device })
    }
    await expect(project.setReference('x')).rejects.toThrow('reference=x is not a device')
    expect(project.referencePending).toBeNull()
    const refused = project.setReference('x')
    const replaced = project.setReference('b')
    await Promise.all([refused, replaced])
    expect(project.referenceDevice).toBe('b')
  })
})

describe('jobs store', () => {
  it('tracks progress and reports from events, and refreshes the project on project.changed', async () => {
    const jobs = useJobsStore()
    const project = useProjectStore()
    await jobs.init()
    await jobs.init() // idempotent
    expect(fake.listenerCount('job.progress')).toBe(1)

    fake.emit('job.progress', progress(1, 3))
    expect(jobs.running.map((j) => j.id)).toEqual([1])
    expect(jobs.job(1)?.progress?.done).toBe(3)

    fake.emit('job.finished', finished(1, { added: 10 }))
    fake.emit('job.progress', progress(1, 9)) // late: ignored
    expect(jobs.running).toEqual([])
    expect(jobs.job(1)?.status).toBe('done')
    expect(jobs.job(1)?.report).toEqual({ added: 10 })

    fake.emit('project.changed', projectView({ name: 'changed' }))
    expect(project.name).toBe('changed')

    jobs.dispose()
    expect(fake.listenerCount('job.progress')).toBe(0)
  })

  it('shows a started job at once and cancels through main', async () => {
    const jobs = useJobsStore()
    fake.handlers['jobs.cancel'] = ({ jobId }) => ({ cancelled: jobId === 5 })
    jobs.track(5, 'analyze')
    expect(jobs.running[0]).toMatchObject({ id: 5, kind: 'analyze', progress: null })
    expect(await jobs.cancel(5)).toBe(true)
  })

  it('loads the jobs main knows of', async () => {
    fake.handlers['jobs.list'] = () => [finished(2, null, { kind: 'export', status: 'failed' })]
    const jobs = useJobsStore()
    await jobs.init()
    expect(jobs.finished.map((j) => [j.id, j.status])).toEqual([[2, 'failed']])
  })
})

describe('sources store', () => {
  it('keeps only the latest preview and shows preview errors inline', async () => {
    const sources = useSourcesStore()
    const answers: Record<string, () => Promise<unknown>> = {}
    fake.handlers['sources.preview'] = ({ folder }) =>
      answers[folder]() as ReturnType<NonNullable<(typeof fake.handlers)['sources.preview']>>
    let releaseSlow!: () => void
    answers['/slow'] = () =>
      new Promise((resolve) => {
        releaseSlow = () =>
          resolve([
            { path: 'slow.wav', fields: { device: 's', scene: null, group: null }, error: null },
          ])
      })
    answers['/fast'] = async () => [
      { path: 'fast.wav', fields: { device: 'f', scene: null, group: null }, error: null },
    ]
    const slow = sources.preview('/slow', { kind: 'dcase' })
    await sources.preview('/fast', { kind: 'dcase' })
    releaseSlow()
    await slow
    expect(sources.previewRows?.map((r) => r.path)).toEqual(['fast.wav'])
    expect(sources.previewing).toBe(false)

    answers['/bad'] = async () => {
      throw { code: 'invalid-request', message: 'pattern has no device group' }
    }
    await sources.preview('/bad', { kind: 'regex', pattern: 'x' })
    expect(sources.previewError).toBe('pattern has no device group')
    expect(sources.previewRows).toBeNull()
  })

  it('adds a folder as a scan job and reads its report', async () => {
    const sources = useSourcesStore()
    const jobs = useJobsStore()
    await jobs.init()
    fake.handlers['sources.add'] = () => ({ jobId: 7 })
    await sources.add('/data', { kind: 'folders', depth: 1 })
    expect(fake.callsOf('sources.add')).toEqual([
      { folder: '/data', rule: { kind: 'folders', depth: 1 } },
    ])
    expect(sources.scanJob?.status).toBe('running')
    expect(sources.scanReport).toBeNull()

    const report = {
      sourceId: 1,
      root: '/data',
      added: 2,
      updated: 0,
      unchanged: 0,
      removed: 0,
      errors: [{ path: 'x.wav', error: 'not a RIFF file' }],
      devices: { a: 2 },
      unlabelled: [],
    }
    fake.emit('job.finished', finished(7, report))
    expect(sources.scanReport?.errors).toEqual([{ path: 'x.wav', error: 'not a RIFF file' }])
  })

  it('changes a rule and reloads the project', async () => {
    const sources = useSourcesStore()
    fake.handlers['sources.setRule'] = () => projectView().sources[0]
    fake.handlers['project.current'] = () => projectView({ name: 'after' })
    await sources.setRule(3, { kind: 'dcase' })
    expect(fake.callsOf('sources.setRule')).toEqual([{ sourceId: 3, rule: { kind: 'dcase' } }])
    expect(useProjectStore().name).toBe('after')
  })
})

describe('devices and estimate stores', () => {
  it('load their views and drop them with the project', async () => {
    const project = useProjectStore()
    const devices = useDevicesStore()
    const estimate = useEstimateStore()
    fake.handlers['estimate.current'] = () => estimateOf(3, 'a')
    project.apply(projectWith({ currentEstimateId: 3 }))
    fake.handlers['devices.overview'] = () => ({
      frequencies: [0, 100],
      devices: [{ device: 'a', recordings: 2, seconds: 20, analysed: 2, excluded: 0 }],
      spectraDb: { a: [0, -3] },
      coveredHz: {},
      analysisSampleRate: 44100,
      rates: {},
      signalChecks: [],
      coverage: { groups: 0, pairs: {}, sample: [] },
    })
    await devices.load()
    await flushPromises()
    expect(devices.names).toEqual(['a'])
    expect(estimate.current?.id).toBe(3)

    project.apply(projectView({ path: '/other.scw' }))
    await nextTick()
    expect(devices.overview).toBeNull()
    expect(estimate.current).toBeNull()
    expect(estimate.requestFromProject()).toEqual({
      variant: 'unaligned',
      maxPerDevice: null,
      seed: 0,
      regularization: {},
      frameGating: false,
    })
  })
})

describe('estimate store', () => {
  it('follows the estimate the project names, from the one project.changed', async () => {
    const project = useProjectStore()
    const jobs = useJobsStore()
    await jobs.init()
    fake.handlers['estimate.current'] = () => estimateOf(5, 'b')
    const estimate = useEstimateStore()
    project.apply(projectWith({ currentEstimateId: 4 }))
    fake.handlers['estimate.current'] = () => estimateOf(4, 'a')
    await flushPromises()
    expect(estimate.current).toMatchObject({ id: 4, reference: 'a' })

    fake.handlers['estimate.current'] = () => estimateOf(5, 'b')
    fake.emit('project.changed', projectWith({ referenceDevice: 'b', currentEstimateId: 5 }))
    await nextTick()
    expect(estimate.recomputing).toBe(true)
    await flushPromises()
    expect(project.referenceDevice).toBe('b')
    expect(estimate.current).toMatchObject({ id: 5, reference: 'b' })
    expect(estimate.recomputing).toBe(false)
    expect(fake.callsOf('estimate.current')).toHaveLength(2)

    fake.emit('project.changed', projectWith({ referenceDevice: 'b', currentEstimateId: null }))
    await flushPromises()
    expect(estimate.current).toBeNull()
  })

  it('discards a slow older answer that arrives after a newer one', async () => {
    const project = useProjectStore()
    const estimate = useEstimateStore()
    const slow: (() => void)[] = []
    fake.handlers['estimate.current'] = () =>
      new Promise((resolve) => slow.push(() => resolve(estimateOf(4, 'a'))))
    project.apply(projectWith({ currentEstimateId: 4 }))
    await nextTick()
    expect(slow).toHaveLength(1)
    // Before the answer lands, the reference changes: the newer estimate arrives first.
    fake.handlers['estimate.current'] = () => estimateOf(5, 'b')
    project.apply(projectWith({ referenceDevice: 'b', currentEstimateId: 5 }))
    await flushPromises()
    expect(estimate.current).toMatchObject({ id: 5, reference: 'b' })
    slow[0]()
    await flushPromises()
    expect(estimate.current).toMatchObject({ id: 5, reference: 'b' })
    expect(estimate.fetching).toBe(false)
  })

  it('computes one request at a time, the latest waiting one next, and skips settings in effect', async () => {
    const project = useProjectStore()
    const estimate = useEstimateStore()
    fake.handlers['estimate.current'] = () => estimateOf(1, 'a')
    project.apply(projectWith({ currentEstimateId: 1 }))
    await flushPromises()
    const answers: (() => void)[] = []
    let id = 1
    // As main does: the new estimate becomes the project's current one, announced by an event.
    fake.handlers['estimate.compute'] = (req) =>
      new Promise((resolve) =>
        answers.push(() => {
          const made = { ...estimateOf(++id, 'a'), variant: req.variant! }
          fake.handlers['estimate.current'] = () => made
          project.apply(projectWith({ currentEstimateId: made.id }))
          resolve(made)
        }),
      )
    const inEffect = estimate.requestFromProject()
    await estimate.compute(inEffect)
    expect(fake.callsOf('estimate.compute')).toEqual([])

    const first = estimate.compute({ ...inEffect, variant: 'aligned' })
    void estimate.compute({ ...inEffect, variant: 'dcase2019' })
    void estimate.compute({ ...inEffect, seed: 3 })
    expect(estimate.computing).toBe(true)
    expect(fake.callsOf('estimate.compute')).toHaveLength(1)
    answers[0]()
    await flushPromises()
    expect(fake.callsOf('estimate.compute')).toEqual([
      { ...inEffect, variant: 'aligned' },
      { ...inEffect, seed: 3 },
    ])
    answers[1]()
    await first
    await flushPromises()
    expect(estimate.current?.id).toBe(3)
    expect(estimate.computing).toBe(false)
    // Forced: the same settings again (new recordings analysed since).
    void estimate.compute(inEffect, { force: true })
    expect(fake.callsOf('estimate.compute')).toHaveLength(3)
  })

  it('drops bands and FIR responses made for an estimate no longer shown', async () => {
    const project = useProjectStore()
    const estimate = useEstimateStore()
    fake.handlers['estimate.current'] = () => estimateOf(1, 'a')
    project.apply(projectWith({ currentEstimateId: 1 }))
    await flushPromises()
    const release: (() => void)[] = []
    fake.handlers['estimate.bands'] = () =>
      new Promise((resolve) =>
        release.push(() => resolve({ frequencies: [], level: 0.9, iterations: 10, devices: {} })),
      )
    const bands = estimate.loadBands({ iterations: 10, level: 0.9 })
    expect(fake.callsOf('estimate.bands')).toEqual([
      { request: estimate.requestFromProject(), iterations: 10, level: 0.9 },
    ])
    fake.handlers['estimate.current'] = () => estimateOf(2, 'b')
    project.apply(projectWith({ referenceDevice: 'b', currentEstimateId: 2 }))
    await flushPromises()
    release[0]()
    await bands
    expect(estimate.current?.id).toBe(2)
    expect(estimate.bands).toBeNull()
  })

  it('keeps the answer to the latest FIR request when answers arrive out of order', async () => {
    const pending: ((v: unknown) => void)[] = []
    fake.handlers['estimate.firResponse'] = (req) =>
      new Promise((resolve) => pending.push(() => resolve({ ...firOf(req.device) })))
    const estimate = useEstimateStore()
    const first = estimate.loadFirResponse({ device: 'b', taps: 101 })
    const second = estimate.loadFirResponse({ device: 'c', taps: 101 })
    pending[1](undefined)
    await second
    pending[0](undefined)
    await first
    expect(estimate.firResponse?.device).toBe('c')
  })
})

function estimateOf(id: number, reference: string): EstimateView {
  return estimateStub({ id, reference })
}

function firOf(device: string): FirResponseView {
  return firResponseStub(device, { taps: 101 })
}
