// @vitest-environment happy-dom
// Reading a frequency plot: the cursor readout (frequency and each series' value), zoom by
// dragging with a reset, the y range fitted to all, fitted to a band (a +50 dB edge does not
// squash the middle) or set (typed mistakes named on the plot), and the Save menu writing the
// figure built for the view shown, with the figure's text alternative.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Figure } from '@shared/figures/types'
import FrequencyPlot from '../../src-renderer/components/FrequencyPlot.vue'
import {
  plotYRange,
  readoutAt,
  type PlotData,
  type PlotView,
} from '../../src-renderer/composables/use-plot'
import { catchDownloads } from './downloads'

// happy-dom has no canvas: a stand-in uPlot keeps its options, scales and cursor.
const plots = vi.hoisted(() => {
  type Hook = (u: unknown, key?: string) => void
  class FakePlot {
    static instances: FakePlot[] = []
    scales: Record<string, { min?: number; max?: number }> = { x: {}, y: {} }
    cursor: { idx: number | null } = { idx: null }
    setScales: [string, { min: number; max: number }][] = []
    destroyed = false
    constructor(
      readonly opts: {
        scales: {
          x: { range: () => [number, number] }
          y: { range: (u: unknown) => [number, number] }
        }
        hooks: { setCursor: Hook[]; setScale: Hook[] }
        axes: { label?: string }[]
      },
      public data: unknown[],
    ) {
      FakePlot.instances.push(this)
    }
    batch(f: () => void): void {
      f()
    }
    setScale(key: string, range: { min: number; max: number }): void {
      this.setScales.push([key, range])
      this.scales[key] = { ...range }
    }
    setData(data: unknown[]): void {
      this.data = data
    }
    setSize(): void {}
    redraw(): void {}
    destroy(): void {
      this.destroyed = true
    }
    /** A drag across the plot: uPlot sets the x scale, then calls its hooks. */
    drag(min: number, max: number): void {
      this.scales.x = { min, max }
      for (const h of this.opts.hooks.setScale) h(this, 'x')
    }
    point(idx: number | null): void {
      this.cursor.idx = idx
      for (const h of this.opts.hooks.setCursor) h(this)
    }
  }
  return FakePlot
})
vi.mock('uplot', () => ({ default: plots }))

/** Two devices; `a` has a +50 dB edge at 20 kHz, the middle stays within ±5 dB. */
const DATA: PlotData = {
  frequencies: [0, 50, 100, 1000, 10_000, 20_000],
  series: [
    { name: 'a', values: [0, 1, 2, -3, 4, 50] },
    { name: 'b', values: [0, -1, -2, 3, -4, -5] },
  ],
}

let pinia: Pinia
let wrapper: VueWrapper | null = null
let views: PlotView[]

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  plots.instances.length = 0
  views = []
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.restoreAllMocks()
})

const figureOf = (view: PlotView): Figure => {
  views.push(view)
  return {
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>',
    csv: `frequency_hz,a_db\n${view.xRangeHz[0]},1\n`,
    title: 'Spectra',
    alt: `Spectra of a and b from ${view.xRangeHz[0]} Hz`,
  }
}

