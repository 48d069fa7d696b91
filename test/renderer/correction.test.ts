// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Component } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { DevicesView, EstimateView, FirResponseView, ProjectView } from '@shared/api/views'
import { installTransport } from '../../src-renderer/api'
import { blobOf } from '../../src-renderer/composables/use-download'
import { formOf, parseForm, type ComputeRequest } from '../../src-renderer/forms/estimate-form'
import { parseOptionalTaps, parseTaps } from '../../src-renderer/forms/fir-form'
import { mergeWarnings, unionOfRanges } from '../../src-renderer/components/correction/warnings'
import { useJobsStore } from '../../src-renderer/stores/jobs'
import { useProjectStore } from '../../src-renderer/stores/project'
import CorrectionView from '../../src-renderer/views/CorrectionView.vue'
import DevicesPage from '../../src-renderer/views/DevicesView.vue'
import { catchDownloads } from './downloads'
import { appInfo, FakeTransport, firResponseStub, projectView, projectWith } from './fake-transport'

// happy-dom has no canvas: a stand-in uPlot records what the plots are given.
const plots = vi.hoisted(() => {
  class FakePlot {
    static pxRatio = 1
    static instances: FakePlot[] = []
    hooks: Record<string, ((u: unknown) => void)[]> = {}
    data: unknown[]
    destroyed = false
    redraws = 0
    constructor(
      readonly opts: { series: { label?: string; dash?: number[] }[] },
      data: unknown[],
    ) {
      this.data = data
      FakePlot.instances.push(this)
    }
    setData(data: unknown[]): void {
      this.data = data
    }
    setSize(): void {}
    redraw(): void {
      this.redraws++
    }
    destroy(): void {
      this.destroyed = true
    }
    /** The live coefficient plot (the FIR plot has a 'realised' series). */
    static current(): FakePlot | undefined {
      return FakePlot.instances
        .filter((p) => !p.destroyed && !p.opts.series.some((s) => s.label === 'realised'))
        .at(-1)
    }
  }
  return FakePlot
})
vi.mock('uplot', () => ({ default: plots }))

const FREQS = [0, 50, 100, 1000, 10000]
/** The estimate main keeps for each reference (with the default settings). */
const ESTIMATE_IDS: Record<string, number> = { a: 1, b: 2, c: 3 }

function estimateView(reference: string, patch: Partial<EstimateView> = {}): EstimateView {
  const curves: Record<string, number[]> = {
    a: [0, 0, 0, 0, 0],
    b: [43.8, 12, 3, 0.5, -2],
    c: [-5, -4, -1, 0, 25.5],
  }
  const shift = curves[reference]
  return {
    id: ESTIMATE_IDS[reference],
    createdAt: '2025-03-01T10:00:00Z',
    variant: 'unaligned',
    reference,
    sampleRate: 44100,
    nFft: 2048,
    hopLength: 512,
    maxPerDevice: null,
    seed: 0,
    frequencies: FREQS,
    devices: Object.fromEntries(
      Object.entries(curves).map(([d, v]) => [
        d,
        { coefficientsDb: v.map((x, k) => x - shift[k]), recordings: 12, segments: 0 },
      ]),
    ),
    missing: [{ device: 'e', reason: 'no analysed recordings' }],
    frameGating: false,
    // Towards a, b carries signal from 100 Hz only: below, export tapers its boost.
    validBands: Object.fromEntries(
      Object.entries(curves).map(([d, v]) => {
        const narrow = reference === 'a' && d === 'b'
        const db = v.map((x, k) => x - shift[k])
        return [
          d,
          {
            bandHz: [narrow ? 100 : 0, 22050] as [number, number],
            limits: [narrow ? 'device-level' : 'dc', 'nyquist'] as [string, string],
            appliedDb: db.map((x, k) => (narrow && FREQS[k] < 100 ? x / 8 : x)),
          },
        ]
      }),
    ),
    gating: [],
    warnings:
      reference === 'a'
        ? [
            { device: 'b', fromHz: 0, toHz: 50, maxDb: 43.8 },
            { device: 'c', fromHz: 10000, toHz: 10000, maxDb: 25.5 },
          ]
        : [],
    ...patch,
  }
}

/**
 * The FIR main designs: the policy's (1025 taps, within its limits) unless the user asks for
 * other taps, which miss the target here.
 */
