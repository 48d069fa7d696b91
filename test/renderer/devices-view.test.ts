// @vitest-environment happy-dom
// The Devices view on a fixed DevicesView: the table, the reference, the spectra (absolute and
// relative) and the coverage matrices, with exact values.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { DevicesView } from '@shared/api/views'
import type { LabelAuditReport } from '@shared/model/label-audit'
import { DEFAULT_SETTINGS } from '@shared/model/project'
import { installTransport } from '../../src-renderer/api'
import { DEVICE_PALETTE, deviceColors, setProjectDevices } from '../../src-renderer/device-colors'
import {
  coverageDevices,
  listInWords,
  maxShared,
  unalignable,
} from '../../src-renderer/components/devices/coverage'
import FrequencyPlot from '../../src-renderer/components/FrequencyPlot.vue'
import type { PlotData } from '../../src-renderer/composables/use-plot'
import { useAppStore } from '../../src-renderer/stores/app'
import { useProjectStore } from '../../src-renderer/stores/project'
import { useRecordingsStore } from '../../src-renderer/stores/recordings'
import DevicesViewPage from '../../src-renderer/views/DevicesView.vue'
import { FakeTransport, projectView } from './fake-transport'

const overview: DevicesView = {
  frequencies: [0, 100, 1000, 10000],
  devices: [
    { device: 'a', recordings: 12, seconds: 120, analysed: 11, excluded: 1 },
    { device: 'b', recordings: 10, seconds: 100, analysed: 10, excluded: 0 },
    { device: 'd', recordings: 5, seconds: 3725, analysed: 2, excluded: 0 },
  ],
  spectraDb: {
    a: [0, -10, -20, -30],
    b: [0, -16, -21, -50],
    d: [0, -40, -22, -35],
  },
  coveredHz: {},
  analysisSampleRate: 44100,
  rates: {},
  signalChecks: [],
  coverage: {
    groups: 14,
    pairs: {
      a: { a: 9, b: 7 },
      b: { a: 7, b: 8 },
      d: { d: 5 },
    },
    sample: [
      { group: 'g1', devices: ['a', 'b'] },
      { group: 'g2', devices: ['a'] },
      { group: 'g3', devices: ['d'] },
    ],
  },
}

let fake: FakeTransport
let pinia: Pinia
let wrapper: VueWrapper | null = null

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = new FakeTransport({
    'devices.overview': () => overview,
    'project.setReference': ({ device }) =>
      projectView({ settings: { ...DEFAULT_SETTINGS, referenceDevice: device } }),
  })
  installTransport(fake)
  useProjectStore().apply(projectView())
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  setProjectDevices([])
})

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(DevicesViewPage, {
    global: { plugins: [pinia], stubs: { FrequencyPlot: true } },
  })
  await flushPromises()
  return wrapper
}

function cells(w: VueWrapper, selector: string): string[][] {
  return w.findAll(`${selector} tbody tr`).map((tr) => tr.findAll('th, td').map((c) => c.text()))
}

const NO_FLAG = { recordings: 0, seconds: 0, share: 0, examples: [] }

