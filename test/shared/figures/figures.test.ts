// Every figure built from golden-corpus data and its structure checked: one path per device in
// the device's colour, axis titles with units, ticks, legend entries, a well-formed SVG, a text
// alternative, and a CSV that holds exactly the plotted numbers.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  coefficientsFigure,
  confusionMatrixFigure,
  deviceColorMap,
  evaluateFigure,
  evaluateSpectraFigure,
  firFigure,
  LEVEL_LABEL,
  recordingSpectrumFigure,
  rmsFigure,
  spectraFigure,
  spectraRelativeFigure,
  spectrogramFigure,
  type Figure,
} from '@shared/figures'
import { cubehelix } from '@shared/figures/colormap'
import { goldenFigureInputs, type GoldenFigureInputs } from '../../helpers/golden-figures'
import { decodePng } from '../../helpers/png-decode'
import { byClass, byTag, parseCsv, parseSvg, pathPoints, textOf } from '../../helpers/svg-parse'

let g: GoldenFigureInputs
beforeAll(async () => {
  g = await goldenFigureInputs()
}, 60_000)

/** A project with more devices than the golden corpus: b and c keep their project colours. */
const colors = deviceColorMap(['a', 'b', 'c', 's1', 's2'])
const TICKS_HZ = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000]
const TICK_LABELS = ['20', '50', '100', '200', '500', '1k', '2k', '5k', '10k', '20k']

function checkFrequencyFigure(fig: Figure, yTitle: string) {
  const doc = parseSvg(fig.svg)
  const root = doc.documentElement!
  expect(textOf(byTag(doc, 'title')[0])).toBe(fig.title)
  expect(textOf(byTag(doc, 'desc')[0])).toBe(fig.alt)
  expect(byTag(doc, 'rect')[0].getAttribute('fill')).toBe('#ffffff')
  expect(root.getAttribute('font-family')).toContain('sans-serif')
  expect(byClass(doc, 'x-title').map(textOf)).toContain('Frequency (Hz)')
  expect(byClass(doc, 'y-title').map(textOf)).toContain(yTitle)
  const xTicks = byClass(doc, 'x-tick', 'g')
  expect(xTicks.map((t) => Number(t.getAttribute('data-value')))).toEqual(TICKS_HZ)
  expect(xTicks.map((t) => textOf(t))).toEqual(TICK_LABELS)
  const yTicks = byClass(doc, 'y-tick', 'g').map(textOf)
  expect(yTicks.length).toBeGreaterThanOrEqual(4)
  expect(new Set(yTicks).size).toBe(yTicks.length)
  return doc
}

/** The series paths by name, each with its stroke and points. */
function series(fig: Figure) {
  const doc = parseSvg(fig.svg)
  return new Map(
    byClass(doc, 'series', 'path').map((p) => [
      p.getAttribute('data-series')!,
      {
        stroke: p.getAttribute('stroke'),
        dash: p.getAttribute('stroke-dasharray'),
        points: pathPoints(p.getAttribute('d') ?? ''),
      },
    ]),
  )
}

const legendLabels = (fig: Figure): string[] =>
  byClass(parseSvg(fig.svg), 'legend-item', 'g').map((e) => e.getAttribute('data-label')!)

/** CSV rows are the bins inside 20 Hz–20 kHz, each column exactly the input values there. */
function checkCsv(fig: Figure, columns: Record<string, ArrayLike<number>>) {
  const { header, rows } = parseCsv(fig.csv)
  expect(header).toEqual(['frequency_hz', ...Object.keys(columns)])
  const bins = g.frequencies.map((f, k) => [f, k]).filter(([f]) => f >= 20 && f <= 20_000)
  expect(rows.length).toBe(bins.length)
  rows.forEach((row, i) => {
    const k = bins[i][1]
    expect(row[0]).toBe(g.frequencies[k])
    Object.values(columns).forEach((values, j) => expect(row[j + 1]).toBe(values[k]))
  })
}

