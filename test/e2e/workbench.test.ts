// The workbench in a real browser (Debian's Chromium) against `scw serve` on the demo project:
// devices, the reference and its curves, a recording drawn and playing, an export with progress
// that is cancelled and resumed, the token check, and a screenshot of every view in both themes.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeBenchCorpus } from '../bench/corpus'
import { CLI, tempFolder } from '../helpers/cli'
import { drawn, launchBrowser, newPage, serve, shot, type Served } from './harness'

const tmp = tempFolder('scw-e2e-')
const big = join(tmp.dir, 'big.scw')
/** The demo's recordings in a project of their own, analysed, with no reference chosen. */
const fresh = join(tmp.dir, 'fresh.scw')
let server: Served
let browser: Browser
let page: Page

const scw = (...args: string[]): string => execFileSync(process.execPath, [CLI, ...args]).toString()

/** Opens a view through the navigation rail, as a user would. */
async function go(title: string): Promise<void> {
  await page
    .getByRole('navigation')
    .getByRole('button', { name: new RegExp(`^${title}`) })
    .click()
}

/** Opens a project file through the Projects view and waits for its name in the header. */
async function openProject(path: string): Promise<void> {
  await go('Projects')
  await page.getByLabel('Project file').fill(path)
  await page.getByRole('button', { name: 'Open', exact: true }).click()
  const name = basename(path, '.scw')
  await expect.poll(() => page.locator('header').textContent(), { timeout: 10_000 }).toContain(name)
}

/** Calls the contract from inside the page (with its session cookie). */
function call<T>(method: string, request: object = {}): Promise<T> {
  return page.evaluate(
    async ([m, r]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(r),
      })
      return ((await res.json()) as { result: unknown }).result
    },
    [method, request] as const,
  ) as Promise<T>
}

beforeAll(async () => {
  scw('demo', join(tmp.dir, 'demo'))
  // A larger project for the export: long enough to cancel while it runs.
  writeBenchCorpus(join(tmp.dir, 'big-audio'), 240)
  scw('index', big, join(tmp.dir, 'big-audio'), '--labels', 'dcase')
  scw('estimate', big)
  scw('index', fresh, join(tmp.dir, 'demo', 'audio'), '--labels', 'dcase')
  scw('analyze', fresh)
  server = await serve(join(tmp.dir, 'demo', 'demo.scw'))
  browser = await launchBrowser()
  page = await newPage(browser)
  await page.goto(server.url)
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  tmp.cleanup()
})