describe('DevicesView', () => {
  it('shows each device’s sample rates and signal checks, warning about a mix and silence', async () => {
    fake.handlers['devices.overview'] = () => ({
      ...overview,
      analysisSampleRate: 48000,
      coveredHz: { a: 21600, b: 21600, d: 7200 },
      rates: {
        a: [{ sampleRate: 48000, recordings: 12, seconds: 120 }],
        b: [
          { sampleRate: 16000, recordings: 1, seconds: 10 },
          { sampleRate: 48000, recordings: 9, seconds: 90 },
        ],
        d: [{ sampleRate: 16000, recordings: 5, seconds: 3725 }],
      },
      signalChecks: [
        {
          device: 'b',
          recordings: 10,
          seconds: 100,
          kinds: {
            silence: { recordings: 2, seconds: 20, share: 0.2, examples: ['b/drop.wav'] },
            clipping: NO_FLAG,
            dc: NO_FLAG,
          },
          silentFrameShare: 0.08,
          silenceUnknown: 0,
          silentRecordings: 0,
        },
      ],
    })
    const w = await mountView()
    const panel = w.find('[data-testid=signal-panel]')
    expect(panel.text()).toContain('Analysed at 48 kHz')
    const row = (d: string) => panel.find(`tr[data-device=${d}]`)
    expect(row('a').find('[data-field=rates]').text()).toBe('48 kHz: 12')
    expect(row('a').find('[data-field=checks]').text()).toBe('none')
    const b = row('b').find('[data-field=rates]')
    expect(b.classes()).toContain('warn-text')
    expect(b.text()).toContain('16 kHz: 1, 48 kHz: 9')
    expect(b.text()).toContain(
      'Mixed rates: above 7.2k Hz its spectrum and curve rest on its 48 kHz files only.',
    )
    expect(row('b').find('[data-field=checks]').text()).toContain(
      '2 of 10 recordings with digital silence (≥ 5% of frames): 20% of its audio',
    )
    expect(row('b').find('[data-field=checks]').text()).toContain(
      '8.0% of its frames are digitally silent',
    )
    expect(row('d').find('[data-field=rates]').text()).toContain(
      'Below the analysis rate: nothing above 7.2k Hz',
    )
  })

  it('lists every device with its counts, audio and groups, the reference marked', async () => {
    const w = await mountView()
    expect(w.find('[data-testid=devices-view]').exists()).toBe(true)
    expect(cells(w, '[data-testid=devices-table]')).toEqual([
      ['a', '12', '2 min 00 s', '11', '1', '0', '9', '–', 'Reference'],
      ['b', '10', '1 min 40 s', '10', '0', '0', '8', '7', 'Make reference'],
      ['d', '5', '1 h 02 min', '2', '0', '3', '5', '0', 'Make reference'],
    ])
    expect(w.find('[data-testid=reference-badge]').text()).toBe('Reference')
    expect(w.find('.title p').text()).toBe(
      '3 devices · 27 recordings · 1 h 05 min of audio · reference: a',
    )
  })

  it('makes another device the reference through project.setReference', async () => {
    const w = await mountView()
    const rowB = w.find('[data-testid=devices-table] tr[data-device=b]')
    await rowB.find('button').trigger('click')
    await flushPromises()
    expect(fake.callsOf('project.setReference')).toEqual([{ device: 'b' }])
    expect(useProjectStore().referenceDevice).toBe('b')
    expect(
      w
        .find('[data-testid=devices-table] tr[data-device=b] [data-testid=reference-badge]')
        .exists(),
    ).toBe(true)
  })

  it('overlays the mean spectra, and each relative to the reference', async () => {
    const w = await mountView()
    expect(w.find('[data-testid=device-spectra]').exists()).toBe(true)
    const absolute = w.findComponent(FrequencyPlot).props('data') as PlotData
    expect(absolute.frequencies).toEqual([0, 100, 1000, 10000])
    expect(absolute.series.map((s) => [s.name, Array.from(s.values)])).toEqual([
      ['a (reference)', [0, -10, -20, -30]],
      ['b', [0, -16, -21, -50]],
      ['d', [0, -40, -22, -35]],
    ])
    await w.find('[data-testid=spectra-relative]').setValue(true)
    const relative = w.findComponent(FrequencyPlot).props('data') as PlotData
    expect(relative.series.map((s) => [s.name, Array.from(s.values)])).toEqual([
      ['a (reference)', [0, 0, 0, 0]],
      ['b', [0, -6, -1, -20]],
      ['d', [0, -30, -2, -5]],
    ])
    expect(w.findComponent(FrequencyPlot).props('yLabel')).toBe('dB re a')
  })

  it('shows the pairs heat map, the groups as dots and what cannot be aligned', async () => {
    const w = await mountView()
    const matrix = w.find('[data-testid=coverage-matrix]')
    expect(matrix.find('[data-testid=group-count]').text()).toBe('14')
    expect(cells(w, '[data-testid=pairs-matrix]')).toEqual([
      ['a', '9', '7', '0'],
      ['b', '7', '8', '0'],
      ['d', '0', '0', '5'],
    ])
    expect(matrix.find('[data-pair="a:b"]').attributes('style')).toBe('--heat: 41%;')
    expect(matrix.find('[data-pair="a:d"]').attributes('style')).toBeUndefined()
    const dots = w
      .findAll('[data-testid=group-dots] tbody tr')
      .map((tr) => [
        tr.attributes('data-group'),
        tr.findAll('td').map((td) => td.find('[data-testid=group-dot]').exists()),
      ])
    expect(dots).toEqual([
      ['g1', [true, true, false]],
      ['g2', [true, false, false]],
      ['g3', [false, false, true]],
    ])
    expect(matrix.text()).toContain('The first 3 of 14 groups × devices')
    expect(matrix.find('[data-testid=unalignable]').text()).toBe(
      'No group shared with a: d cannot be estimated with the aligned variants (the unaligned one still can).',
    )
  })
})