describe('coefficients figure', () => {
  it('draws one path per device in its project colour, the reference dashed, with bands', () => {
    const fig = coefficientsFigure(g.coefficients, { colors })
    checkFrequencyFigure(fig, 'Gain (dB)')
    const s = series(fig)
    expect([...s.keys()]).toEqual(['a', 'b', 'c'])
    expect(s.get('b')!.stroke).toBe(colors.get('b'))
    expect(s.get('c')!.stroke).toBe(colors.get('c'))
    expect(s.get('a')!.dash).not.toBeNull()
    expect(s.get('b')!.points.length).toBe(
      g.frequencies.filter((f) => f >= 20 && f <= 20_000).length,
    )
    const bands = byClass(parseSvg(fig.svg), 'band', 'path').map((b) =>
      b.getAttribute('data-series'),
    )
    expect(bands).toEqual(['b', 'c'])
    expect(legendLabels(fig)).toEqual([
      'a (reference)',
      'b',
      'c',
      '90% bootstrap bands, 20 resamples',
      'beyond ±20 dB',
    ])
    // b's boost passes +20 dB below 65 Hz and above 17 kHz: shaded, with the limits drawn.
    expect(byClass(parseSvg(fig.svg), 'region', 'rect')).toHaveLength(2)
    expect(fig.alt).toContain('Gains beyond ±20 dB at 0 Hz–64.6 Hz')
    const b = g.coefficients.bands!.devices
    checkCsv(fig, {
      a_gain_db: g.coefficients.devices.a.coefficientsDb,
      b_gain_db: g.coefficients.devices.b.coefficientsDb,
      c_gain_db: g.coefficients.devices.c.coefficientsDb,
      b_lower_db: b.b.lowerDb,
      b_upper_db: b.b.upperDb,
      c_lower_db: b.c.lowerDb,
      c_upper_db: b.c.upperDb,
    })
  })

  it('fits the y range to a band, clipping the +35 dB edge instead of squashing the middle', () => {
    const full = coefficientsFigure(g.coefficients, { colors })
    const fitted = coefficientsFigure(g.coefficients, { colors, fitBandHz: [100, 10_000] })
    const top = (f: Figure) =>
      Math.max(
        ...byClass(parseSvg(f.svg), 'y-tick', 'g').map((t) => Number(t.getAttribute('data-value'))),
      )
    expect(top(full)).toBeGreaterThanOrEqual(35)
    expect(top(fitted)).toBeLessThanOrEqual(20)
    const ys = series(fitted)
      .get('b')!
      .points.map((p) => p[1])
    // The path keeps every point (clipped by the plot area, not dropped).
    expect(ys.length).toBe(series(full).get('b')!.points.length)
    expect(parseSvg(fitted.svg).getElementsByTagName('clipPath')).toHaveLength(1)
    expect(coefficientsFigure(g.coefficients, { yRangeDb: [-10, 10] }).svg).toContain(
      'data-value="10"',
    )
  })

  it("outside a device's valid band draws its raw curve and what export applies, unlisted", () => {
    const f = g.coefficients.frequencies
    const appliedDb = Array.from(g.coefficients.devices.b.coefficientsDb, (v) => Math.min(v, 0))
    const fig = coefficientsFigure(
      {
        ...g.coefficients,
        bands: null,
        validBands: {
          b: { bandHz: [100, 10_000], appliedDb },
          // A band over the whole axis has no outside: c stays one line.
          c: { bandHz: [0, 1e6], appliedDb: g.coefficients.devices.c.coefficientsDb },
        },
      },
      { colors },
    )
    expect([...series(fig).keys()]).toEqual([
      'a',
      'b',
      'b outside its band',
      'b applied outside its band',
      'c',
    ])
    expect(legendLabels(fig)).toEqual([
      'a (reference)',
      'b',
      'c',
      "outside a device's valid band: its raw curve (thin) and what export applies (dashed)",
      'beyond ±20 dB',
    ])
    const k = Array.from(f).findIndex((x) => x > 10_000)
    const { header, rows } = parseCsv(fig.csv)
    const row = rows.find((r) => r[0] === f[k + 1])!
    const cell = (column: string) => row[header.indexOf(column)]
    // Past the band's edge bin: only the outside pieces hold b's values.
    expect(cell('b_gain_db')).toBe('')
    expect(cell('b_outside_band_gain_db')).toBe(g.coefficients.devices.b.coefficientsDb[k + 1])
    expect(cell('b_applied_outside_band_gain_db')).toBe(appliedDb[k + 1])
  })

  it('draws only the devices asked for, and names one it has no data for', () => {
    expect([...series(coefficientsFigure(g.coefficients, { devices: ['c', 'a'] })).keys()]).toEqual(
      ['c', 'a'],
    )
    expect(() => coefficientsFigure(g.coefficients, { devices: ['b', 'zz'] })).toThrow(
      'no data for device zz; the data holds a, b, c',
    )
  })

  it('refuses sizes and ranges it cannot draw, naming the value', () => {
    expect(() => coefficientsFigure(g.coefficients, { width: 50 })).toThrow('width=50 px')
    expect(() => coefficientsFigure(g.coefficients, { yRangeDb: [5, 5] })).toThrow(
      'yRangeDb=[5, 5]',
    )
    expect(() => coefficientsFigure(g.coefficients, { xRangeHz: [30_000, 40_000] })).toThrow(
      'no frequency inside 30 kHz to 40 kHz',
    )
  })
})

