// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { EvaluationView } from '@shared/api/views'
import type { DeviceCorrection, RateCorrection } from '@shared/model/correction'
import { installTransport } from '../../src-renderer/api'
import { useEvaluationStore } from '../../src-renderer/stores/evaluation'
import { useProjectStore } from '../../src-renderer/stores/project'
import EvaluateView from '../../src-renderer/views/EvaluateView.vue'
import { appInfo, FakeTransport, projectView } from './fake-transport'

// happy-dom has no canvas: a stand-in uPlot records what the spectra plots are given.
const plots = vi.hoisted(() => {
  class FakePlot {
    static pxRatio = 1
    static instances: FakePlot[] = []
    hooks: Record<string, unknown[]> = {}
    destroyed = false
    constructor(
      readonly opts: {
        series: { label?: string }[]
        scales: { y: { range: (u: unknown) => [number, number] } }
      },
      public data: unknown[],
    ) {
      FakePlot.instances.push(this)
    }
    setData(data: unknown[]): void {
      this.data = data
    }
    setSize(): void {}
    redraw(): void {}
    destroy(): void {
      this.destroyed = true
    }
  }
  return FakePlot
})
vi.mock('uplot', () => ({ default: plots }))

function rate(sampleRate: number, kind: 'fir' | 'stft', taps: number | null): RateCorrection {
  return {
    sampleRate,
    files: 2,
    kind,
    taps,
    design: kind === 'fir' ? 'relative-ls' : null,
    bandHz: [100, 10000],
    errorRmsDb: kind === 'fir' ? 0.2 : null,
    errorMaxDb: kind === 'fir' ? 1.1 : null,
    errorMaxAtHz: kind === 'fir' ? 120 : null,
    beforeDb: 6.5,
    afterDb: 0.9,
    reasons: [],
    overrides: [],
  }
}

/** c has files at two rates: a FIR meets the policy at 16 kHz, the STFT path at 48 kHz. */
const cCorrection: DeviceCorrection = {
  device: 'c',
  reference: false,
  bandHz: [100, 10000],
  bandLimits: ['device-level', 'nyquist'],
  beforeDb: 6.5,
  afterDb: 0.9,
  rates: [rate(16000, 'fir', 2049), rate(48000, 'stft', null)],
}

function evaluation(bandHz: [number, number] = [100, 10000]): EvaluationView {
  return {
    bandHz,
    reference: 'a',
    estimateId: 5,
    frequencies: [0, 100, 1000, 10000],
    devices: [
      {
        device: 'a',
        bandHz: [100, 10000],
        rmsDbBefore: 0,
        rmsDbAfter: 0,
        trainRecordings: 5,
        testRecordings: 5,
        correction: null,
        note: null,
        spectrumDbBefore: [-10, -20, -30, -40],
        spectrumDbAfter: [-10, -20, -30, -40],
      },
      {
        device: 'b',
        bandHz: [100, 10000],
        trainRecordings: 5,
        testRecordings: 5,
        correction: { ...cCorrection, device: 'b', rates: [rate(44100, 'fir', 1025)] },
        note: null,
        rmsDbBefore: 4.4812,
        rmsDbAfter: 0.3127,
        spectrumDbBefore: [-30, -25, -31, -52],
        spectrumDbAfter: [-10, -20.5, -30.2, -40.1],
      },
      {
        device: 'c',
        bandHz: [100, 10000],
        trainRecordings: 5,
        testRecordings: 3,
        correction: cCorrection,
        note: null,
        rmsDbBefore: 6.92,
        rmsDbAfter: 1.05,
        spectrumDbBefore: [-5, -12, -33, -61],
        spectrumDbAfter: [-10, -21, -29, -41],
      },
    ],
    classifier: {
      accuracyBefore: 0.8667,
      accuracyAfter: 0.3333,
      chance: 0.3333,
      devices: ['a', 'b', 'c'],
      confusionBefore: [
        [5, 0, 0],
        [1, 4, 0],
        [0, 1, 4],
      ],
      confusionAfter: [
        [2, 2, 1],
        [2, 1, 2],
        [1, 2, 2],
      ],
      trained: 6,
      tested: 15,
      testedPerDevice: [5, 5, 5],
    },
    method: null,
    taps: null,
    paperExact: false,
    split: { seed: 0, trainUnits: 6, testUnits: 15, trainGroups: 3, testGroups: 3 },
    warnings: [],
  }
}