const AUDIT: LabelAuditReport = {
  suspects: [
    {
      id: 7,
      path: '/data/corpus/peaky/own-110.wav',
      device: 'peaky',
      bestMatch: 'phone',
      score: 17.86,
      method: 'device-mean',
      compareWith: { id: 9, path: '/data/corpus/phone/own-111.wav', device: 'phone' },
    },
  ],
  duplicates: [
    {
      kind: 'across-devices',
      recordings: [
        { id: 3, path: '/data/corpus/phone/copy.wav', device: 'phone' },
        { id: 4, path: '/data/corpus/studio/own-100.wav', device: 'studio' },
      ],
    },
  ],
  anomalies: [
    {
      kind: 'sample-rate',
      recordings: [{ id: 5, path: '/data/corpus/phone/low.wav', device: 'phone' }],
      detail: '16000 Hz; the other recordings of phone: 48000 Hz',
    },
  ],
  recordings: 21,
  fitted: 20,
}

describe('Audit panel', () => {
  beforeEach(() => {
    fake.handlers['devices.audit'] = () => AUDIT
    fake.handlers['recordings.relabel'] = () => ({ changed: 1 })
  })

  it('audits on request and lists suspects, duplicates and anomalies', async () => {
    const w = await mountView()
    expect(w.find('[data-testid=audit-suspects]').exists()).toBe(false)
    expect(fake.callsOf('devices.audit')).toEqual([])
    await w.get('[data-testid=audit-panel] .head button').trigger('click')
    await flushPromises()
    expect(fake.callsOf('devices.audit')).toEqual([{}])
    expect(w.get('[data-testid=audit-summary]').text()).toBe(
      '20 of 21 recordings fitted · 1 suspected · 1 duplicates · 1 anomalies',
    )
    const row = w.findAll('[data-testid=audit-suspects] tbody tr')[0]
    expect(
      row
        .findAll('td')
        .map((c) => c.text())
        .slice(0, 5),
    ).toEqual(['peaky/own-110.wav', 'peaky', 'phone', '17.9', 'device median'])
    const texts = (selector: string) => w.findAll(selector).map((c) => c.text())
    expect(texts('[data-testid=audit-duplicates] td')[0]).toBe('Across devices')
    expect(texts('[data-testid=audit-duplicates] .item')).toEqual([
      'phone/copy.wav (phone)',
      'studio/own-100.wav (studio)',
    ])
    expect(texts('[data-testid=audit-anomalies] td')).toEqual([
      'Sample rate',
      'phone/low.wav',
      '16000 Hz; the other recordings of phone: 48000 Hz',
    ])
  })

  it('opens a suspect, plays it A/B against the suspected device, and relabels it', async () => {
    const play = vi
      .spyOn(HTMLMediaElement.prototype, 'play')
      .mockImplementation(() => Promise.resolve())
    const w = await mountView()
    await w.get('[data-testid=audit-panel] .head button').trigger('click')
    await flushPromises()
    const row = () => w.get('[data-testid=audit-suspects] tbody tr')
    const button = (name: string) =>
      row()
        .findAll('button')
        .find((b) => b.text() === name)!
    await button('A').trigger('click')
    const audio = w.get('audio').element as HTMLAudioElement
    expect(audio.src).toBe('fake-media://7')
    expect(button('A').attributes('aria-pressed')).toBe('true')
    await button('B').trigger('click')
    expect(audio.src).toBe('fake-media://9')
    expect(button('B').attributes('aria-pressed')).toBe('true')
    expect(play).toHaveBeenCalledTimes(2)
    await button('Relabel as phone').trigger('click')
    await flushPromises()
    expect(fake.callsOf('recordings.relabel')).toEqual([{ ids: [7], patch: { device: 'phone' } }])
    expect(fake.callsOf('devices.audit')).toEqual([{}, {}])
    await button('Open').trigger('click')
    expect(useRecordingsStore().detailId).toBe(7)
    expect(useAppStore().view).toBe('recording')
    play.mockRestore()
  })

  it('says so when nothing is found', async () => {
    fake.handlers['devices.audit'] = () => ({
      suspects: [],
      duplicates: [],
      anomalies: [],
      recordings: 21,
      fitted: 21,
    })
    const w = await mountView()
    await w.get('[data-testid=audit-panel] .head button').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid=audit-clean]').text()).toContain('Nothing to report')
  })
})