describe('spectra figures', () => {
  it('absolute: one path per device, the level axis saying what 0 dB is', () => {
    const fig = spectraFigure(g.spectra, { colors })
    checkFrequencyFigure(fig, LEVEL_LABEL)
    expect(LEVEL_LABEL).toBe('Level (dB re unit FFT magnitude)')
    const s = series(fig)
    expect([...s.keys()]).toEqual(['a', 'b', 'c'])
    expect([...s.values()].map((v) => v.stroke)).toEqual(['a', 'b', 'c'].map((d) => colors.get(d)))
    expect(legendLabels(fig)).toEqual(['a (reference)', 'b', 'c'])
    expect(fig.alt).toContain('a full-scale sine reads 54.2 dB at nFft 2048')
    checkCsv(fig, {
      a_db: g.spectra.spectraDb.a,
      b_db: g.spectra.spectraDb.b,
      c_db: g.spectra.spectraDb.c,
    })
  })

  it('relative: each device minus the reference, the reference flat and dashed at 0 dB', () => {
    const fig = spectraRelativeFigure(g.spectra, { colors })
    checkFrequencyFigure(fig, 'Level re a (dB)')
    const s = series(fig)
    expect(new Set(s.get('a')!.points.map((p) => p[1])).size).toBe(1)
    expect(s.get('a')!.dash).not.toBeNull()
    const { rows } = parseCsv(fig.csv)
    const k = g.frequencies.indexOf(rows[100][0] as number)
    expect(rows[100][2]).toBe(g.spectra.spectraDb.b[k] - g.spectra.spectraDb.a[k])
    expect(() => spectraRelativeFigure({ ...g.spectra, reference: 'zz' })).toThrow(
      'reference zz has no mean spectrum',
    )
  })

  it("the recording's spectrum against its device's, the reference's and corrected", () => {
    const fig = recordingSpectrumFigure(g.recording, {
      colors,
      name: 'park-lyon-0-0-b.wav',
      nFft: 2048,
    })
    checkFrequencyFigure(fig, LEVEL_LABEL)
    const s = series(fig)
    expect([...s.keys()]).toEqual([
      'this recording',
      'b mean',
      'a mean (reference)',
      'corrected towards a',
    ])
    expect(s.get('this recording')!.stroke).toBe(colors.get('b'))
    expect(s.get('corrected towards a')!.stroke).toBe(colors.get('a'))
    const { header, rows } = parseCsv(fig.csv)
    expect(header[4]).toBe('corrected towards a_db')
    const k = g.frequencies.indexOf(rows[50][0] as number)
    expect(rows[50][4]).toBe(g.recording.recordingDb[k] + g.recording.coefficientsDb![k])
  })
})

describe('odd device names', () => {
  it('stay well-formed XML and quoted CSV', () => {
    const odd = ['<mic & "1">', 'mic, 2', 'Zoom H4n (left)']
    const spectraDb = Object.fromEntries(
      odd.map((d, i) => [d, g.spectra.spectraDb[['a', 'b', 'c'][i]]]),
    )
    const fig = spectraFigure({ frequencies: g.frequencies, spectraDb, reference: odd[2] })
    expect([...series(fig).keys()]).toEqual([...odd].sort())
    expect(legendLabels(fig)).toContain('Zoom H4n (left) (reference)')
    expect(fig.csv.split('\n')[0]).toBe(
      'frequency_hz,"<mic & ""1"">_db",Zoom H4n (left)_db,"mic, 2_db"',
    )
  })
})

