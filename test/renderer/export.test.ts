// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { JobView } from '@shared/api/views'
import type { JobProgress } from '@shared/model/job'
import { installTransport } from '../../src-renderer/api'
import { defaultExportForm, parseExportForm } from '../../src-renderer/forms/export-form'
import type { ExportReport } from '../../src-renderer/components/export/export-report'
import { useAppStore } from '../../src-renderer/stores/app'
import { useJobsStore } from '../../src-renderer/stores/jobs'
import { useProjectStore } from '../../src-renderer/stores/project'
import ExportView from '../../src-renderer/views/ExportView.vue'
import { appInfo, estimateStub, FakeTransport, projectWith } from './fake-transport'

const ESTIMATE = estimateStub({
  id: 4,
  createdAt: '2025-03-01T10:00:00Z',
  frequencies: [0, 100],
  devices: {
    a: { coefficientsDb: [0, 0], recordings: 3, segments: 0 },
    b: { coefficientsDb: [3, 1], recordings: 3, segments: 0 },
    c: { coefficientsDb: [-2, 0], recordings: 4, segments: 0 },
  },
})

function report(patch: Partial<ExportReport> = {}): ExportReport {
  return {
    jobId: 1,
    outDir: '/out/corrected',
    written: 4,
    skipped: 0,
    failed: [],
    clippedFiles: 0,
    clippedSamples: 0,
    seconds: 40,
    gainDb: 0,
    wallSeconds: 1.5,
    cancelled: false,
    excluded: [],
    corrections: [],
    warnings: [],
    preparation: null,
    sidecarError: null,
    ...patch,
  }
}

function progress(jobId: number, done: number): JobProgress {
  return {
    jobId,
    kind: 'export',
    done,
    failed: 0,
    total: 10,
    seconds: done * 10,
    totalSeconds: 100,
    rate: 12.4,
    filesPerSec: 0,
    skipped: 0,
    phase: null,
    etaSec: 5,
    current: `b/file-${done}.wav`,
  }
}

function finished(id: number, status: JobView['status'], r: ExportReport): JobView {
  return {
    id,
    kind: 'export',
    status,
    createdAt: '2025-03-01T10:05:00Z',
    progress: null,
    report: r,
    error: null,
  }
}

let fake: FakeTransport
let pinia: Pinia
let wrapper: VueWrapper | null = null
let nextJob = 7

