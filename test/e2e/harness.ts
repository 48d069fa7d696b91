// End-to-end harness: `scw serve` on a fresh demo project, driven by Debian's Chromium through
// playwright-core (no browser download). Screenshots go to test/e2e/screenshots/ (git-ignored).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { CLI } from '../helpers/cli'

export const CHROMIUM = '/usr/bin/chromium'
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots')

export interface Served {
  url: string
  /** The URL without the token: what a stranger would request. */
  origin: string
  process: ChildProcess
  stop(): Promise<void>
}

/** Starts `scw serve <project>` and resolves once it prints its URL. */
export function serve(project: string, ...args: string[]): Promise<Served> {
  return serveWith(CLI, project, args)
}

/** `serve` with another build of `scw` and more environment (the benchmarks). */
export function serveWith(
  cli: string,
  project: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', project, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output += d.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (!m) return
      child.stdout!.off('data', onData)
      const url = m[1]
      resolve({
        url,
        origin: new URL(url).origin,
        process: child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    child.once('exit', (code) => reject(new Error(`scw serve exited ${code}: ${output}`)))
  })
}

/** Debian's Chromium, headless; fails with the fix when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`,
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--autoplay-policy=no-user-gesture-required',
    ],
  })
}

/** A 1280×800 page in the given colour scheme. */
export async function newPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme })
  return context.newPage()
}

/** Saves a screenshot of the page under test/e2e/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/**
 * An expression, evaluated in the page, that is true when the canvases inside `selector` hold
 * some non-transparent pixel. Source text rather than a function: the benchmarks run under tsx,
 * whose transform would wrap a function in helpers that do not exist inside the page.
 */
export function drawnScript(selector: string): string {
  return `(() => {
    const root = document.querySelector(${JSON.stringify(selector)})
    if (!root) return false
    // wavesurfer draws inside shadow roots: look through them too.
    const canvases = []
    const walk = (node) => {
      for (const el of node.querySelectorAll('*')) {
        if (el instanceof HTMLCanvasElement) canvases.push(el)
        if (el.shadowRoot) walk(el.shadowRoot)
      }
    }
    walk(root)
    return canvases.some((c) => {
      const ctx = c.getContext('2d')
      if (!ctx || c.width === 0 || c.height === 0) return false
      const data = ctx.getImageData(0, 0, c.width, c.height).data
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true
      return false
    })
  })()`
}

/** True when the canvases inside `selector` hold some non-transparent pixel. */
export async function drawn(page: Page, selector: string): Promise<boolean> {
  await page.locator(selector).waitFor({ state: 'attached' })
  return (await page.evaluate(drawnScript(selector))) as boolean
}

/** `scw serve <project>` with a light 1280×800 Chromium page open on it, and how to close both. */
export async function servedPage(
  project: string,
): Promise<{ server: Served; browser: Browser; page: Page; close(): Promise<void> }> {
  const server = await serve(project)
  const browser = await launchBrowser()
  const page = await newPage(browser)
  await page.goto(server.url)
  return {
    server,
    browser,
    page,
    close: async () => {
      await browser.close()
      await server.stop()
    },
  }
}