describe('FIR figure', () => {
  it('draws the realised response against the dashed target, the checked band shaded', () => {
    const fig = firFigure(g.fir, { colors, validBandHz: [100, 10_000] })
    checkFrequencyFigure(fig, 'Gain (dB)')
    const s = series(fig)
    expect([...s.keys()]).toEqual(['target', 'realised'])
    expect(s.get('realised')!.stroke).toBe(colors.get('b'))
    expect(s.get('target')!.dash).not.toBeNull()
    expect(legendLabels(fig)).toEqual(['target', 'realised', 'checked band 100 Hz–10 kHz'])
    expect(byClass(parseSvg(fig.svg), 'region', 'rect')).toHaveLength(1)
    // Golden b boosts 35 dB near DC: 1025 taps ring well into the band (README, Limits).
    expect(fig.alt).toMatch(/departs from the target by at most \d+\.\d\d dB/)
    checkCsv(fig, { target_gain_db: g.fir.targetDb, realised_gain_db: g.fir.realisedDb })
  })

  it('FIR: draws the raw coefficients too when the target departs from them', () => {
    const coefficientsDb = Array.from(g.fir.targetDb, (v) => v + 1)
    const fig = firFigure({ ...g.fir, coefficientsDb }, { colors, validBandHz: [50, 16_000] })
    expect([...series(fig).keys()]).toEqual(['coefficients', 'target', 'realised'])
    expect(legendLabels(fig)).toContain('checked band 50 Hz–16 kHz')
    checkCsv(fig, {
      coefficients_gain_db: coefficientsDb,
      target_gain_db: g.fir.targetDb,
      realised_gain_db: g.fir.realisedDb,
    })
  })
})

describe('evaluate figures', () => {
  it('bars: before and after per device, the reference said to be 0 dB, CSV per device', () => {
    const fig = rmsFigure(g.evaluation, { colors })
    const doc = parseSvg(fig.svg)
    const bars = byClass(doc, 'bar', 'rect')
    expect(
      bars.map((b) => `${b.getAttribute('data-series')} ${b.getAttribute('data-stage')}`),
    ).toEqual(['b before', 'b after', 'c before', 'c after'])
    expect(bars[1].getAttribute('fill')).toBe(colors.get('b'))
    expect(textOf(doc.documentElement!)).toContain('reference (0 dB by definition)')
    expect(byClass(doc, 'x-title').map(textOf)[0]).toBe(
      "RMS distance from a's mean spectrum over 100 Hz–10 kHz (dB)",
    )
    const { header, rows } = parseCsv(fig.csv)
    expect(header).toEqual(['device', 'rms_before_db', 'rms_after_db'])
    expect(rows).toEqual(g.evaluation.devices.map((d) => [d.device, d.rmsDbBefore, d.rmsDbAfter]))
  })

  it('spectra before and after share one y range; the composite holds bars and both panels', () => {
    const after = evaluateSpectraFigure(g.evaluation, 'after', { colors })
    checkFrequencyFigure(after, LEVEL_LABEL)
    expect(legendLabels(after)).toContain('evaluation band 100 Hz–10 kHz')
    const fig = evaluateFigure(g.evaluation, { colors })
    const doc = parseSvg(fig.svg)
    expect(byClass(doc, 'panel', 'g')).toHaveLength(3)
    expect(byTag(doc, 'clipPath').map((c) => c.getAttribute('id'))).toEqual([
      'plot-before',
      'plot-after',
    ])
    const panels = byClass(doc, 'panel', 'g').slice(1)
    const yTicks = panels.map((p) =>
      byTag(p, 'g')
        .filter((e) => e.getAttribute('class') === 'tick y-tick')
        .map(textOf),
    )
    expect(yTicks[0]).toEqual(yTicks[1])
    expect(byClass(doc, 'series', 'path')).toHaveLength(6)
    const { header } = parseCsv(fig.csv)
    expect(header).toEqual([
      'frequency_hz',
      'a_before_db',
      'a_after_db',
      'b_before_db',
      'b_after_db',
      'c_before_db',
      'c_after_db',
    ])
    expect(fig.alt).toContain('b: 4.0 dB before, 0.0 dB after')
  })
})

describe('confusion matrix figure', () => {
  it('draws a cell per pair with its count and writes the matrix as CSV', () => {
    const fig = confusionMatrixFigure(
      {
        ...g.confusion,
        counts: [
          [3, 2, 0],
          [1, 4, 0],
          [0, 0, 5],
        ],
      },
      { title: 'Before correction' },
    )
    const doc = parseSvg(fig.svg)
    const cells = byClass(doc, 'cell', 'g')
    expect(cells).toHaveLength(9)
    expect(cells.map(textOf)).toEqual(['3', '2', '0', '1', '4', '0', '0', '0', '5'])
    expect(byClass(doc, 'x-title').map(textOf)).toEqual(['Predicted device'])
    expect(byClass(doc, 'y-title').map(textOf)).toEqual(['True device'])
    expect(fig.alt).toContain(
      '12 of 15 recordings classified as their own device (80.0% accuracy, chance 33.3%)',
    )
    expect(fig.csv).toBe(
      'true_device,predicted_a,predicted_b,predicted_c\na,3,2,0\nb,1,4,0\nc,0,0,5\n',
    )
    expect(() => confusionMatrixFigure({ devices: ['a', 'b'], counts: [[1]] })).toThrow(
      'counts must be 2×2',
    )
  })

  it('is built from the golden classifier counts', () => {
    const fig = confusionMatrixFigure(g.confusion)
    const total = g.confusion.counts.flat().reduce((a, b) => a + b, 0)
    expect(total).toBe(g.records.length)
    expect(byClass(parseSvg(fig.svg), 'cell', 'g')).toHaveLength(9)
  })
})

