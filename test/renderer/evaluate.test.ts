// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { EvaluationView } from '@shared/api/views'
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

function evaluation(bandHz: [number, number] = [100, 10000]): EvaluationView {
  return {
    bandHz,
    reference: 'a',
    estimateId: 5,
    frequencies: [0, 100, 1000, 10000],
    devices: [
      {
        device: 'a',
        rmsDbBefore: 0,
        rmsDbAfter: 0,
        spectrumDbBefore: [-10, -20, -30, -40],
        spectrumDbAfter: [-10, -20, -30, -40],
      },
      {
        device: 'b',
        rmsDbBefore: 4.4812,
        rmsDbAfter: 0.3127,
        spectrumDbBefore: [-30, -25, -31, -52],
        spectrumDbAfter: [-10, -20.5, -30.2, -40.1],
      },
      {
        device: 'c',
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
    },
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
      ['0.00', '0.00', '0.00'],
      ['4.48', '0.31', '−4.17'],
      ['6.92', '1.05', '−5.87'],
    ])
    expect(w.text()).toContain('Estimate #5, reference a, band 100–10k Hz.')
    expect(w.text()).toContain('In-sample:')
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
    expect(c.text()).toContain('Chance is 33.3% with 3 devices.')
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
