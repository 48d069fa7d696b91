// What the user of browser mode waits for, in Chromium: the first Recordings paint and a
// recording's detail up to its drawn spectrogram, each on a cold page (a new browser context: no
// cache, no state), and which calls a reference switch makes the page repeat.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { drawnScript, launchBrowser } from '../e2e/harness'
import type { Server } from './scale-measure'

async function coldContext(browser: Browser, server: Server): Promise<BrowserContext> {
  // Whatever an earlier page left main computing (e.g. the devices overview a recording's page
  // asks for once its audio is in) is finished first: each page is timed on its own.
  await server.call('app.info')
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  // The session cookie that opening the token URL would set, so the first load is the view's.
  await context.addCookies([
    {
      name: `scw_token_${server.port}`,
      value: server.token,
      url: server.origin,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ])
  return context
}

/** Polls `check` every 20 ms until it holds; seconds since `t0`. */
async function until(t0: number, check: () => Promise<boolean>, limitSec = 300): Promise<number> {
  for (;;) {
    if (await check()) return (performance.now() - t0) / 1000
    if (performance.now() - t0 > limitSec * 1000) throw new Error(`not done after ${limitSec} s`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Seconds from navigating to #/recordings until the table's first row is on screen. */
export async function firstRecordingsPaint(browser: Browser, server: Server): Promise<number> {
  const context = await coldContext(browser, server)
  try {
    const page = await context.newPage()
    const t0 = performance.now()
    await page.goto(`${server.origin}/#/recordings`, { waitUntil: 'commit' })
    await page.waitForSelector('#recording-row-0', { timeout: 300_000 })
    return (performance.now() - t0) / 1000
  } finally {
    await context.close()
  }
}

/** Seconds from navigating to #/recording/<id> until its spectrogram holds pixels. */
export async function recordingDetail(
  browser: Browser,
  server: Server,
  id: number,
): Promise<number> {
  const context = await coldContext(browser, server)
  try {
    const page = await context.newPage()
    const t0 = performance.now()
    await page.goto(`${server.origin}/#/recording/${id}`, { waitUntil: 'commit' })
    await page.waitForSelector('[data-testid=spectrogram]', { timeout: 300_000 })
    const script = drawnScript('[data-testid=spectrogram]')
    return await until(t0, () => page.evaluate(script) as Promise<boolean>)
  } finally {
    await context.close()
  }
}

/**
 * With the Recordings view loaded, switches the reference through the API and counts the
 * `recordings.list` requests the page makes until the switch has been announced and settled.
 */
export async function listCallsOnReferenceSwitch(
  browser: Browser,
  server: Server,
  device: string,
): Promise<number> {
  const context = await coldContext(browser, server)
  try {
    const page: Page = await context.newPage()
    await page.goto(`${server.origin}/#/recordings`, { waitUntil: 'commit' })
    await page.waitForSelector('#recording-row-0', { timeout: 300_000 })
    let calls = 0
    page.on('request', (r) => {
      if (r.url().includes('/api/recordings.')) calls++
    })
    await server.call('project.setReference', { device })
    // The page hears of the change over its WebSocket; give it time to react.
    await page.waitForTimeout(3000)
    await page.waitForLoadState('networkidle')
    return calls
  } finally {
    await context.close()
  }
}

export { launchBrowser }