describe('the workbench in Chromium', () => {
  it('answers 401 to requests without the token', async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(401)
    expect(
      (await fetch(`${server.origin}/api/project.current`, { method: 'POST', body: '{}' })).status,
    ).toBe(401)
    expect((await fetch(`${server.origin}/media/recording/1`)).status).toBe(401)
  })

  it('opens on the demo project and shows its devices', async () => {
    await expect
      .poll(() => page.locator('header').textContent(), { timeout: 10_000 })
      .toContain('demo')
    await go('Devices')
    const table = page.getByTestId('devices-table')
    await table.waitFor()
    for (const d of ['a', 'b', 'c', 'd']) await expect.poll(() => table.textContent()).toContain(d)
    await expect.poll(() => drawn(page, '[data-testid=device-spectra]')).toBe(true)
    await page.getByTestId('coverage-matrix').waitFor()
  })

  it('changes the reference device and the curves follow', async () => {
    await go('Correction')
    const plot = page.getByTestId('coefficient-plot')
    await expect.poll(() => drawn(page, '[data-testid=coefficient-plot]')).toBe(true)
    const before = await plot.screenshot()
    await page.getByTestId('reference-select').selectOption('b')
    await expect
      .poll(async () => (await call<{ reference: string } | null>('estimate.current'))?.reference)
      .toBe('b')
    await expect
      .poll(async () => (await plot.screenshot()).equals(before), { timeout: 10_000 })
      .toBe(false)
    await page.getByTestId('reference-select').selectOption('a')
    await expect
      .poll(async () => (await call<{ reference: string } | null>('estimate.current'))?.reference)
      .toBe('a')
  })

  it('opens a recording: waveform and spectrogram drawn, and it plays', async () => {
    await go('Recordings')
    await page.getByText('park-lyon-6-60-b.wav').dblclick()
    await page.getByTestId('recording-view').waitFor()
    await expect.poll(() => drawn(page, '[data-testid=waveform]'), { timeout: 15_000 }).toBe(true)
    await expect
      .poll(() => drawn(page, '[data-testid=spectrogram]'), { timeout: 15_000 })
      .toBe(true)
    const clock = page.getByTestId('current-time')
    const start = await clock.textContent()
    await page.getByTestId('play').click()
    await expect.poll(() => clock.textContent(), { timeout: 10_000 }).not.toBe(start)
    await page.getByTestId('play').click()
    await page.getByTestId('ab-toggle').waitFor()
    expect(await page.getByTestId('sibling').count()).toBe(2)
  })

  it('exports with progress, cancels, then resumes to a complete corpus', async () => {
    await openProject(big)
    await go('Export')
    const out = join(tmp.dir, 'export')
    await page.getByTestId('export-folder').fill(out)
    await page.getByTestId('export-start').click()
    const progress = page.getByTestId('export-progress')
    await progress.waitFor()
    await expect
      .poll(() => progress.textContent(), { timeout: 10_000 })
      .toMatch(/[1-9]\d* ?\/ ?240|[1-9]\d* of 240/)
    await page.getByTestId('export-cancel').click()
    const resume = page.getByTestId('export-resume')
    await resume.waitFor({ timeout: 20_000 })
    const partial = readdirSync(out).filter((f) => f.endsWith('.wav')).length
    expect(partial).toBeLessThan(240)
    await resume.click()
    const report = page.getByTestId('export-report')
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toContain('Finished.')
    const field = async (name: string): Promise<number> =>
      Number((await report.locator(`[data-field=${name}]`).textContent())!.replace(/\D/g, ''))
    expect(await field('skipped')).toBeGreaterThan(0)
    expect((await field('written')) + (await field('skipped'))).toBe(240)
    expect(readdirSync(out).filter((f) => f.endsWith('.wav')).length).toBe(240)
    expect(existsSync(join(out, 'manifest.csv'))).toBe(true)
  })

  it('proposes a reference to a project without one, and sets it only when confirmed', async () => {
    await openProject(fresh)
    await go('Correction')
    const proposal = page.getByTestId('reference-proposal')
    await proposal.waitFor()
    const proposed = (await page.getByTestId('proposed-device').textContent())!.trim()
    expect(await page.getByTestId('proposal-reason').textContent()).toMatch(
      new RegExp(`^${proposed} shares the most alignment groups with the other devices \\(`),
    )
    await shot(page, 'correction-proposal-light')
    type Settings = {
      settings: { referenceDevice: string | null; currentEstimateId: number | null }
    }
    // Looking is not choosing.
    await page.waitForTimeout(500)
    expect((await call<Settings>('project.current')).settings).toMatchObject({
      referenceDevice: null,
      currentEstimateId: null,
    })

    await page.getByTestId('confirm-reference').click()
    await expect.poll(() => drawn(page, '[data-testid=coefficient-plot]')).toBe(true)
    expect((await call<Settings>('project.current')).settings.referenceDevice).toBe(proposed)
    await expect
      .poll(() => page.locator('#curves-title').textContent())
      .toContain(`towards ${proposed}`)

    // Main's answer held back: the curves stay the old reference's, dimmed, marked busy.
    const other = ['a', 'b', 'c'].find((d) => d !== proposed)!
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    await page.route('**/api/project.setReference', async (route) => {
      await held
      await route.continue()
    })
    await page.getByTestId('reference-select').selectOption(other)
    const busy = page.locator('.head [data-testid=busy-mark]').first()
    await busy.waitFor()
    expect(await busy.textContent()).toContain(`Recomputing towards ${other}`)
    expect(await page.getByTestId('curves').getAttribute('class')).toContain('recomputing')
    expect(await page.locator('#curves-title').textContent()).toContain(`towards ${proposed}`)
    await shot(page, 'correction-recomputing-light')
    release()
    await expect
      .poll(() => page.locator('#curves-title').textContent())
      .toContain(`towards ${other}`)
    await expect.poll(() => page.getByTestId('busy-mark').count()).toBe(0)
    await page.unroute('**/api/project.setReference')
    expect((await call<Settings>('project.current')).settings.referenceDevice).toBe(other)
    // One setting, every view: Devices shows it too.
    await go('Devices')
    await expect
      .poll(() => page.getByTestId('devices-view').locator('.title').textContent())
      .toContain(`reference: ${other}`)
  })

  it('saves a screenshot of every view in light and dark', async () => {
    await go('Projects')
    await page.getByRole('button', { name: /demo project/i }).click()
    // The first open writes, indexes and analyses the demo corpus (45 files): on a loaded 2-core
    // machine that alone has taken over 10 s.
    await expect
      .poll(() => page.locator('header').textContent(), { timeout: 60_000 })
      .toContain('demo')
    for (const scheme of ['light', 'dark'] as const) {
      const p = await newPage(browser, scheme)
      await p.goto(server.url)
      for (const view of [
        'projects',
        'sources',
        'recordings',
        'devices',
        'correction',
        'export',
        'evaluate',
      ]) {
        await p.evaluate((v) => (window.location.hash = `#/${v}`), view)
        await p.waitForTimeout(800)
        // Evaluate plans and applies the correction held out: its figures take a few seconds.
        if (view === 'evaluate') await p.getByTestId('rms-chart').waitFor({ timeout: 60_000 })
        await shot(p, `${view}-${scheme}`)
      }
      await p.evaluate(() => (window.location.hash = '#/recording/5'))
      await p.getByTestId('recording-view').waitFor()
      await expect.poll(() => drawn(p, '[data-testid=spectrogram]'), { timeout: 15_000 }).toBe(true)
      await shot(p, `recording-${scheme}`)
      await p.context().close()
    }
  }, 180_000)
})
