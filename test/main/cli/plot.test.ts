// `scw plot` on the demo: every figure as SVG, PNG and CSV from the same builders as the UI, the
// README's saved figures (resources/docs/figures, `npm run figures`) still current, and mistakes
// named with their fix.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLOT_FIGURES } from '../../../src-main/cli/commands/plot'
import { currentEstimate } from '../../../src-main/services/estimation'
import { firResponse } from '../../../src-main/services/fir'
import { openProject } from '../../../src-main/services/project'
import { bandText } from '../../../src-shared/figures/ticks'
import { scw, tempFolder } from '../../helpers/cli'
import { decodePng } from '../../helpers/png-decode'
import { byClass, parseSvg, textOf } from '../../helpers/svg-parse'

const tmp = tempFolder('scw-plot-')
const project = join(tmp.dir, 'demo', 'demo.scw')
const SAVED = join(import.meta.dirname, '..', '..', '..', 'resources', 'docs', 'figures')

/** Runs `scw plot` and fails with its message when it does not succeed. */
async function plot(figure: string, out: string, ...flags: string[]): Promise<string> {
  const r = await scw('plot', project, figure, '--out', out, ...flags)
  if (r.code !== 0) throw new Error(`scw plot ${figure} exited ${r.code}: ${r.err}`)
  return out
}

/**
 * The SVG as text and numbers: the text between numbers must be equal, each number within
 * `tolerance` (a coordinate in px, a level in dB), so floating-point noise of another machine's
 * analysis does not count but a changed label, series or layout does.
 */
