// @vitest-environment happy-dom
// The pure parts of the recording view: decode plan, time and frequency axes, clock, the reason
// A/B is unavailable, load errors, and the corrected spectrum.
import { describe, expect, it } from 'vitest'
import {
  correctionUnavailableReason,
  formatClock,
} from '../../src-renderer/components/recording/player-text'
import {
  comparisonPlot,
  interpolateAt,
} from '../../src-renderer/components/recording/spectrum-series'
import {
  fftSamplesFor,
  scaleFraction,
  spectrogramTicks,
} from '../../src-renderer/composables/use-spectrogram'
import { mount } from '@vue/test-utils'
import AmplitudeAxis from '../../src-renderer/components/recording/AmplitudeAxis.vue'
import ColorBar from '../../src-renderer/components/recording/ColorBar.vue'
import TimeAxis from '../../src-renderer/components/recording/TimeAxis.vue'
import {
  decodePlan,
  describeLoadError,
  peakOf,
} from '../../src-renderer/composables/player/player-helpers'
import { Disposer } from '../../src-renderer/composables/player/disposer'
import { isEditable } from '../../src-renderer/composables/use-player-keys'
import { estimateStub, recordingRow } from './fake-transport'

describe('decode plan', () => {
  it('decodes at the file rate, lower for long files, not at all beyond 10 min', () => {
    expect(decodePlan(44100, 10)).toEqual({ decode: true, rate: 44100 })
    expect(decodePlan(192000, 10)).toEqual({ decode: true, rate: 96000 })
    expect(decodePlan(48000, 400)).toEqual({ decode: true, rate: 41943 })
    expect(decodePlan(48000, 601)).toEqual({ decode: false, rate: 48000 })
    expect(decodePlan(null, null)).toEqual({ decode: true, rate: 44100 })
  })
})

describe('axes', () => {
  it('labels time in seconds every 1-2-5 step at least 64 px apart, never "0 0 0"', () => {
    const labels = (startSec: number, endSec: number, widthPx: number): string[] =>
      mount(TimeAxis, { props: { startSec, endSec, widthPx } })
        .findAll('[data-testid=time-tick]')
        .map((t) => t.text())
    expect(labels(0, 5, 1000)).toEqual([
      '0.0',
      '0.5',
      '1.0',
      '1.5',
      '2.0',
      '2.5',
      '3.0',
      '3.5',
      '4.0',
      '4.5',
      '5.0',
    ])
    // A 40 ms file across 1000 px: distinct labels with the decimals the step needs.
    const short = labels(0, 0.04, 1000)
    expect(short).toEqual([
      '0.000',
      '0.005',
      '0.010',
      '0.015',
      '0.020',
      '0.025',
      '0.030',
      '0.035',
      '0.040',
    ])
    expect(new Set(short).size).toBe(short.length)
    expect(labels(120, 180, 400)).toEqual(['120', '130', '140', '150', '160', '170', '180'])
    expect(mount(TimeAxis, { props: { startSec: 0, endSec: 5, widthPx: 1000 } }).text()).toContain(
      'Time (s)',
    )
  })

  it('gives the waveform an amplitude axis from −peak to +peak', () => {
    const ticks = mount(AmplitudeAxis, { props: { peak: 0.06, heightPx: 96 } }).findAll(
      '[data-testid=amplitude-tick]',
    )
    expect(ticks.map((t) => t.text())).toEqual(['\u22120.05', '0.00', '0.05'])
    expect(ticks[1].attributes('style')).toContain('bottom: 50%')
    expect(mount(AmplitudeAxis, { props: { peak: null, heightPx: 96 } }).text()).toBe('')
    expect(peakOf([Float32Array.from([0.1, -0.4]), Float32Array.from([0.3])])).toBeCloseTo(0.4, 6)
  })

  it('labels the colour bar in dB from the floor to the loudest level', () => {
    const w = mount(ColorBar, { props: { topDb: 54.2, rangeDb: 80, heightPx: 200 } })
    const ticks = w
      .findAll('[data-testid=colorbar-tick]')
      .map((t) => Number(t.text().replace('\u2212', '-')))
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(54.2 - 80)
    expect(Math.max(...ticks)).toBeLessThanOrEqual(54.2)
    expect(ticks).toContain(0)
    expect(w.text()).toContain('dB')
  })

  it('places frequency ticks as wavesurfer draws each scale', () => {
    expect(spectrogramTicks('logarithmic', 22050, 200).map((t) => t.label)).toEqual([
      '20',
      '50',
      '100',
      '200',
      '500',
      '1k',
      '2k',
      '5k',
      '10k',
      '20k',
    ])
    expect(spectrogramTicks('linear', 8000, 200).map((t) => [t.hz, t.fraction])).toEqual([
      [0, 0],
      [2000, 0.25],
      [4000, 0.5],
      [6000, 0.75],
      [8000, 1],
    ])
    expect(spectrogramTicks('mel', 22050, 200).map((t) => t.label)).toEqual([
      '0',
      '500',
      '1k',
      '2k',
      '4k',
      '8k',
      '16k',
    ])
    expect(scaleFraction(1000, 'logarithmic', 10, 100_000)).toBeCloseTo(0.5, 12)
    expect(scaleFraction(700, 'mel', 0, 700 * 99)).toBeCloseTo(Math.log10(2) / 2, 12)
    expect(fftSamplesFor(44100)).toBe(2048)
    expect(fftSamplesFor(16000)).toBe(512)
    expect(fftSamplesFor(8000)).toBe(256)
  })
})