describe('coverage helpers', () => {
  it('reads pairs, order and the devices without a shared group', () => {
    const c = overview.coverage
    expect(coverageDevices(['b', 'a'], { ...c, pairs: { ...c.pairs, z: {} } })).toEqual([
      'b',
      'a',
      'd',
      'z',
    ])
    expect(unalignable(['a', 'b', 'd'], c, 'a')).toEqual(['d'])
    expect(unalignable(['a', 'b', 'd'], c, 'd')).toEqual(['a', 'b'])
    expect(unalignable(['a', 'b', 'd'], c, null)).toEqual([])
    expect(maxShared(c.pairs, ['a', 'b', 'd'])).toBe(9)
    expect(listInWords(['b', 'c', 'd'])).toBe('b, c and d')
    expect(listInWords(['d'])).toBe('d')
  })
})

describe('device colours', () => {
  it('the table, the heat map, the group dots and the plot take one project map', async () => {
    // The project knows c too, which this overview lacks: d keeps the fourth colour.
    setProjectDevices(['d', 'c', 'b', 'a'])
    const w = await mountView()
    const expected = { a: DEVICE_PALETTE[0], b: DEVICE_PALETTE[1], d: DEVICE_PALETTE[3] }
    const dotColour = (el: Element): string => (el as HTMLElement).style.background
    const byText = (selector: string): Record<string, string> =>
      Object.fromEntries(
        w.findAll(selector).map((c) => [c.text().trim(), dotColour(c.find('.dot').element)]),
      )
    const asCss = (hex: string): string => {
      const probe = document.createElement('span')
      probe.style.background = hex
      return probe.style.background
    }
    const want = Object.fromEntries(Object.entries(expected).map(([d, c]) => [d, asCss(c)]))
    expect(byText('[data-testid=devices-table] tbody th')).toEqual(want)
    expect(byText('[data-testid=pairs-matrix] thead th')).toEqual(want)
    expect(byText('[data-testid=pairs-matrix] tbody th')).toEqual(want)
    const dots = w.findAll('[data-testid=group-dot]').map((d) => dotColour(d.element))
    expect(new Set(dots)).toEqual(new Set(Object.values(want)))
    // What the spectra plot colours its series by.
    const plotted = w.findComponent(FrequencyPlot).props('data') as PlotData
    const named = deviceColors(plotted.series.map((s) => s.name))
    expect(
      Object.fromEntries(
        plotted.series.map((s) => [s.name.split(' ')[0], s.color ?? named.get(s.name)]),
      ),
    ).toEqual(expected)
  })
})