function sameFigure(got: string, want: string, tolerance = 0.05): string | null {
  const split = (s: string): string[] => s.split(/(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/)
  const a = split(got)
  const b = split(want)
  if (a.length !== b.length) return `${a.length} tokens, the saved figure ${b.length}`
  for (let i = 0; i < a.length; i++) {
    if (i % 2 === 0 ? a[i] !== b[i] : Math.abs(Number(a[i]) - Number(b[i])) > tolerance) {
      return `token ${i}: ${JSON.stringify(a[i])} where the saved figure has ${JSON.stringify(b[i])}`
    }
  }
  return null
}

beforeAll(async () => {
  const r = await scw('demo', join(tmp.dir, 'demo'))
  expect(r.code).toBe(0)
}, 120_000)
afterAll(() => tmp.cleanup())

describe('scw plot', () => {
  for (const figure of PLOT_FIGURES) {
    it(`${figure}: the saved figure in resources/docs/figures is current (npm run figures)`, async () => {
      const svg = readFileSync(await plot(figure, join(tmp.dir, `${figure}.svg`)), 'utf8')
      const saved = readFileSync(join(SAVED, `${figure}.svg`), 'utf8')
      expect(sameFigure(svg, saved), `run npm run figures if the change is intended`).toBeNull()
    })
  }

  it('coefficients: a path per device, axis titles with units, ticks, and the CSV drawn', async () => {
    const doc = parseSvg(readFileSync(await plot('coefficients', join(tmp.dir, 'c.svg')), 'utf8'))
    const series = byClass(doc, 'series', 'path').map((p) => p.getAttribute('data-series'))
    // Outside each device's valid band its raw curve and what export applies there are drawn too,
    // as in the Correction view; the legend keys the devices only.
    const pieces = (d: string): string[] => [
      d,
      `${d} outside its band`,
      `${d} applied outside its band`,
    ]
    expect(series).toEqual(['a', ...pieces('b'), ...pieces('c'), ...pieces('d')])
    expect(byClass(doc, 'legend-item', 'g').map((g) => g.getAttribute('data-label'))).toEqual([
      'a (reference)',
      'b',
      'c',
      'd',
      "outside a device's valid band: its raw curve (thin) and what export applies (dashed)",
      'beyond ±20 dB',
    ])
    expect(byClass(doc, 'x-title').map(textOf)).toEqual(['Frequency (Hz)'])
    expect(byClass(doc, 'y-title').map(textOf)).toEqual(['Gain (dB)'])
    expect(byClass(doc, 'x-tick').map((t) => Number(t.getAttribute('data-value')))).toContain(1000)
    const csv = readFileSync(await plot('coefficients', join(tmp.dir, 'c.csv')), 'utf8')
    const columns = (d: string): string[] => [
      `${d}_gain_db`,
      `${d}_outside_band_gain_db`,
      `${d}_applied_outside_band_gain_db`,
    ]
    expect(csv.split('\n')[0]).toBe(
      ['frequency_hz', 'a_gain_db', ...columns('b'), ...columns('c'), ...columns('d')].join(','),
    )
  })

  it('PNG at 2x of the given size; the devices, band and y range given are the ones drawn', async () => {
    const png = decodePng(
      readFileSync(
        await plot('spectra', join(tmp.dir, 's.png'), '--width', '600', '--height', '360'),
      ),
    )
    expect([png.width, png.height]).toEqual([1200, 720])
    const svg = parseSvg(
      readFileSync(
        await plot(
          'spectra-relative',
          join(tmp.dir, 'r.svg'),
          '--devices',
          'b,c',
          '--reference',
          'c',
          '--y-range=-30:10',
        ),
        'utf8',
      ),
    )
    expect(byClass(svg, 'series', 'path').map((p) => p.getAttribute('data-series'))).toEqual([
      'b',
      'c',
    ])
    expect(textOf(byClass(svg, 'y-title')[0])).toBe('Level re c (dB)')
    const yTicks = byClass(svg, 'y-tick').map((t) => Number(t.getAttribute('data-value')))
    expect([Math.min(...yTicks), Math.max(...yTicks)]).toEqual([-30, 10])
  })

  it('another reference or variant is plotted without changing the project', async () => {
    const before = openProject(project)
    const settings = before.settings()
    before.close()
    const svg = readFileSync(
      await plot(
        'coefficients',
        join(tmp.dir, 'b.svg'),
        '--reference',
        'b',
        '--variant',
        'aligned',
      ),
      'utf8',
    )
    expect(svg).toContain('<title>Correction coefficients towards b (aligned)</title>')
    const after = openProject(project)
    expect(after.settings()).toEqual(settings)
    after.close()
  })

  it('fir shows one device, with the checked band; evaluate the bars and both spectra', async () => {
    const fir = readFileSync(
      await plot('fir', join(tmp.dir, 'f.svg'), '--devices', 'c', '--taps', '513'),
      'utf8',
    )
    expect(fir).toContain('FIR for c: realised response against the target (513 taps at 44.1 kHz)')
    // Checked over the band export's policy measures c's filter at that rate.
    const demo = openProject(project)
    const band = firResponse(demo, currentEstimate(demo)!, 'c', { taps: 513 }).correction.bandHz
    demo.close()
    expect(band).not.toBeNull()
    expect(fir).toContain(`checked band ${bandText(band!)}`)
    const ev = parseSvg(
      readFileSync(
        await plot('evaluate', join(tmp.dir, 'e.svg'), '--band', '200-5000', '--devices', 'a,b'),
        'utf8',
      ),
    )
    const bars = byClass(ev, 'bar', 'rect')
    expect(
      bars.map((b) => `${b.getAttribute('data-series')}:${b.getAttribute('data-stage')}`),
    ).toEqual(['b:before', 'b:after'])
    expect(textOf(byClass(ev, 'x-title')[0])).toContain('over 200 Hz–5 kHz (dB)')
  })

  it('names each mistake and its fix', async () => {
    const run = (...args: string[]): ReturnType<typeof scw> => scw('plot', project, ...args)
    const bad = await run('waterfall', '--out', join(tmp.dir, 'x.svg'))
    expect(bad.code).toBe(1)
    expect(bad.err).toContain(`figure waterfall: expected one of ${PLOT_FIGURES.join(', ')}`)
    expect((await run('spectra')).err).toContain('--out <file.svg|file.png|file.csv> is required')
    expect((await run('spectra', '--out', join(tmp.dir, 'x.pdf'))).err).toContain(
      'name a .svg, .png or .csv file',
    )
    expect((await run('spectra', '--out', 'x.svg', '--band', '5000-100')).err).toContain(
      'expected <low Hz>-<high Hz> with low < high',
    )
    expect((await run('fir', '--out', 'x.svg', '--devices', 'b,c')).err).toContain(
      'the fir figure shows one device',
    )
    const unknown = await run('spectra', '--out', join(tmp.dir, 'x.svg'), '--devices', 'z')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('no data for device z; the data holds a, b, c, d')
  })
})
