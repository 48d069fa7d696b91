// Figures and accessibility in a real browser (Debian's Chromium) against `scw serve` on the demo:
// Save SVG, Save PNG and Save CSV on one plot of each view that has plots, the downloads checked
// (an SVG with its axis titles, a PNG at twice the figure's size, the CSV's header), and axe-core
// on every view, the recording detail and the folder browser in both themes with no serious or
// critical violation and every part of the page inside a landmark; and the Recordings table's
// cells not cut off at 1920 and 1280 px.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, tempFolder } from '../helpers/cli'
import { decodePng } from '../helpers/png-decode'
import { drawn, launchBrowser, newPage, serve, shot, type Served } from './harness'

const tmp = tempFolder('scw-e2e-figures-')
let server: Served
let browser: Browser

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

const VIEWS = ['projects', 'sources', 'recordings', 'devices', 'correction', 'export', 'evaluate']

beforeAll(async () => {
  execFileSync(process.execPath, [CLI, 'demo', join(tmp.dir, 'demo')])
  server = await serve(join(tmp.dir, 'demo', 'demo.scw'))
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  tmp.cleanup()
})

/** Opens a view by its route and waits for `ready` inside it. */
async function open(page: Page, route: string, ready: string): Promise<void> {
  await page.evaluate((r) => (window.location.hash = `#/${r}`), route)
  await page.locator(ready).first().waitFor({ timeout: 15_000 })
}

interface Saved {
  name: string
  bytes: Buffer
}

/** Opens the Save menu of the plot frame `plot` and saves in `format`. */
async function save(page: Page, plot: string, format: 'SVG' | 'PNG' | 'CSV'): Promise<Saved> {
  const frame = page.locator(plot).first()
  await frame.getByTestId('save-menu').locator('summary').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    frame.getByRole('button', { name: `Save ${format}` }).click(),
  ])
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

/** The width and height the SVG's root states. */
function svgSize(svg: string): [number, number] {
  const root = /<svg\b[^>]*>/.exec(svg)![0]
  return [Number(/\swidth="([\d.]+)"/.exec(root)![1]), Number(/\sheight="([\d.]+)"/.exec(root)![1])]
}

describe('saving figures from the workbench', () => {
  it.each([
    {
      view: 'devices',
      plot: '[data-testid=device-spectra] figure.plot-frame',
      axis: 'Frequency (Hz)',
      csv: /^frequency_hz,/,
    },
    {
      view: 'correction',
      plot: '[data-testid=coefficient-plot] figure.plot-frame',
      axis: 'Gain (dB)',
      csv: /^frequency_hz,a_gain_db,/,
    },
    {
      view: 'recording/5',
      plot: 'figure.plot-frame:has([data-testid=spectrogram])',
      axis: 'Time (s)',
      csv: /^frequency_hz,t_[\d.]+s_db,/,
    },
    {
      view: 'evaluate',
      plot: '[data-testid=rms-chart] figure.plot-frame',
      axis: 'RMS distance',
      csv: /^device,/,
    },
  ])('$view: Save SVG, PNG and CSV download the figure', async ({ view, plot, axis, csv }) => {
    const page = await newPage(browser)
    try {
      await page.goto(server.url)
      await page.locator('header').filter({ hasText: 'demo' }).waitFor({ timeout: 10_000 })
      await open(page, view, plot)
      const svg = await save(page, plot, 'SVG')
      expect(svg.name).toMatch(/\.svg$/)
      const text = svg.bytes.toString('utf8')
      expect(text).toMatch(/^<svg\b/)
      expect(text).toContain(axis)
      const png = await save(page, plot, 'PNG')
      expect(png.name).toMatch(/\.png$/)
      const image = decodePng(png.bytes)
      const [w, h] = svgSize(text)
      expect([image.width, image.height]).toEqual([w * 2, h * 2])
      const table = await save(page, plot, 'CSV')
      expect(table.name).toMatch(/\.csv$/)
      expect(table.bytes.toString('utf8')).toMatch(csv)
      expect(table.bytes.toString('utf8').split('\n').length).toBeGreaterThan(2)
    } finally {
      await page.context().close()
    }
  })
})

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** axe-core's violations on the page as it is now (the script is evaluated, so CSP allows it). */
async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (c: Document) => Promise<unknown> } }).axe.run
    const r = (await run(document)) as { violations: AxeViolation[] }
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }))
  })
}

const describeViolations = (list: AxeViolation[]): string =>
  list
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
    .join('\n')

describe('accessibility (axe-core)', () => {
  it.each(['light', 'dark'] as const)(
    'every view, the recording detail and the folder browser: no serious or critical violation, all in landmarks (%s)',
    async (scheme) => {
      const page = await newPage(browser, scheme)
      try {
        await page.goto(server.url)
        await page.locator('header').filter({ hasText: 'demo' }).waitFor({ timeout: 10_000 })
        const found: string[] = []
        for (const view of [...VIEWS, 'recording/5']) {
          await page.evaluate((v) => (window.location.hash = `#/${v}`), view)
          if (view === 'recording/5') {
            await page.getByTestId('recording-view').waitFor()
            await expect
              .poll(() => drawn(page, '[data-testid=spectrogram]'), { timeout: 15_000 })
              .toBe(true)
          } else {
            await page.waitForTimeout(800)
          }
          await shot(page, `axe-${view.replace('/', '-')}-${scheme}`)
          const bad = (await axe(page)).filter(
            (v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'region',
          )
          if (bad.length > 0) found.push(`${view}:\n${describeViolations(bad)}`)
        }
        // The folder browser of browser mode, filled by main behind the token.
        await page.evaluate(() => (window.location.hash = '#/sources'))
        await page.getByLabel('Folder', { exact: true }).fill(join(tmp.dir, 'demo'))
        await page.getByRole('button', { name: 'Browse…' }).click()
        const dialog = page.getByTestId('folder-browser')
        await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain('audio/')
        expect(await dialog.textContent()).toContain('45 audio files')
        const bad = (await axe(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'region',
        )
        if (bad.length > 0) found.push(`folder browser:\n${describeViolations(bad)}`)
        await dialog.getByRole('button', { name: 'Cancel' }).click()
        expect(found.join('\n\n')).toBe('')
      } finally {
        await page.context().close()
      }
    },
    120_000,
  )
})

describe('recordings table', () => {
  it.each([
    [1920, 1080],
    [1280, 800],
  ])('at %i px no cell is cut off: columns fit what they hold', async (width, height) => {
    const context = await browser.newContext({ viewport: { width, height } })
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await page.locator('header').filter({ hasText: 'demo' }).waitFor({ timeout: 10_000 })
      await open(page, 'recordings', '[role=gridcell]')
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[role=gridcell], [role=columnheader]')]
          .filter((c) => c.scrollWidth > c.clientWidth)
          .map((c) => c.textContent!.trim()),
      )
      expect(cut).toEqual([])
    } finally {
      await context.close()
    }
  })
})
