// @vitest-environment happy-dom
// The Recording view with wavesurfer replaced by a recorder (happy-dom has no canvas or audio):
// siblings, the A/B switch (disabled with its reason, or switching the media URL while keeping
// the position), the keys, and the load error shown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { EstimateView, RecordingDetail } from '@shared/api/views'
import { installTransport } from '../../src-renderer/api'
import { useProjectStore } from '../../src-renderer/stores/project'
import { useRecordingsStore } from '../../src-renderer/stores/recordings'
import RecordingView from '../../src-renderer/views/RecordingView.vue'
import { FakeTransport, projectView, projectWith, recordingRow } from './fake-transport'

const fakes = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void
  class FakeWaveSurfer {
    static instances: FakeWaveSurfer[] = []
    static create(options: Record<string, unknown>): FakeWaveSurfer {
      const ws = new FakeWaveSurfer(options)
      FakeWaveSurfer.instances.push(ws)
      return ws
    }
    loads: string[] = []
    setTimes: number[] = []
    plugins: { options: Record<string, unknown> }[] = []
    listeners = new Map<string, Listener[]>()
    time = 0
    playing = false
    destroyed = false
    /** Makes the next load fail with this error. */
    failNext: Error | null = null
    constructor(readonly options: Record<string, unknown>) {}
    on(event: string, fn: Listener): () => void {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn])
      return () =>
        this.listeners.set(
          event,
          this.listeners.get(event)!.filter((f) => f !== fn),
        )
    }
    /** Listeners still subscribed, over all events. */
    listenerCount(): number {
      return [...this.listeners.values()].reduce((n, fns) => n + fns.length, 0)
    }
    emit(event: string, ...args: unknown[]): void {
      for (const fn of this.listeners.get(event) ?? []) fn(...args)
    }
    async load(url: string): Promise<void> {
      this.loads.push(url)
      if (this.playing) {
        this.playing = false
        this.emit('pause')
      }
      const fail = this.failNext
      this.failNext = null
      if (fail) throw fail
    }
    getMediaElement = (): null => null
    getDuration = (): number => 5
    getCurrentTime = (): number => this.time
    isPlaying = (): boolean => this.playing
    setTime(t: number): void {
      this.time = t
      this.setTimes.push(t)
      this.emit('timeupdate', t)
    }
    async play(): Promise<void> {
      this.playing = true
      this.emit('play')
    }
    pause(): void {
      this.playing = false
      this.emit('pause')
    }
    async playPause(): Promise<void> {
      if (this.playing) this.pause()
      else await this.play()
    }
    setOptions(): void {}
    getScroll = (): number => 0
    setScroll(): void {}
    getWidth = (): number => 1000
    getWrapper = (): HTMLElement => {
      // The whole waveform at the current zoom: 200 px/s × 5 s at first.
      const wrapper = document.createElement('div')
      Object.defineProperty(wrapper, 'offsetWidth', { value: 1000 })
      return wrapper
    }
    /** 5 s of a 1 kHz sine at 44.1 kHz, mono, as wavesurfer decodes it. */
    getDecodedData = (): Pick<
      AudioBuffer,
      'numberOfChannels' | 'sampleRate' | 'getChannelData'
    > => ({
      numberOfChannels: 1,
      sampleRate: 44100,
      getChannelData: () =>
        Float32Array.from(
          { length: 44100 * 5 },
          (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 44100),
        ),
    })
    zooms: number[] = []
    zoom(px: number): void {
      this.zooms.push(px)
      this.emit('zoom', px)
    }
    empty(): void {}
    registerPlugin<T extends { options: Record<string, unknown> }>(plugin: T): T {
      this.plugins.push(plugin)
      return plugin
    }
    unregisterPlugin(plugin: unknown): void {
      this.plugins = this.plugins.filter((p) => p !== plugin)
    }
    destroy(): void {
      this.destroyed = true
    }
  }
  const plugin = (kind: string) => ({
    create: (options: Record<string, unknown>) => ({ kind, options, on: () => () => {} }),
  })
  return { FakeWaveSurfer, plugin }
})

vi.mock('wavesurfer.js', () => ({ default: fakes.FakeWaveSurfer }))
vi.mock('wavesurfer.js/dist/plugins/hover.esm.js', () => ({ default: fakes.plugin('hover') }))

function detail(id: number, patch: Partial<RecordingDetail> = {}): RecordingDetail {
  return {
    recording: recordingRow(id, {
      path: `audio/park-${id}-b.wav`,
      device: 'b',
      group: 'park-1',
      durationSec: 5,
      clippedSamples: 12,
    }),
    siblings: [
      { id: 1, device: 'a' },
      { id: 3, device: 'c' },
    ],
    correctable: false,
    spectrumDb: [0, -10, -20],
    frequencies: [0, 1000, 2000],
    ...patch,
  }
}