describe('player text', () => {
  it('reads the clock in tenths', () => {
    expect(formatClock(0)).toBe('0:00.0')
    expect(formatClock(3.27)).toBe('0:03.2')
    expect(formatClock(727.05)).toBe('12:07.0')
  })

  it('says why there is no corrected version', () => {
    const estimate = estimateStub({
      variant: 'aligned',
      devices: { a: { coefficientsDb: [], recordings: 1, segments: 1 } },
      missing: [{ device: 'd', reason: 'no alignment group holds both d and a' }],
    })
    const row = recordingRow(1, { device: 'd' })
    expect(correctionUnavailableReason(row, true, null)).toBeNull()
    expect(correctionUnavailableReason(row, false, null)).toBe(
      'No correction estimate yet: compute one in Correction.',
    )
    expect(correctionUnavailableReason(row, false, estimate)).toBe(
      'The current estimate has no coefficients for d: no alignment group holds both d and a.',
    )
    expect(correctionUnavailableReason({ ...row, device: 'x' }, false, estimate)).toBe(
      'The current estimate has no coefficients for x.',
    )
    expect(correctionUnavailableReason({ ...row, device: null }, false, estimate)).toBe(
      'This recording has no device label, so no correction applies to it.',
    )
    expect(correctionUnavailableReason({ ...row, status: 'missing' }, false, estimate)).toBe(
      'The audio file cannot be read.',
    )
  })

  it('explains load failures by their HTTP status', () => {
    expect(
      describeLoadError(new Error('Failed to fetch /media/recording/3: 404 (Not Found)')),
    ).toBe(
      'The audio file is not there any more (moved or deleted since the last scan). Rescan its source.',
    )
    expect(describeLoadError(new Error('Failed to fetch /x: 500 (Internal Server Error)'))).toMatch(
      /^The workbench could not serve this audio \(HTTP 500\)\./,
    )
    expect(describeLoadError(new DOMException('bad data', 'EncodingError'))).toBe(
      'The audio could not be decoded in this window (unsupported or damaged file).',
    )
  })

  it('leaves typing in fields alone', () => {
    expect(isEditable(document.createElement('input'))).toBe(true)
    expect(isEditable(document.createElement('select'))).toBe(true)
    expect(isEditable(document.createElement('button'))).toBe(false)
    expect(isEditable(null)).toBe(false)
  })
})

describe('spectrum comparison', () => {
  it('interpolates linearly and holds the ends', () => {
    expect(interpolateAt([0, 10, 20], [0, 5, 25], 15)).toBe(15)
    expect(interpolateAt([0, 10, 20], [0, 5, 25], -3)).toBe(0)
    expect(interpolateAt([0, 10, 20], [0, 5, 25], 30)).toBe(25)
  })

  it('adds the coefficients to the recording, on its bins', () => {
    const plot = comparisonPlot({
      frequencies: [0, 100, 200],
      recordingDb: [-1, -2, -3],
      device: 'b',
      deviceDb: [0, 0, 0],
      reference: 'a',
      referenceDb: [5, 5, 5],
      coefficientsDb: [2, 6],
      coefficientFrequencies: [0, 200],
    })
    expect(plot.series.map((s) => [s.name, Array.from(s.values)])).toEqual([
      ['this recording', [-1, -2, -3]],
      ['b mean', [0, 0, 0]],
      ['a mean (reference)', [5, 5, 5]],
      ['corrected towards a', [1, 2, 3]],
    ])
    const own = comparisonPlot({
      frequencies: [0, 100],
      recordingDb: [-1, -2],
      device: 'a',
      deviceDb: [0, 0],
      reference: 'a',
      referenceDb: [0, 0],
      coefficientsDb: [0, 0],
      coefficientFrequencies: [0, 100],
    })
    expect(own.series.map((s) => s.name)).toEqual(['this recording', 'a mean (reference)'])
  })
})

describe('player parts', () => {
  it('take their listeners out in one call, the latest first, once', () => {
    const order: string[] = []
    const parts = new Disposer()
    parts.add(() => order.push('first'))
    parts.add(() => order.push('second'))
    const el = document.createElement('div')
    let clicks = 0
    parts.listen(el, 'click', () => clicks++)
    el.click()
    parts.dispose()
    parts.dispose()
    el.click()
    expect(order).toEqual(['second', 'first'])
    expect(clicks).toBe(1)
  })
})
