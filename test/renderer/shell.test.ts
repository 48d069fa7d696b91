// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { installTransport } from '../../src-renderer/api'
import App from '../../src-renderer/App.vue'
import {
  DEVICE_PALETTE,
  deviceColor,
  deviceColors,
  setProjectDevices,
} from '../../src-renderer/device-colors'
import { useAppStore } from '../../src-renderer/stores/app'
import { appInfo, FakeTransport, projectView, recordingsTable } from './fake-transport'

let fake: FakeTransport
let pinia: Pinia
let wrapper: VueWrapper | null = null

beforeEach(() => {
  localStorage.clear()
  window.location.hash = ''
  pinia = createPinia()
  setActivePinia(pinia)
  fake = new FakeTransport({
    'app.info': () => appInfo(),
    'project.current': () => projectView({ name: 'field-recordings' }),
    'jobs.list': () => [],
    'jobs.cancel': () => ({ cancelled: true }),
    'recordings.table': () => recordingsTable([]),
    'devices.overview': () => ({
      frequencies: [],
      devices: [],
      spectraDb: {},
      coveredHz: {},
      analysisSampleRate: 44100,
      rates: {},
      signalChecks: [],
      coverage: { groups: 0, pairs: {}, sample: [] },
    }),
    'estimate.current': () => null,
  })
  installTransport(fake)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function mountApp(): Promise<VueWrapper> {
  wrapper = mount(App, {
    attachTo: document.body,
    global: {
      plugins: [pinia],
      config: { errorHandler: (e) => useAppStore(pinia).report(e) },
    },
  })
  await flushPromises()
  return wrapper
}

function railButton(w: VueWrapper, title: string) {
  return w.findAll('nav button').find((b) => b.text().startsWith(title))!
}

function press(init: KeyboardEventInit): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }))
}

describe('app shell', () => {
  it('lists the seven views with their shortcuts and shows the project name', async () => {
    const w = await mountApp()
    const titles = w.findAll('nav button').map((b) => b.find('.title').text())
    expect(titles).toEqual([
      'Projects',
      'Sources',
      'Recordings',
      'Devices',
      'Correction',
      'Export',
      'Evaluate',
    ])
    expect(w.findAll('nav button')[2].attributes('aria-keyshortcuts')).toBe('Alt+3')
    expect(w.find('header').text()).toContain('field-recordings')
    expect(useAppStore().errors).toEqual([])
  })

  it('switches views from the rail and mirrors them in the location hash', async () => {
    const w = await mountApp()
    expect(railButton(w, 'Projects').attributes('aria-current')).toBe('page')
    await railButton(w, 'Devices').trigger('click')
    await flushPromises()
    expect(useAppStore().view).toBe('devices')
    expect(window.location.hash).toBe('#/devices')
    expect(railButton(w, 'Devices').attributes('aria-current')).toBe('page')
    expect(w.find('main h1').text()).toBe('Devices')
  })

  it('switches views with Alt+1…7', async () => {
    const w = await mountApp()
    press({ key: '3', code: 'Digit3', altKey: true })
    await flushPromises()
    expect(useAppStore().view).toBe('recordings')
    expect(w.find('main').attributes('aria-label')).toBe('Recordings')
    press({ key: '7', code: 'Digit7', altKey: true })
    await flushPromises()
    expect(useAppStore().view).toBe('evaluate')
    press({ key: '3', code: 'Digit3' }) // no Alt: typing, not a shortcut
    await flushPromises()
    expect(useAppStore().view).toBe('evaluate')
  })

  it('resolves the device colours once from the project device list', async () => {
    fake.handlers['project.current'] = () => projectView({ devices: ['s1', 'c', 'a', 'b'] })
    await mountApp()
    expect(deviceColor('s1')).toBe(DEVICE_PALETTE[3])
    expect(deviceColors(['s1']).get('s1')).toBe(DEVICE_PALETTE[3])
    setProjectDevices([])
  })

  it('opened on #/recordings, asks for the table beside the project, once', async () => {
    window.location.hash = '#/recordings'
    let answer: () => void = () => {}
    fake.handlers['project.current'] = () =>
      new Promise((resolve) => (answer = () => resolve(projectView())))
    wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia] } })
    await flushPromises()
    expect(fake.callsOf('recordings.table')).toHaveLength(1) // before the project is known
    answer()
    await flushPromises()
    expect(wrapper.find('main').attributes('aria-label')).toBe('Recordings')
    expect(fake.callsOf('recordings.table')).toHaveLength(1)
    expect(useAppStore().errors).toEqual([])
  })

  it('opens the view the hash names at start', async () => {
    window.location.hash = '#/export'
    await mountApp()
    expect(useAppStore().view).toBe('export')
  })

  it('asks for a project in views that need one', async () => {
    fake.handlers['project.current'] = () => null
    const w = await mountApp()
    await railButton(w, 'Recordings').trigger('click')
    expect(w.find('main').text()).toContain('Open or create a project first.')
    expect(fake.callsOf('recordings.table')).toEqual([])
  })

  it('toggles the theme and remembers the choice', async () => {
    const w = await mountApp()
    const before = document.documentElement.dataset.theme
    expect(['light', 'dark']).toContain(before)
    await w.find('header button.theme').trigger('click')
    const after = before === 'dark' ? 'light' : 'dark'
    expect(document.documentElement.dataset.theme).toBe(after)
    expect(localStorage.getItem('scw.theme')).toBe(after)
  })

  it('shows a running job in the top bar and cancels it', async () => {
    const w = await mountApp()
    fake.emit('job.progress', {
      jobId: 4,
      kind: 'analyze',
      done: 25,
      failed: 0,
      total: 100,
      seconds: 250,
      totalSeconds: 1000,
      rate: 42,
      filesPerSec: 0,
      skipped: 0,
      phase: null,
      etaSec: 18,
      current: 'a.wav',
    })
    await flushPromises()
    const job = w.find('header .job')
    expect(job.text()).toContain('Analysing')
    expect(job.text()).toContain('25 / 100 files')
    expect(job.text()).toContain('42× real time')
    expect(job.text()).toContain('18 s left')
    expect(job.find('[role=progressbar]').attributes('aria-valuenow')).toBe('25')
    await job.find('button').trigger('click')
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 4 }])
  })

  it('shows failed calls as dismissible errors', async () => {
    fake.handlers['project.open'] = () => {
      throw { code: 'failed', message: '/nope.scw is not a workbench project' }
    }
    const w = await mountApp()
    await w.find('input.mono').setValue('/nope.scw')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Open')!
      .trigger('click')
    await flushPromises()
    const alert = w.find('[role=alert]')
    expect(alert.text()).toContain('/nope.scw is not a workbench project')
    await alert.find('button').trigger('click')
    expect(w.find('[role=alert]').exists()).toBe(false)
  })
})