function estimateView(): EstimateView {
  return {
    id: 4,
    createdAt: '2025-01-01T00:00:00Z',
    variant: 'aligned',
    reference: 'a',
    sampleRate: 44100,
    nFft: 4,
    hopLength: 2,
    maxPerDevice: null,
    seed: 1,
    frequencies: [0, 1000, 2000],
    devices: {
      a: { coefficientsDb: [0, 0, 0], recordings: 3, segments: 3 },
      b: { coefficientsDb: [1, 2, 3], recordings: 3, segments: 3 },
    },
    missing: [],
    warnings: [],
    frameGating: false,
    validBands: {},
    gating: [],
  }
}

let fake: FakeTransport
let pinia: Pinia
let wrapper: VueWrapper | null = null
let details: Record<number, RecordingDetail>
let estimate: EstimateView | null

beforeEach(() => {
  fakes.FakeWaveSurfer.instances = []
  pinia = createPinia()
  setActivePinia(pinia)
  estimate = null
  details = { 2: detail(2) }
  fake = new FakeTransport({
    'recordings.detail': ({ id }) => {
      const d = details[id]
      if (!d) throw { code: 'not-found', message: `no recording with id ${id}` }
      return d
    },
    'devices.overview': () => ({
      frequencies: [0, 1000, 2000],
      devices: [],
      spectraDb: { a: [1, 1, 1], b: [2, 2, 2] },
      coveredHz: {},
      analysisSampleRate: 44100,
      rates: {},
      signalChecks: [],
      coverage: { groups: 0, pairs: {}, sample: [] },
    }),
    'estimate.current': () => estimate,
  })
  installTransport(fake)
  useProjectStore().apply(projectView())
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function open(id: number): Promise<VueWrapper> {
  // Main names the current estimate in the project's settings; the estimate store follows it.
  if (estimate) useProjectStore().apply(projectWith({ currentEstimateId: estimate.id }))
  useRecordingsStore().openDetail(id)
  wrapper = mount(RecordingView, {
    global: { plugins: [pinia], stubs: { FrequencyPlot: true } },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

function ws(): InstanceType<typeof fakes.FakeWaveSurfer> {
  expect(fakes.FakeWaveSurfer.instances).toHaveLength(1)
  return fakes.FakeWaveSurfer.instances[0]
}

function key(k: string): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))
}

describe('RecordingView', () => {
  it('shows the recording, its facts and its siblings, which open with one click', async () => {
    const w = await open(2)
    expect(w.find('[data-testid=recording-view]').exists()).toBe(true)
    expect(w.find('h1.title').text()).toBe('audio/park-2-b.wav')
    expect(w.findAll('[data-testid=sibling]').map((b) => b.text())).toEqual(['a', 'c'])
    expect(w.find('[data-testid=clipping]').text()).toBe('12 samples at full scale')
    expect(w.find('[data-testid=reading-warnings]').text()).toBe('no warnings')
    expect(ws().options.container).toBe(w.find('[data-testid=waveform]').element)
    expect(ws().loads).toEqual(['fake-media://2'])

    details[3] = detail(3, { recording: recordingRow(3, { device: 'c', group: 'park-1' }) })
    ws().setTime(2.5)
    await w.findAll('[data-testid=sibling]')[1].trigger('click')
    await flushPromises()
    expect(useRecordingsStore().detailId).toBe(3)
    // Same alignment group: the sibling opens at the same position.
    expect(ws().loads).toEqual(['fake-media://2', 'fake-media://3'])
    expect(ws().setTimes.at(-1)).toBe(2.5)
  })

  it('draws its own spectrogram: FFT size and window chosen, colour bar, readout, Save', async () => {
    const w = await open(2)
    // The waveform's amplitude axis follows the decoded peak (just under 0.5).
    expect(w.findAll('[data-testid=amplitude-tick]').map((t) => t.text())).toEqual([
      '\u22120.4',
      '\u22120.2',
      '0.0',
      '0.2',
      '0.4',
    ])
    const canvas = w.find('[data-testid=spectrogram] canvas')
    expect(canvas.exists()).toBe(true)
    await vi.waitFor(() => expect(w.find('[data-testid=colorbar]').exists()).toBe(true))
    const fft = w.find('[data-testid=spectrogram-fft]')
    expect(fft.find('option').text()).toBe('auto (2048)')
    // A full-scale-0.5 sine with a Hann window of 2048: top at 20·log10(0.5 · 0.5 · 1024) ≈ 48.2 dB.
    const ticks = w
      .findAll('[data-testid=colorbar-tick]')
      .map((t) => Number(t.text().replace('\u2212', '-')))
    expect(Math.max(...ticks)).toBeLessThanOrEqual(48.2)
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(48.2 - 80)
    await w.find('[data-testid=spectrogram-range]').setValue('40')
    await vi.waitFor(() => {
      const t = w
        .findAll('[data-testid=colorbar-tick]')
        .map((x) => Number(x.text().replace('\u2212', '-')))
      expect(Math.min(...t)).toBeGreaterThanOrEqual(48.2 - 40)
    })
    await fft.setValue('512')
    await w.find('[data-testid=spectrogram-window]').setValue('blackman')
    await vi.waitFor(() =>
      expect(w.find('[data-testid=spectrogram-readout]').text()).not.toContain('Computing'),
    )
    // Pointing at 1 kHz (the log axis from 20 Hz to 22.05 kHz, 200 px tall) reads the sine.
    const box = w.find('[data-testid=spectrogram]').element
    const y = 200 * (1 - (Math.log10(1000) - Math.log10(20)) / (Math.log10(22050) - Math.log10(20)))
    box.dispatchEvent(new PointerEvent('pointermove', { clientX: 500, clientY: y }))
    await flushPromises()
    const readout = w.find('[data-testid=spectrogram-readout]').text()
    expect(readout).toMatch(/^2\.500 s/)
    expect(readout).toContain('kHz')
    const db = Number(/(−?[\d.]+) dB/.exec(readout)![1].replace('−', '-'))
    // Blackman (coherent gain 0.42) of 512 samples, amplitude 0.5: 20·log10(0.5 · 0.42 · 256).
    expect(Math.abs(db - 20 * Math.log10(0.5 * 0.42 * 256))).toBeLessThan(3)
    // Save CSV: the levels of the frames in view, one column per frame.
    const blobs: Blob[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob)
      return 'blob:figure'
    })
    const menu = w.find('[data-testid=save-menu]')
    await menu
      .findAll('button')
      .find((b) => b.text() === 'Save CSV')!
      .trigger('click')
    await flushPromises()
    create.mockRestore()
    const csv = await blobs[0].text()
    expect(csv.split('\n')[0]).toMatch(/^frequency_hz,t_0s_db,t_0\.0029\d*s_db,/)
    expect(csv.split('\n')).toHaveLength(1 + 256 + 1)
  })

  it('lists what reading the file worked around, with the codes', async () => {
    details[2] = detail(2, {
      recording: recordingRow(2, {
        warnings: [
          {
            code: 'data-size',
            message:
              'park-2-b.wav: data chunk says 96,000 bytes, the file holds 48,000; reading those',
          },
          {
            code: 'header-mismatch',
            message: 'park-2-b.wav: fmt chunk says 3 bytes per frame; using 2',
          },
        ],
      }),
    })
    const w = await open(2)
    const items = w.findAll('[data-testid=reading-warnings] li').map((li) => li.text())
    expect(items).toEqual([
      'park-2-b.wav: data chunk says 96,000 bytes, the file holds 48,000; reading those [data-size]',
      'park-2-b.wav: fmt chunk says 3 bytes per frame; using 2 [header-mismatch]',
    ])
  })

  it('disables A/B with the reason when the recording is not correctable', async () => {
    const w = await open(2)
    const ab = w.find('[data-testid=ab-toggle]')
    expect(ab.attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid=ab-reason]').text()).toBe(
      'No correction estimate yet: compute one in Correction.',
    )
    key('a')
    await flushPromises()
    expect(ws().loads).toEqual(['fake-media://2'])
  })

  it('switches between original and corrected, keeping the position and playback', async () => {
    estimate = estimateView()
    details[2] = detail(2, { correctable: true })
    const w = await open(2)
    expect(w.find('[data-testid=ab-reason]').exists()).toBe(false)
    const ab = w.find('[data-testid=ab-toggle]')
    expect(ab.attributes('disabled')).toBeUndefined()
    expect(ab.attributes('aria-checked')).toBe('false')

    await w.find('[data-testid=play]').trigger('click')
    await flushPromises()
    expect(ws().playing).toBe(true)
    ws().setTime(1.7)
    await ab.trigger('click')
    await flushPromises()
    expect(ws().loads).toEqual(['fake-media://2', 'fake-media://2?method=fir'])
    expect(ws().setTimes.at(-1)).toBe(1.7)
    expect(ws().playing).toBe(true)
    expect(ab.attributes('aria-checked')).toBe('true')
    expect(w.find('[data-testid=player-status]').text()).toContain('B: corrected (fir)')

    await w.find('select').setValue('stft')
    await flushPromises()
    expect(ws().loads.at(-1)).toBe('fake-media://2?method=stft')

    key('a')
    await flushPromises()
    expect(ws().loads.at(-1)).toBe('fake-media://2')
    expect(ab.attributes('aria-checked')).toBe('false')
  })

  it('plays on Space and seeks on the arrows, but not while typing', async () => {
    const w = await open(2)
    key(' ')
    await flushPromises()
    expect(ws().playing).toBe(true)
    expect(w.find('[data-testid=play]').attributes('aria-label')).toBe('Pause')
    ws().setTime(2)
    key('ArrowRight')
    key('ArrowRight')
    key('ArrowLeft')
    await flushPromises()
    expect(ws().time).toBe(3)
    expect(w.find('[data-testid=current-time]').text()).toBe('0:03.0')

    const select = w.find('select').element
    select.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }))
    select.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))
    expect(ws().time).toBe(3)
    expect(ws().playing).toBe(true)
  })

  it('shows the mean spectrum against the device, the reference and the corrected one', async () => {
    estimate = estimateView()
    details[2] = detail(2, { correctable: true })
    const w = await open(2)
    const plot = w.findComponent({ name: 'FrequencyPlot' })
    const data = plot.props('data') as { series: { name: string; values: number[] }[] }
    expect(data.series.map((s) => [s.name, Array.from(s.values)])).toEqual([
      ['this recording', [0, -10, -20]],
      ['b mean', [2, 2, 2]],
      ['a mean (reference)', [1, 1, 1]],
      ['corrected towards a', [1, -8, -17]],
    ])
  })

  it('says why the audio did not load', async () => {
    const w = await open(2)
    ws().failNext = new Error('Failed to fetch fake-media://2: 404 (Not Found)')
    details[2] = detail(2)
    // Reload the same recording as another one would be: a new source.
    details[7] = detail(7, { recording: recordingRow(7, { group: null }) })
    useRecordingsStore().openDetail(7)
    await flushPromises()
    expect(w.find('[data-testid=player-error]').text()).toBe(
      'The audio file is not there any more (moved or deleted since the last scan). Rescan its source.',
    )
    expect(w.find('[data-testid=play]').attributes('disabled')).toBeDefined()
  })

  it('shows an empty state without a recording and an error for an unknown one', async () => {
    wrapper = mount(RecordingView, {
      global: { plugins: [pinia], stubs: { FrequencyPlot: true } },
    })
    await flushPromises()
    expect(wrapper.text()).toContain('No recording chosen')
    useRecordingsStore().openDetail(99)
    await flushPromises()
    expect(wrapper.find('[role=alert]').text()).toContain('no recording with id 99')
  })

  it('zooms with the buttons and the wheel, between the whole recording and 16,000 px', async () => {
    const w = await open(2)
    // 5 s in a 1000 px view: the whole recording is 200 px/s.
    await w.find('button[aria-label="Zoom in"]').trigger('click')
    expect(ws().zooms).toEqual([300])
    const wave = w.find('[data-testid=waveform]').element
    wave.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: 0, cancelable: true }))
    expect(ws().zooms).toEqual([300, 360])
    w.find('[data-testid=spectrogram]').element.dispatchEvent(
      new WheelEvent('wheel', { deltaY: 100, clientX: 0, cancelable: true }),
    )
    expect(ws().zooms).toEqual([300, 360, 300])
    // Sideways scrolling is left to the browser.
    wave.dispatchEvent(new WheelEvent('wheel', { deltaX: 100, deltaY: 10, cancelable: true }))
    expect(ws().zooms).toHaveLength(3)
    for (let i = 0; i < 12; i++) await w.find('button[aria-label="Zoom in"]').trigger('click')
    expect(ws().zooms.at(-1)).toBe(3200) // 16,000 px / 5 s
    await w.find('button.fit').trigger('click')
    expect(ws().zooms.at(-1)).toBe(200)
  })

  it('disposes of wavesurfer and of every listener its parts added, on unmount', async () => {
    const w = await open(2)
    const instance = ws()
    expect(instance.listenerCount()).toBeGreaterThan(0)
    const wave = w.find('[data-testid=waveform]').element
    w.unmount()
    wrapper = null
    expect(instance.destroyed).toBe(true)
    expect(instance.listenerCount()).toBe(0)
    wave.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, cancelable: true }))
    expect(instance.zooms).toEqual([])
  })
})