async function mountPlot(props: Record<string, unknown> = {}): Promise<VueWrapper> {
  wrapper = mount(FrequencyPlot, {
    props: { data: DATA, label: 'Spectra', figure: figureOf, fileName: 'spectra', ...props },
    global: { plugins: [pinia] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const plot = () => plots.instances.filter((p) => !p.destroyed).at(-1)!

describe('plot ranges and readout (pure)', () => {
  it('fits y to all, to a band without the +50 dB edge, or takes the range set', () => {
    const all = plotYRange(DATA, [20, 20_000], { mode: 'all' })
    expect(all[1]).toBeGreaterThanOrEqual(50)
    const band = plotYRange(DATA, [20, 20_000], { mode: 'band', bandHz: [100, 10_000] })
    expect(band[0]).toBeLessThanOrEqual(-4)
    expect(band[1]).toBeGreaterThanOrEqual(4)
    expect(band[1]).toBeLessThan(10)
    expect(plotYRange(DATA, [20, 20_000], { mode: 'set', db: [-12, 6] })).toEqual([-12, 6])
  })

  it('reads the nearest bin and every series there, nothing outside the data', () => {
    const columns = [
      [50, 100, 1000],
      [1, 2, null],
      [-1, -2, 3],
    ]
    const entries = [
      { name: 'a', color: '#111111', dash: false },
      { name: 'b', color: '#222222', dash: true },
    ]
    expect(readoutAt(columns, entries, 2)).toEqual({
      hz: 1000,
      values: [
        { ...entries[0], value: null },
        { ...entries[1], value: 3 },
      ],
    })
    expect(readoutAt(columns, entries, null)).toBeNull()
    expect(readoutAt(columns, entries, 3)).toBeNull()
  })
})

describe('FrequencyPlot', () => {
  it('shows the frequency and each value under the cursor, and the hint elsewhere', async () => {
    const w = await mountPlot()
    const readout = w.find('[data-testid=readout]')
    expect(readout.text()).toContain('Point at the plot for its values')
    // Positive frequencies only: index 2 is 1 kHz.
    plot().point(2)
    await flushPromises()
    expect(readout.text()).toContain('1 kHz')
    expect(readout.text()).toContain('a −3.0 dB')
    expect(readout.text()).toContain('b +3.0 dB')
    plot().point(null)
    await flushPromises()
    expect(readout.text()).toContain('Point at the plot for its values')
  })

  it('zooms by dragging across, saves the view shown, and resets', async () => {
    const w = await mountPlot()
    expect(plot().opts.scales.x.range()).toEqual([20, 20_000])
    expect(w.findAll('button').some((b) => b.text() === 'Reset zoom')).toBe(false)
    plot().drag(100, 1000)
    await flushPromises()
    expect(views.at(-1)).toMatchObject({ xRangeHz: [100, 1000], zoomed: true })
    // The text alternative is the figure's, for the range in view.
    expect(w.find('.visually-hidden').text()).toBe('Spectra of a and b from 100 Hz')
    const reset = w.findAll('button').find((b) => b.text() === 'Reset zoom')!
    const before = plot().setScales.length
    await reset.trigger('click')
    await flushPromises()
    expect(plot().setScales.slice(before)).toContainEqual(['x', { min: 20, max: 20_000 }])
    expect(views.at(-1)).toMatchObject({ xRangeHz: [20, 20_000], zoomed: false })
    expect(w.findAll('button').some((b) => b.text() === 'Reset zoom')).toBe(false)
  })

  it('fits y to the band, or to a range typed, naming a typed mistake on the plot', async () => {
    const w = await mountPlot()
    const yOf = (): [number, number] => plot().opts.scales.y.range(plot())
    expect(yOf()[1]).toBeGreaterThanOrEqual(50)
    await w.find('[data-testid=y-range]').setValue('band')
    await flushPromises()
    expect(yOf()[1]).toBeLessThan(10)
    expect(plot().setScales.at(-1)?.[0]).toBe('y')
    expect(plot().scales.y.max).toBeLessThan(10)
    await w.find('[data-testid=y-range]').setValue('set')
    await flushPromises()
    await w.find('input[aria-label="Y from (dB)"]').setValue('-20')
    await w.find('input[aria-label="Y to (dB)"]').setValue('15')
    await flushPromises()
    expect(yOf()).toEqual([-20, 15])
    expect(plot().scales.y).toEqual({ min: -20, max: 15 })
    await w.find('input[aria-label="Y to (dB)"]').setValue('-30')
    await flushPromises()
    expect(w.find('[role=alert]').text()).toBe('y to (-30 dB) must be above y from (-20 dB)')
    // The plot keeps the last range that could be used.
    expect(yOf()).toEqual([-20, 15])
  })

  it('shows a field error of its caller on the plot', async () => {
    const w = await mountPlot({ error: 'Taps: 1024 is even' })
    expect(w.find('[data-testid=plot-error]').text()).toBe('Not updated: Taps: 1024 is even')
  })

  it('saves the CSV and SVG of the view shown from the Save menu, named by the caller', async () => {
    const { blobs, clicks } = catchDownloads()
    const w = await mountPlot()
    plot().drag(50, 5000)
    await flushPromises()
    const button = (title: string) => w.findAll('button').find((b) => b.text() === title)!
    await button('Save CSV').trigger('click')
    await flushPromises()
    await button('Save SVG').trigger('click')
    await flushPromises()
    expect(clicks).toEqual(['spectra.csv blob:fake/1', 'spectra.svg blob:fake/2'])
    expect(await blobs[0].text()).toBe('frequency_hz,a_db\n50,1\n')
    expect(blobs[1].type).toBe('image/svg+xml')
    expect(await blobs[1].text()).toContain('<svg')
  })

  it('offers nothing to save before there is data', async () => {
    const w = await mountPlot({ data: null })
    const saves = w.findAll('button').filter((b) => b.text().startsWith('Save '))
    expect(saves).toHaveLength(3)
    for (const b of saves) expect(b.attributes('disabled')).toBeDefined()
  })
})