describe('spectrogram figure', () => {
  it('embeds the dB matrix as a palette PNG, one pixel per frame and bin, with a colour bar', () => {
    const s = g.spectrogram
    const fig = spectrogramFigure(s, { name: 'park-lyon-0-0-b.wav', dynamicRangeDb: 60 })
    const doc = parseSvg(fig.svg)
    const [image, bar] = byTag(doc, 'image')
    expect(image.getAttribute('class')).toBe('spectrogram')
    expect(bar.getAttribute('class')).toBe('colorbar')
    const png = decodePng(
      Buffer.from(image.getAttribute('href')!.replace('data:image/png;base64,', ''), 'base64'),
    )
    expect([png.width, png.height]).toEqual([s.frames, s.bins])
    let top = -Infinity
    for (let i = 0; i < s.db.length; i++) top = Math.max(top, s.db[i])
    const map = cubehelix(256)
    // Frame 40, bin 100 (row bins-1-100 from the top): its level's colour, exactly.
    const v = s.db[40 * s.bins + 100]
    const index = Math.min(255, Math.max(0, Math.round(((v - (top - 60)) / 60) * 255)))
    expect(png.indices![(s.bins - 1 - 100) * s.frames + 40]).toBe(index)
    expect(
      Array.from(
        png.rgba.subarray(
          ((s.bins - 1 - 100) * s.frames + 40) * 4,
          ((s.bins - 1 - 100) * s.frames + 40) * 4 + 3,
        ),
      ),
    ).toEqual([...map[index]])
    expect(byClass(doc, 'x-title').map(textOf)).toEqual(['Time (s)'])
    expect(byClass(doc, 'y-title').map(textOf)).toEqual(['Frequency (Hz)'])
    expect(byClass(doc, 'c-title').map(textOf)).toEqual([LEVEL_LABEL])
    expect(byClass(doc, 'c-tick', 'g').length).toBeGreaterThanOrEqual(4)
    expect(byClass(doc, 'x-tick', 'g').map(textOf)).toContain('1.0')
    const { header, rows } = parseCsv(fig.csv)
    expect(header.length).toBe(s.frames + 1)
    expect(header[1]).toBe('t_0s_db')
    expect(rows.length).toBe(s.bins)
    expect(rows[100][41]).toBe(s.db[40 * s.bins + 100])
    expect(fig.alt).toContain(`${s.frames} frames over 3.00 s`)
  })

  it('a part of a recording keeps its times; the window names its levels', () => {
    const s = g.spectrogram
    const first = 20
    const part = {
      ...s,
      db: Array.from(s.db).slice(first * s.bins, (first + 40) * s.bins),
      frames: 40,
      startSec: (first * s.hopLength) / s.sampleRate,
      window: 'blackman',
    }
    const fig = spectrogramFigure(part)
    const t0 = +((first * s.hopLength) / s.sampleRate).toFixed(6)
    expect(parseCsv(fig.csv).header[1]).toBe(`t_${t0}s_db`)
    const ticks = byClass(parseSvg(fig.svg), 'x-tick', 'g').map((t) =>
      Number(t.getAttribute('data-value')),
    )
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(t0 - s.hopLength / s.sampleRate / 2)
    expect(fig.alt).toContain(`from ${t0.toFixed(2)} s`)
    expect(fig.alt).toContain('Blackman-windowed frame')
    expect(fig.alt).toContain(
      `a full-scale sine reads ${(20 * Math.log10((0.42 * s.nFft) / 2)).toFixed(1)} dB`,
    )
    expect(() => spectrogramFigure({ ...part, window: 'kaiser' })).toThrow(
      'window=kaiser: expected one of hann, hamming, blackman, rectangular',
    )
  })

  it('refuses a matrix of the wrong size, naming the shape', () => {
    expect(() => spectrogramFigure({ ...g.spectrogram, frames: 3 })).toThrow(
      `3 frames × ${g.spectrogram.bins} bins`,
    )
  })
})