let fake: FakeTransport
let pinia: Pinia
let wrapper: VueWrapper | null = null

beforeEach(() => {
  plots.instances = []
  pinia = createPinia()
  setActivePinia(pinia)
  fake = new FakeTransport({
    'app.info': () => appInfo(),
    'estimate.current': () => null,
    'evaluate.run': (req) => evaluation(req.bandHz),
  })
  installTransport(fake)
  useProjectStore().apply(projectView({ devices: ['a', 'b', 'c'] }))
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
})

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(EvaluateView, { global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('Evaluate view', () => {
  it('runs the evaluation over 100 Hz–10 kHz and shows the numbers', async () => {
    const w = await mountView()
    expect(w.find('[data-testid=evaluate-view]').exists()).toBe(true)
    expect(fake.callsOf('evaluate.run')).toEqual([{ bandHz: [100, 10000] }])
    const rows = w
      .findAll('.rms-table tbody tr')
      .map((r) => r.findAll('td[data-field]').map((td) => td.text()))
    expect(rows).toEqual([
      ['5 / 5', '0.00', '0.00', '0.00', '–'],
      ['5 / 5', '4.48', '0.31', '−4.17', 'FIR 1025 taps'],
      ['3 / 5', '6.92', '1.05', '−5.87', 'FIR 2049 taps at 16 kHz, STFT at 48 kHz'],
    ])
    expect(w.text()).toContain('Estimate #5, reference a, band 100–10k Hz.')
    expect(w.find('[data-testid=evaluate-split]').text()).toContain(
      'on the test half: 15 of 21 alignment groups and ungrouped recordings (3 groups), drawn with seed 0; the correction was estimated on the other 6.',
    )
    expect(w.text()).toContain('Held out, as export writes it:')
    expect(w.find('[data-testid=evaluate-warnings]').exists()).toBe(false)
  })

  it('warns when the test set is too small to mean much', async () => {
    fake.handlers['evaluate.run'] = (req) => ({
      ...evaluation(req.bandHz),
      warnings: ['c has 1 test recording: its after-distance is one recording’s spectrum'],
    })
    const w = await mountView()
    const box = w.find('[data-testid=evaluate-warnings]')
    expect(box.find('h2').text()).toBe('Too few recordings to mean much')
    expect(box.text()).toContain('c has 1 test recording')
  })

  it('scores the correction as asked: method, taps and the paper’s exact FIR', async () => {
    const w = await mountView()
    await w.find('[data-testid=evaluate-method]').setValue('fir')
    await flushPromises()
    await w.find('input[type=checkbox]').setValue(true)
    await flushPromises()
    expect(fake.callsOf('evaluate.run')).toEqual([
      { bandHz: [100, 10000] },
      { bandHz: [100, 10000], method: 'fir' },
      { bandHz: [100, 10000], method: 'fir', paperExact: true },
    ])
  })

  it('draws the before/after bars per device', async () => {
    const w = await mountView()
    const chart = w.find('[data-testid=rms-chart]')
    const values = chart.findAll('text.value').map((t) => t.text())
    expect(values).toEqual(['4.5 dB', '0.3 dB', '6.9 dB', '1.1 dB'])
    expect(chart.text()).toContain('reference (0 dB by definition)')
    // Axis 0–8 dB in steps of 2: c's before bar is 6.92/8 of the 420 px plot width.
    const bars = chart.findAll('rect')
    expect(bars).toHaveLength(4)
    expect(Number(bars[2].attributes('width'))).toBeCloseTo((6.92 / 8) * 420, 6)
    expect(chart.findAll('.grid text').map((t) => t.text())).toEqual([
      '0',
      '2',
      '4',
      '6',
      '8',
      'dB RMS',
    ])
  })

  it('plots the spectra before and after on one y range', async () => {
    await mountView()
    const live = plots.instances.filter((p) => !p.destroyed)
    expect(live).toHaveLength(2)
    for (const p of live) {
      expect(p.opts.series.slice(1).map((s) => s.label)).toEqual(['a', 'b', 'c'])
      expect(p.opts.scales.y.range(p)).toEqual([-70, 0])
    }
    expect(live[0].data[2]).toEqual([-25, -31, -52])
    expect(live[1].data[2]).toEqual([-20.5, -30.2, -40.1])
  })

  it('shows the classifier against chance with both confusion matrices', async () => {
    const w = await mountView()
    const c = w.find('[data-testid=classifier]')
    expect(c.find('[data-field=accuracy-before]').text()).toBe('86.7%')
    expect(c.find('[data-field=accuracy-after]').text()).toBe('33.3%')
    expect(c.text()).toContain(
      'Chance, 33.3%, is what always guessing the device with the most test recordings scores (a: 5, b: 5, c: 5).',
    )
    expect(c.text()).toContain('Nearest-centroid classifier')
    expect(c.text()).toContain('learned on 6 recordings')
    expect(c.text()).toContain('standardised 40-band log-mel')
    expect(c.text()).toContain('at or below chance')
    const tables = c.findAll('table.confusion')
    expect(tables.map((t) => t.find('caption').text())).toEqual([
      'Before correction',
      'After correction',
    ])
    const cells = (i: number) =>
      tables[i].findAll('tbody tr').map((r) => r.findAll('td').map((td) => td.text()))
    expect(cells(0)).toEqual([
      ['5', '0', '0'],
      ['1', '4', '0'],
      ['0', '1', '4'],
    ])
    expect(cells(1)[1]).toEqual(['2', '1', '2'])
    // Shading follows each cell's share of its row.
    const first = tables[0].find('tbody td').element as HTMLElement
    expect(first.style.getPropertyValue('--share')).toBe('85%')
    expect(first.classList.contains('strong')).toBe(true)
  })

  it('re-runs with a new band once typing rests, and refuses an empty band', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await w.find('input[aria-label="Band low edge in Hz"]').setValue('200')
    await w.find('input[aria-label="Band high edge in Hz"]').setValue('5000')
    expect(fake.callsOf('evaluate.run')).toHaveLength(1)
    vi.advanceTimersByTime(500)
    await flushPromises()
    expect(fake.callsOf('evaluate.run')).toEqual([
      { bandHz: [100, 10000] },
      { bandHz: [200, 5000] },
    ])
    expect(useEvaluationStore().bandHz).toEqual([200, 5000])
    expect(w.text()).toContain('band 200–5k Hz.')
    await w.find('input[aria-label="Band high edge in Hz"]').setValue('150')
    vi.advanceTimersByTime(500)
    await flushPromises()
    expect(w.text()).toContain('The high edge (150 Hz) must be above the low edge (200 Hz)')
    expect(w.findAll('[data-testid=plot-error]').map((e) => e.text())).toContain(
      'Not updated: The high edge (150 Hz) must be above the low edge (200 Hz)',
    )
    expect(fake.callsOf('evaluate.run')).toHaveLength(2)
  })

  it('shows a failure of main', async () => {
    fake.handlers['evaluate.run'] = () => {
      throw { code: 'failed', message: 'no analysed recordings with a device label' }
    }
    const w = await mountView()
    expect(w.text()).toContain('Could not evaluate: no analysed recordings with a device label')
  })
})