function firResponse(device: string, taps?: number): FirResponseView {
  const n = taps ?? 1025
  return firResponseStub(device, {
    taps: n,
    frequencies: FREQS,
    targetDb: [43.8, 12, 3, 0.5, -2],
    coefficientsDb: [43.8, 12, 3, 0.5, -2],
    realisedDb: taps === undefined ? [30, 11.8, 3.1, 0.5, -2] : [30, 11, 5.5, 0.4, -2.1],
    correction: {
      taps: n,
      bandHz: [50, 22050],
      errorRmsDb: taps === undefined ? 0.12 : 1.3,
      errorMaxDb: taps === undefined ? 0.2 : 2.5,
      errorMaxAtHz: 100,
      beforeDb: 9.1,
      afterDb: taps === undefined ? 0.2 : 1.4,
      reasons:
        taps === undefined
          ? ['relative-ls 1025 taps: within 0.5 dB RMS and 3 dB max of its target']
          : [`${n} taps misses its target by 1.30 dB RMS, 2.5 dB max`],
    },
  })
}

const OVERVIEW: DevicesView = {
  frequencies: FREQS,
  devices: [
    { device: 'a', recordings: 10, seconds: 100, analysed: 10, excluded: 0 },
    { device: 'b', recordings: 12, seconds: 120, analysed: 12, excluded: 0 },
    { device: 'c', recordings: 8, seconds: 80, analysed: 8, excluded: 0 },
    { device: 'e', recordings: 2, seconds: 20, analysed: 0, excluded: 0 },
  ],
  spectraDb: {},
  coveredHz: {},
  analysisSampleRate: 44100,
  rates: {},
  signalChecks: [],
  coverage: {
    groups: 9,
    pairs: {
      a: { a: 9, b: 6, c: 5 },
      b: { a: 6, b: 7, c: 2 },
      c: { a: 5, b: 2, c: 5 },
    },
    sample: [],
  },
}

let fake: FakeTransport
let pinia: Pinia
let wrappers: VueWrapper[] = []
/** What main holds: the project's reference and the estimate it names as current. */
let main: { reference: string | null; estimateId: number | null }

function mainProject(): ProjectView {
  return projectWith(
    { referenceDevice: main.reference, currentEstimateId: main.estimateId },
    {
      devices: ['a', 'b', 'c', 'e'],
      counts: { ...projectView().counts, analysed: 30, recordings: 32, devices: 4 },
    },
  )
}

/** As main does: the change becomes the project's state, announced by one project.changed. */
function announce(): ProjectView {
  const view = mainProject()
  fake.emit('project.changed', view)
  return view
}

beforeEach(async () => {
  plots.instances = []
  pinia = createPinia()
  setActivePinia(pinia)
  main = { reference: 'a', estimateId: 1 }
  fake = new FakeTransport({
    'app.info': () => appInfo(),
    'jobs.list': () => [],
    'devices.overview': () => OVERVIEW,
    'estimate.current': () => (main.estimateId ? estimateView(main.reference!) : null),
    'estimate.compute': () => {
      main.estimateId = ESTIMATE_IDS[main.reference!]
      announce()
      return estimateView(main.reference!)
    },
    'project.setReference': ({ device }) => {
      main = { reference: device, estimateId: ESTIMATE_IDS[device] }
      return announce()
    },
    'estimate.firResponse': (req) => firResponse(req.device, req.taps),
    'estimate.bands': () => ({
      frequencies: FREQS,
      level: 0.95,
      iterations: 100,
      devices: {
        b: { lowerDb: [40, 11, 2, 0, -3], upperDb: [47, 13, 4, 1, -1] },
        c: { lowerDb: [-6, -5, -2, -1, 24], upperDb: [-4, -3, 0, 1, 27] },
      },
    }),
    'estimate.download': (req) =>
      req.what === 'coefficients'
        ? { fileName: 'p-estimate-1.csv', mimeType: 'text/csv', text: 'frequency_hz,b_db\n' }
        : { fileName: 'p-fir-b.wav', mimeType: 'audio/wav', base64: 'UklGRg==' },
  })
  installTransport(fake)
  // The shell's subscription to main's events.
  await useJobsStore().init()
})

afterEach(() => {
  for (const w of wrappers) w.unmount()
  wrappers = []
  vi.useRealTimers()
})

async function mountView(
  component: Component = CorrectionView,
  stubs: Record<string, boolean> = {},
): Promise<VueWrapper> {
  if (!useProjectStore().isOpen) useProjectStore().apply(mainProject())
  const wrapper = mount(component, { global: { plugins: [pinia], stubs }, attachTo: document.body })
  wrappers.push(wrapper)
  await flushPromises()
  return wrapper
}