beforeEach(async () => {
  nextJob = 7
  pinia = createPinia()
  setActivePinia(pinia)
  fake = new FakeTransport({
    'app.info': () => appInfo(),
    'jobs.list': () => [],
    'estimate.current': () => ESTIMATE,
    'export.start': () => ({ jobId: nextJob++ }),
    'jobs.cancel': () => ({ cancelled: true }),
  })
  installTransport(fake)
  useProjectStore().apply(projectWith({ currentEstimateId: 4 }, { devices: ['a', 'b', 'c'] }))
  await useAppStore().init()
  await useJobsStore().init()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(ExportView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const testid = (w: VueWrapper, id: string) => w.find(`[data-testid=${id}]`)

describe('Export view', () => {
  it('validates the form before starting', async () => {
    const w = await mountView()
    expect(testid(w, 'export-view').exists()).toBe(true)
    await testid(w, 'export-start').trigger('click')
    await flushPromises()
    expect(w.text()).toContain('Give the output folder')
    await testid(w, 'export-folder').setValue('relative/dir')
    await w.find('input[step="2"]').setValue('1024')
    await w.find('input[aria-label="Gain in dB"]').setValue('50')
    await flushPromises()
    expect(w.text()).toContain('relative/dir is not an absolute path')
    expect(w.text()).toContain('Taps: 1024 must be odd (a linear-phase type I filter)')
    expect(w.text()).toContain('Gain: 50 is not a number of dB from −120 to 40')
    await testid(w, 'export-start').trigger('click')
    await flushPromises()
    expect(fake.callsOf('export.start')).toEqual([])
    expect(w.text()).toContain('Fix the fields marked above first.')
  })

  it('starts, shows progress with rate and ETA, cancels, resumes and reports', async () => {
    const w = await mountView()
    // Browser mode: Browse… opens the folder browser, which main fills.
    fake.handlers['system.listFolder'] = (req) => ({
      path: req.path ?? '/home/u',
      parent: req.path ? '/home/u' : null,
      audioFiles: 0,
      folders: req.path ? [] : [{ name: 'out', path: '/home/u/out', audioFiles: 0 }],
      truncated: false,
      roots: ['/home/u'],
    })
    await w
      .findAll('button')
      .find((b) => b.text() === 'Browse…')!
      .trigger('click')
    await flushPromises()
    expect(fake.callsOf('system.listFolder')).toEqual([{}])
    await w.find('[data-testid=folder-browser] button.folder').trigger('click')
    await flushPromises()
    expect(fake.callsOf('system.listFolder').at(-1)).toEqual({ path: '/home/u/out' })
    await w
      .findAll('button')
      .find((b) => b.text() === 'Choose this folder')!
      .trigger('click')
    expect(testid(w, 'export-folder').element).toHaveProperty('value', '/home/u/out')
    expect(w.find('[data-testid=folder-browser]').exists()).toBe(false)
    await testid(w, 'export-folder').setValue('/out/corrected')
    // Only b and c, as 24-bit PCM with the automatic gain.
    const radios = w.findAll('input[type=radio]')
    await radios
      .find((r) => r.element.closest('label')!.textContent!.includes('only these'))!
      .setValue(true)
    const boxes = w.findAll('.device-list input[type=checkbox]')
    expect(boxes.map((b) => b.element.closest('label')!.textContent!.trim())).toEqual([
      'a',
      'b',
      'c',
    ])
    await boxes[2].setValue(true)
    await boxes[1].setValue(true)
    await w.find('select').setValue('pcm24')
    await radios
      .find((r) => r.element.closest('label')!.textContent!.includes('auto'))!
      .setValue(true)
    await testid(w, 'export-start').trigger('click')
    await flushPromises()
    // The method and taps are left to the correction policy.
    const request = {
      outDir: '/out/corrected',
      format: 'pcm24',
      devices: ['b', 'c'],
      gain: 'auto',
    }
    expect(fake.callsOf('export.start')).toEqual([request])

    // Before the first file: the measuring pass of the automatic gain.
    expect(testid(w, 'export-progress').text()).toContain(
      'Measuring the corrected peaks for the automatic gain',
    )
    fake.emit('job.progress', progress(7, 3))
    await flushPromises()
    const live = testid(w, 'export-progress').text()
    expect(live).toContain('3 / 10 files')
    expect(live).toContain('30 s of 1 min 40 s audio')
    expect(live).toContain('12× real time')
    expect(live).toContain('5.0 s left')
    expect(live).toContain('b/file-3.wav')
    expect(live).toContain('30%')
    expect(testid(w, 'export-start').attributes('disabled')).toBeDefined()

    await testid(w, 'export-cancel').trigger('click')
    await flushPromises()
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 7 }])
    expect(testid(w, 'export-cancel').text()).toBe('Cancelling…')
    fake.emit('job.finished', finished(7, 'cancelled', report({ written: 3, cancelled: true })))
    await flushPromises()
    expect(testid(w, 'export-progress').exists()).toBe(false)
    expect(testid(w, 'export-report').text()).toContain(
      'Cancelled. Files written so far are complete; resuming writes the rest.',
    )
    expect(testid(w, 'export-report').find('[data-field=written]').text()).toBe('3')

    // Resume repeats the same settings, even if the form has changed since.
    await testid(w, 'export-folder').setValue('/elsewhere')
    await testid(w, 'export-resume').trigger('click')
    await flushPromises()
    expect(fake.callsOf('export.start')).toEqual([request, request])
    fake.emit('job.progress', progress(8, 1))
    await flushPromises()
    expect(testid(w, 'export-resume').exists()).toBe(false)
    fake.emit(
      'job.finished',
      finished(
        8,
        'done',
        report({
          written: 7,
          skipped: 3,
          seconds: 70,
          gainDb: -1.25,
          clippedFiles: 1,
          clippedSamples: 12,
          failed: [{ path: '/data/b/bad.wav', error: 'unexpected end of file' }],
          excluded: [{ device: 'a', count: 3, reason: 'device not chosen' }],
          corrections: [
            {
              device: 'b',
              reference: false,
              bandHz: [94, 24000],
              bandLimits: ['device-level', 'nyquist'],
              beforeDb: 5.01,
              afterDb: 0.33,
              rates: [
                {
                  sampleRate: 48000,
                  files: 7,
                  kind: 'fir',
                  taps: 2049,
                  design: 'relative-ls',
                  bandHz: [94, 24000],
                  errorRmsDb: 0.21,
                  errorMaxDb: 2.4,
                  errorMaxAtHz: 96,
                  beforeDb: 5.01,
                  afterDb: 0.33,
                  reasons: ['relative-ls 1025 taps misses its target by 0.9 dB RMS'],
                  overrides: [],
                },
              ],
            },
          ],
          warnings: [
            {
              path: '/data/b/cut.ogg',
              warnings: [
                { code: 'truncated', message: 'cut.ogg: no end-of-stream page (cut short?)' },
                { code: 'length-unknown', message: 'cut.ogg: no page gives the length' },
              ],
            },
          ],
        }),
      ),
    )
    await flushPromises()
    const r = testid(w, 'export-report')
    const field = (name: string) => r.find(`[data-field=${name}]`).text()
    expect(field('written')).toBe('7')
    expect(field('skipped')).toBe('3')
    expect(field('failed')).toBe('1')
    expect(field('clipped')).toBe('1 / 12')
    expect(field('gain')).toBe('-1.25 dB')
    expect(field('seconds')).toBe('1 min 10 s')
    expect(r.text()).toContain('Finished with 1 failed file.')
    expect(r.find('details table tbody tr').text()).toBe('/data/b/bad.wavunexpected end of file')
    const warned = testid(w, 'export-warnings')
    expect(warned.find('summary').text()).toMatch(/^Files read with warnings \(1\)/)
    expect(warned.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))).toEqual(
      [
        ['/data/b/cut.ogg', 'cut.ogg: no end-of-stream page (cut short?) [truncated]'],
        ['', 'cut.ogg: no page gives the length [length-unknown]'],
      ],
    )
    expect(
      r
        .find('table.excluded tbody tr')
        .findAll('td')
        .map((td) => td.text()),
    ).toEqual(['a', '3', 'device not chosen'])
    // What the correction realises, per device and rate.
    expect(
      r
        .find('[data-testid=export-corrections] tbody tr')
        .findAll('td')
        .map((td) => td.text()),
    ).toEqual([
      'b',
      '94–24k Hz',
      '5.01 → 0.33',
      '48 kHz, 7',
      'FIR, 2049 taps (relative-ls)',
      '0.21 / 2.4',
    ])
    expect(r.text()).toContain('b at 48000 Hz: relative-ls 1025 taps misses its target')
    // Browser mode: no reveal, the path to copy instead.
    expect(r.findAll('button').some((b) => b.text() === 'Reveal the output')).toBe(false)
    expect(r.find<HTMLInputElement>('input[readonly]').element.value).toBe('/out/corrected')
    // The cancelled run is listed among the earlier ones.
    expect(w.find('.earlier summary').text()).toBe('Earlier runs in this session (1)')
  })

  it('reveals the output where native dialogs exist', async () => {
    fake.handlers['app.info'] = () => appInfo({ nativeDialogs: true, transport: 'electron' })
    fake.handlers['system.reveal'] = () => true
    fake.handlers['system.pickPath'] = () => '/picked/folder'
    await useAppStore().init()
    const w = await mountView()
    await w
      .findAll('button')
      .find((b) => b.text() === 'Browse…')!
      .trigger('click')
    await flushPromises()
    expect(fake.callsOf('system.pickPath')).toEqual([
      { kind: 'folder', title: 'Export the corrected corpus into' },
    ])
    expect(testid(w, 'export-folder').element).toHaveProperty('value', '/picked/folder')
    fake.emit('job.finished', finished(3, 'done', report({ outDir: '/picked/folder' })))
    await flushPromises()
    await w
      .findAll('button')
      .find((b) => b.text() === 'Reveal the output')!
      .trigger('click')
    await flushPromises()
    expect(fake.callsOf('system.reveal')).toEqual([{ path: '/picked/folder' }])
  })

  it('shows why main refused to start', async () => {
    fake.handlers['export.start'] = () => {
      throw { code: 'failed', message: 'an export is running; wait for it or cancel it' }
    }
    const w = await mountView()
    await testid(w, 'export-folder').setValue('/out')
    await testid(w, 'export-start').trigger('click')
    await flushPromises()
    expect(w.text()).toContain(
      'Could not start the export: an export is running; wait for it or cancel it',
    )
  })
})

describe('export form', () => {
  it('makes the contract request', () => {
    const form = { ...defaultExportForm('/o'), method: 'stft' as const, taps: '' }
    expect(parseExportForm(form, ['a', 'b'])).toEqual({
      request: { outDir: '/o', method: 'stft', format: 'same', gain: 0 },
      errors: {},
    })
    // The policy's choice unless asked; the paper's exact FIR one box away.
    expect(parseExportForm({ ...form, method: 'auto' }, ['a']).request).toEqual({
      outDir: '/o',
      format: 'same',
      gain: 0,
    })
    expect(
      parseExportForm({ ...form, method: 'fir', taps: '257', paperExact: true }, ['a']).request,
    ).toEqual({ outDir: '/o', method: 'fir', taps: 257, paperExact: true, format: 'same', gain: 0 })
    expect(
      parseExportForm({ ...form, deviceMode: 'some', devices: ['z'] }, ['a', 'b']).errors,
    ).toEqual({ devices: 'Choose at least one device' })
    expect(parseExportForm({ ...form, outDir: 'C:\\data\\out' }, []).request?.outDir).toBe(
      'C:\\data\\out',
    )
  })
})
