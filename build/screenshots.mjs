// `npm run screenshots`: the README's screenshots of the demo (resources/docs/<view>.png), taken
// in Debian's Chromium (light theme, 1280×800) from `scw serve` of the built app: a label rule
// previewed, the folder browser, every view, a recording, and an export that has run.
import { execFileSync, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'out', 'main', 'cli.js')
const outDir = join(root, 'resources', 'docs')
// Fixed paths: they are what the screenshots show.
const demo = '/tmp/docdemo'
const exportDir = '/tmp/docdemo-export'

rmSync(demo, { recursive: true, force: true })
rmSync(exportDir, { recursive: true, force: true })
execFileSync(process.execPath, [cli, 'demo', demo], { stdio: 'inherit' })

const server = spawn(process.execPath, [cli, 'serve', join(demo, 'demo.scw'), '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
const url = await new Promise((resolve, reject) => {
  let out = ''
  server.stdout.on('data', (d) => {
    out += d.toString()
    const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)
    if (m) resolve(m[1])
  })
  server.once('exit', (code) => reject(new Error(`scw serve exited ${code}: ${out}`)))
})

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
})
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  })
  const page = await context.newPage()
  const shot = (name) => page.screenshot({ path: join(outDir, `${name}.png`) })
  const view = async (hash, ready) => {
    await page.evaluate((h) => (globalThis.location.hash = `#/${h}`), hash)
    await page.locator(ready).first().waitFor({ timeout: 20_000 })
    await page.waitForTimeout(1000)
  }
  await page.goto(url)
  await page.locator('header').filter({ hasText: 'demo' }).waitFor({ timeout: 20_000 })

  await view('sources', 'input.mono')
  await page.locator('input.mono').first().fill(join(demo, 'audio'))
  await page.getByLabel('Label rule').selectOption('dcase')
  await page.getByText('Preview on sample files').waitFor({ timeout: 20_000 })
  await page.waitForTimeout(500)
  await shot('sources')
  await page.locator('input.mono').first().fill(demo)
  await page.getByRole('button', { name: 'Browse…' }).click()
  await page.getByTestId('folder-browser').getByText('audio/').waitFor({ timeout: 20_000 })
  await shot('folder-browser')
  await page.getByRole('button', { name: 'Cancel' }).click()

  await view('recordings', '[role=grid]')
  await shot('recordings')
  await view('devices', '[data-testid=device-spectra] figure.plot-frame')
  await shot('devices')
  await view('correction', '[data-testid=coefficient-plot] figure.plot-frame')
  await shot('correction')
  await view('evaluate', '[data-testid=rms-chart] figure.plot-frame')
  await shot('evaluate')
  await view('recording/5', '[data-testid=recording-view]')
  await page.waitForTimeout(3000)
  await shot('recording')

  await view('export', '[data-testid=export-folder]')
  await page.getByTestId('export-folder').fill(exportDir)
  await page.getByTestId('export-start').click()
  await page
    .getByTestId('export-report')
    .filter({ hasText: 'Finished.' })
    .waitFor({ timeout: 60_000 })
  await page.waitForTimeout(500)
  await shot('export')
} finally {
  await browser.close()
  server.kill('SIGTERM')
}