const computeRequests = (): ComputeRequest[] => fake.callsOf('estimate.compute') as ComputeRequest[]

/** The plotted series of the live coefficient plot: label → values (x = positive frequencies). */
function plotted(): Record<string, unknown[]> {
  const p = plots.current()!
  return Object.fromEntries(p.opts.series.slice(1).map((s, i) => [s.label, p.data[i + 1] as []]))
}

/** The settings of estimate 1, as main keeps them in the project. */
const IN_EFFECT: ComputeRequest = {
  variant: 'unaligned',
  maxPerDevice: null,
  seed: 0,
  regularization: {},
  frameGating: false,
}

describe('Correction view', () => {
  it('shows the current estimate: curves per device, the reference at 0 dB, provenance', async () => {
    const w = await mountView()
    expect(w.find('[data-testid=correction-view]').exists()).toBe(true)
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards a')
    const series = plotted()
    expect(Object.keys(series).sort()).toEqual([
      'a',
      'b',
      'b applied outside its band',
      'b outside its band',
      'c',
    ])
    expect(series.a).toEqual([0, 0, 0, 0])
    expect(series.c).toEqual([-4, -1, 0, 25.5])
    // b's valid band starts at 100 Hz: below it, its raw curve and the tapered one export
    // applies are drawn apart (joined at the edge), and left out of the legend.
    expect(series.b).toEqual([null, 3, 0.5, -2])
    expect(series['b outside its band']).toEqual([12, 3, null, null])
    expect(series['b applied outside its band']).toEqual([1.5, 3, null, null])
    expect(w.find('[data-testid=outside-key]').exists()).toBe(true)
    const bandRows = w
      .findAll('[data-testid=valid-bands] tbody tr')
      .map((r) => r.findAll('td').map((td) => td.text()))
    expect(bandRows[0]).toEqual([
      'b',
      '100–22.1k Hz',
      'its level (60 dB below its peak) / Nyquist',
      'below: +3.0 dB tapered to 0 dB',
      'none',
    ])
    expect(plots.current()!.data[0]).toEqual([50, 100, 1000, 10000])
    // The reference is dashed.
    expect(plots.current()!.opts.series[1]).toMatchObject({ label: 'a', dash: [6, 4] })
    expect(w.find('p.missing').text()).toBe('No curve for e: no analysed recordings.')
    const text = w.text()
    expect(text).toContain('#1, ')
    expect(text).toContain('2048-point frames, hop 512, at 44.1 kHz (5 bins)')
    expect(text).toContain('no coefficients: no analysed recordings')
    const rows = w
      .findAll('table.devices tbody tr')
      .map((r) => r.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([
      ['a reference', '12'],
      ['b', '12'],
      ['c', '12'],
      ['e', 'no coefficients: no analysed recordings'],
    ])
    // No compute on mount: the current estimate is shown as it is.
    expect(computeRequests()).toEqual([])
  })

  it('changes the reference through the project: one call, one event, every view follows', async () => {
    const devices = await mountView(DevicesPage, { DeviceSpectra: true, CoverageMatrix: true })
    const w = await mountView()
    const select = w.find<HTMLSelectElement>('[data-testid=reference-select]')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['a', 'b', 'c', 'e'])
    expect(select.element.value).toBe('a')
    const estimateFetches = fake.callsOf('estimate.current').length
    let events = 0
    fake.on('project.changed', () => events++)
    await select.setValue('b')
    await flushPromises()
    // Main recomputes: the view neither computes nor edits settings itself.
    expect(fake.callsOf('project.setReference')).toEqual([{ device: 'b' }])
    expect(computeRequests()).toEqual([])
    expect(fake.callsOf('project.updateSettings')).toEqual([])
    expect(events).toBe(1)
    expect(fake.callsOf('estimate.current')).toHaveLength(estimateFetches + 1)
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards b')
    const series = plotted()
    expect(series.b).toEqual([0, 0, 0, 0])
    expect(series.a).toEqual([-12, -3, -0.5, 2])
    expect(plots.current()!.opts.series.find((s) => s.label === 'b')!.dash).toEqual([6, 4])
    expect(w.find('[data-testid=warnings]').text()).toBe('No gain exceeds ±20 dB.')
    expect(devices.find('.title p').text()).toContain('reference: b')
    expect(devices.find('tr[data-device=b] [data-testid=reference-badge]').exists()).toBe(true)

    // A change made elsewhere (another window, the command line) arrives the same way.
    main = { reference: 'c', estimateId: 3 }
    announce()
    await flushPromises()
    expect(select.element.value).toBe('c')
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards c')
    expect(plotted().c).toEqual([0, 0, 0, 0])
    expect(devices.find('.title p').text()).toContain('reference: c')
  })

  it('dims the curves and marks them busy while main recomputes, naming their own reference', async () => {
    const w = await mountView()
    let answer!: () => void
    const setReference = fake.handlers['project.setReference']!
    fake.handlers['project.setReference'] = (req) =>
      new Promise((resolve) => (answer = () => resolve(setReference(req))))
    await w.find('[data-testid=reference-select]').setValue('b')
    await flushPromises()
    const box = w.find('[data-testid=coefficient-plot]')
    const curves = w.find('[data-testid=curves]')
    // Until b's curves arrive, the curves and their title stay a's, dimmed, with a busy mark.
    expect(w.find<HTMLSelectElement>('[data-testid=reference-select]').element.value).toBe('b')
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards a')
    expect(plotted().a).toEqual([0, 0, 0, 0])
    expect(curves.classes()).toContain('recomputing')
    expect(box.attributes('aria-busy')).toBe('true')
    expect(w.find('.head [data-testid=busy-mark]').text()).toBe('Recomputing towards b…')
    answer()
    await flushPromises()
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards b')
    expect(plotted().b).toEqual([0, 0, 0, 0])
    expect(curves.classes()).not.toContain('recomputing')
    expect(box.attributes('aria-busy')).toBe('false')
    expect(w.find('[data-testid=busy-mark]').exists()).toBe(false)
  })

  it('says why main refused a reference, and keeps the curves it has', async () => {
    fake.handlers['project.setReference'] = ({ device }) => {
      throw {
        code: 'failed',
        message: `reference=${device} has no analysed recordings (devices: a, b, c)`,
      }
    }
    const w = await mountView()
    await w.find('[data-testid=reference-select]').setValue('e')
    await flushPromises()
    expect(w.find('[role=alert]').text()).toBe(
      'Could not change the reference: reference=e has no analysed recordings (devices: a, b, c)',
    )
    expect(w.find<HTMLSelectElement>('[data-testid=reference-select]').element.value).toBe('a')
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards a')
  })

  it('proposes a reference with its reason and chooses nothing until the user confirms', async () => {
    main = { reference: null, estimateId: null }
    const w = await mountView()
    expect(fake.callsOf('project.setReference')).toEqual([])
    expect(computeRequests()).toEqual([])
    expect(w.find('#curves-title').exists()).toBe(false)
    expect(w.find<HTMLSelectElement>('[data-testid=reference-select]').element.value).toBe('')
    const proposal = w.find('[data-testid=reference-proposal]')
    expect(proposal.find('[data-testid=proposed-device]').text()).toBe('a')
    expect(proposal.find('[data-testid=proposal-reason]').text()).toBe(
      'a shares the most alignment groups with the other devices (6 groups with b and 5 groups with c), so the aligned estimators can pair the most recordings with it. e shares none with it and can be corrected only with the unaligned estimator.',
    )
    // Time passing, or the project changing, does not choose either.
    announce()
    await flushPromises()
    expect(fake.callsOf('project.setReference')).toEqual([])
    await proposal.find('[data-testid=confirm-reference]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('project.setReference')).toEqual([{ device: 'a' }])
    expect(computeRequests()).toEqual([])
    expect(w.find('[data-testid=reference-proposal]').exists()).toBe(false)
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards a')
    expect(plotted().b).toEqual([null, 3, 0.5, -2])
  })

  it('computes once on opening when the project has a reference but no estimate', async () => {
    main = { reference: 'b', estimateId: null }
    const w = await mountView()
    expect(computeRequests()).toEqual([IN_EFFECT])
    expect(w.find('#curves-title').text()).toBe('Correction coefficients towards b')
  })

  it('lists the ±20 dB warnings with their frequency ranges and marks them on the plot', async () => {
    const w = await mountView()
    const items = w.findAll('[data-testid=warnings] li').map((li) =>
      li
        .findAll('strong, span:not(.dot)')
        .map((s) => s.text())
        .join(' '),
    )
    expect(items).toEqual(['b 0 Hz – 50 Hz up to +43.8 dB', 'c 10k Hz up to +25.5 dB'])
    expect(w.find('[data-testid=warnings]').text()).toContain('2 ranges')
    // The marks are a drawClear hook on the live plot.
    expect(plots.current()!.hooks.drawClear).toHaveLength(1)
  })

  it('debounces typed numbers and sends the whole regularisation', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await w.find('#reg-boost').setValue('20')
    await w.find('#reg-low').setValue('50')
    await w.find('input[aria-label="Hold band, high edge in Hz"]').setValue('16000')
    await flushPromises()
    expect(computeRequests()).toEqual([])
    vi.advanceTimersByTime(500)
    await flushPromises()
    expect(computeRequests()).toEqual([
      { ...IN_EFFECT, regularization: { maxBoostDb: 20, bandHz: [50, 16000] } },
    ])
  })

  it('shows invalid fields and does not compute with them', async () => {
    vi.useFakeTimers()
    const w = await mountView()
    await w.find('#reg-low').setValue('500')
    await w.find('input[aria-label="Hold band, high edge in Hz"]').setValue('100')
    vi.advanceTimersByTime(1000)
    await flushPromises()
    expect(w.text()).toContain('Hold band: 100 Hz must be above 500 Hz')
    // Also on the plot it keeps from following.
    expect(w.find('[data-testid=coefficient-plot] [data-testid=plot-error]').text()).toBe(
      'Not updated: Hold band: 100 Hz must be above 500 Hz',
    )
    expect(computeRequests()).toEqual([])
  })

  it('shows a compute error from main', async () => {
    fake.handlers['estimate.compute'] = () => {
      throw { code: 'failed', message: 'variant=aligned: no alignment group holds b and a' }
    }
    const w = await mountView()
    await w.find('[data-testid=variant-select]').setValue('aligned')
    await flushPromises()
    expect(computeRequests()).toEqual([{ ...IN_EFFECT, variant: 'aligned' }])
    expect(w.find('.compute-error').text()).toBe(
      'Could not compute the estimate: variant=aligned: no alignment group holds b and a',
    )
  })

  it('loads confidence bands on request and draws them as shaded bands', async () => {
    const w = await mountView()
    expect(fake.callsOf('estimate.bands')).toEqual([])
    await w.find('.band-controls input[type=checkbox]').setValue(true)
    await flushPromises()
    expect(fake.callsOf('estimate.bands')).toEqual([
      // The settings of the estimate shown; main takes the project's reference.
      { request: IN_EFFECT, iterations: 100, level: 0.95 },
    ])
    const series = plotted()
    expect(series['b upper']).toEqual([13, 4, 1, -1])
    expect(series['b lower']).toEqual([11, 2, 0, -3])
    expect(series['c upper']).toEqual([-3, 0, 1, 27])
    expect(w.text()).toContain('shaded: 95% bootstrap bands (100 resamples)')
  })

  it('plots the FIR export applies against its target, with its error and the distances', async () => {
    const w = await mountView()
    // No taps typed: the policy's FIR at the device's files' own rate, as export applies it.
    expect(fake.callsOf('estimate.firResponse')).toEqual([{ device: 'b' }])
    expect(w.find('[data-testid=fir-plot]').exists()).toBe(true)
    expect(w.find('[data-testid=fir-error]').text()).toContain('0.12 dB RMS, max 0.2 dB at 100 Hz')
    expect(w.find('[data-testid=fir-error]').text()).toContain('9.10 → 0.20 dB')
    expect(w.text()).toContain("This is the filter export applies to b's files at 44.1 kHz.")
    const firPlot = plots.instances.find((p) => p.opts.series.some((s) => s.label === 'realised'))!
    expect(firPlot.opts.series.slice(1).map((s) => s.label)).toEqual([
      'coefficients',
      'target',
      'realised',
    ])
    expect(firPlot.data[2]).toEqual([12, 3, 0.5, -2])
    expect(firPlot.data[3]).toEqual([11.8, 3.1, 0.5, -2])
    // Its text alternative (the saved figure's) checks the policy's valid band, not a fixed one.
    expect(w.find('[data-testid=fir-plot] .visually-hidden').text()).toContain(
      'Within 50 Hz–22.05 kHz the realised response departs from the target',
    )
    // Even taps are refused before asking main.
    await w.find('[data-testid=fir-taps]').setValue('1024')
    await flushPromises()
    expect(w.text()).toContain('Taps: 1024 must be odd')
    expect(w.find('[data-testid=fir-plot] [data-testid=plot-error]').text()).toContain(
      'Taps: 1024 must be odd',
    )
    // Taps of the user's that miss the target are said, with the way out.
    vi.useFakeTimers()
    await w.find('[data-testid=fir-taps]').setValue('257')
    vi.advanceTimersByTime(1000)
    vi.useRealTimers()
    await flushPromises()
    expect(fake.callsOf('estimate.firResponse').at(-1)).toEqual({ device: 'b', taps: 257 })
    expect(w.text()).toContain('257 taps misses its target by 1.30 dB RMS')
    expect(w.text()).not.toContain('This is the filter export applies')
    // Limiting the boost recomputes at once.
    await w
      .findAll('button.link')
      .find((b) => b.text() === 'Limit the boost to 20 dB')!
      .trigger('click')
    await flushPromises()
    expect(computeRequests().at(-1)).toMatchObject({ regularization: { maxBoostDb: 20 } })
  })

  it('downloads coefficients and FIRs as files through a Blob URL', async () => {
    const { blobs: created, clicks } = catchDownloads()
    const w = await mountView()
    const csv = w.findAll('button').find((b) => b.text() === 'CSV')!
    await csv.trigger('click')
    await flushPromises()
    await w.find('button[aria-label="FIR of c as WAV"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('estimate.download')).toEqual([
      { what: 'coefficients', format: 'csv' },
      { what: 'fir', device: 'c', format: 'wav' },
    ])
    expect(clicks).toEqual(['p-estimate-1.csv blob:fake/1', 'p-fir-b.wav blob:fake/2'])
    expect(await created[0].text()).toBe('frequency_hz,b_db\n')
    expect(created[1].type).toBe('audio/wav')
    expect([...new Uint8Array(await created[1].arrayBuffer())]).toEqual([82, 73, 70, 70])
    vi.restoreAllMocks()
  })
})

describe('estimate form', () => {
  it('round-trips a request and checks the limits', () => {
    const request: ComputeRequest = {
      variant: 'aligned',
      maxPerDevice: 5,
      seed: 3,
      regularization: { smoothingOctaves: 0.33, maxCutDb: 30, bandHz: [40, 18000] },
      frameGating: true,
    }
    expect(parseForm(formOf(request))).toEqual({ request, errors: {} })
    const bad = parseForm({ ...formOf(request), maxPerDevice: '2.5', maxBoostDb: '300' })
    expect(bad.request).toBeNull()
    expect(bad.errors).toEqual({
      maxPerDevice: 'Recordings per device: 2.5 is not a whole number ≥ 1',
      maxBoostDb: 'Max boost: 300 is not 0–200 dB',
    })
    expect(parseForm({ ...formOf(request), bandHighHz: '' }).errors).toEqual({
      bandHighHz: 'Hold band: give both edges, or neither',
    })
  })

  it('checks taps, which may be left to the policy', () => {
    expect(parseTaps('1025')).toEqual({ taps: 1025 })
    expect(parseTaps('8')).toEqual({ error: 'Taps: 8 must be odd (a linear-phase type I filter)' })
    expect(parseTaps('70001')).toEqual({
      error: 'Taps: 70001 is not a whole number from 1 to 65537',
    })
    expect(parseOptionalTaps(' ')).toEqual({})
    expect(parseOptionalTaps('257')).toEqual({ taps: 257 })
  })

  it('joins nearby warning runs of a device', () => {
    const merged = mergeWarnings([
      { device: 'd', fromHz: 14300, toHz: 14300, maxDb: 20.1 },
      { device: 'd', fromHz: 14400, toHz: 14600, maxDb: 20.8 },
      { device: 'b', fromHz: 0, toHz: 86, maxDb: -43.8 },
      { device: 'd', fromHz: 0, toHz: 300, maxDb: 53.3 },
    ])
    expect(merged).toEqual([
      { device: 'b', fromHz: 0, toHz: 86, maxDb: -43.8, runs: 1 },
      { device: 'd', fromHz: 0, toHz: 300, maxDb: 53.3, runs: 1 },
      { device: 'd', fromHz: 14300, toHz: 14600, maxDb: 20.8, runs: 2 },
    ])
    expect(unionOfRanges(merged)).toEqual([
      { fromHz: 0, toHz: 300 },
      { fromHz: 14300, toHz: 14600 },
    ])
  })

  it('turns a download into a Blob of its bytes', async () => {
    const blob = blobOf({ fileName: 'x.txt', mimeType: 'text/plain', text: '0.5\n' })
    expect(await blob.text()).toBe('0.5\n')
    expect(() => blobOf({ fileName: 'x', mimeType: 'a/b' })).toThrow(
      'download x has neither text nor bytes',
    )
  })
})
