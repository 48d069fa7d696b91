// The Audit panel in Chromium against `scw serve` on a generated corpus of three devices with two
// recordings filed under the wrong device: the panel lists exactly those two, plays one A/B
// against a recording of its true device, opens it, and relabels it. A screenshot of the panel
// goes to test/e2e/screenshots/devices-audit.png.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import { CLI, tempFolder } from '../helpers/cli'
import { writeCorpusFiles } from '../helpers/corpus-files'
import { auditCorpus } from '../helpers/device-corpus'
import { SCREENSHOTS, servedPage } from './harness'

const tmp = tempFolder('scw-e2e-audit-')
const project = join(tmp.dir, 'audit.scw')
let session: Awaited<ReturnType<typeof servedPage>> | undefined
let page: Page

beforeAll(async () => {
  await loadFft()
  const corpus = auditCorpus({ durationSec: 2, devices: ['studio', 'phone', 'peaky'] })
  const idOf = (name: string): number => corpus.recordings.find((r) => r.name === name)!.id
  const replaced = idOf('peaky/scene-1.wav')
  writeCorpusFiles(
    corpus.recordings.filter((r) => r.id !== replaced),
    join(tmp.dir, 'corpus'),
    new Map([
      [idOf('phone/own-110.wav'), 'peaky'],
      [idOf('phone/scene-1.wav'), 'peaky'],
    ]),
  )
  const scw = (...args: string[]): void => void execFileSync(process.execPath, [CLI, ...args])
  scw('index', project, join(tmp.dir, 'corpus'), '--labels', 'folders')
  scw('analyze', project)
  session = await servedPage(project)
  page = session.page
}, 180_000)

afterAll(async () => {
  await session?.close()
  tmp.cleanup()
})

describe('the Audit panel in Chromium', () => {
  it('lists the two misfiled recordings, plays one A/B, opens and relabels it', async () => {
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Devices/ })
      .click()
    const panel = page.getByTestId('audit-panel')
    await panel.getByRole('button', { name: 'Audit labels' }).click()
    const suspects = page.getByTestId('audit-suspects')
    await suspects.waitFor({ timeout: 20_000 })
    const rows = suspects.locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(2)
    const paths = await rows.locator('td:first-child').allTextContents()
    expect(paths.map((p) => p.trim()).sort()).toEqual(['peaky/own-110.wav', 'peaky/scene-1.wav'])
    expect((await rows.locator('td:nth-child(3)').allTextContents()).map((t) => t.trim())).toEqual([
      'phone',
      'phone',
    ])
    expect(await page.getByTestId('audit-clean').count()).toBe(0)
    await panel.scrollIntoViewIfNeeded()
    await panel.screenshot({ path: join(SCREENSHOTS, 'devices-audit.png') })

    // A/B: A plays the suspect, B the phone recording from the same point.
    const first = rows.first()
    const audio = page.locator('[data-testid=audit-panel] audio')
    const state = () =>
      audio.evaluate((a: HTMLAudioElement) => ({ src: a.src, t: a.currentTime, paused: a.paused }))
    await first.getByRole('button', { name: 'A', exact: true }).click()
    await expect.poll(async () => (await state()).t, { timeout: 10_000 }).toBeGreaterThan(0.1)
    const a = await state()
    await first.getByRole('button', { name: 'B', exact: true }).click()
    await expect.poll(async () => (await state()).src, { timeout: 10_000 }).not.toBe(a.src)
    await expect.poll(async () => (await state()).paused, { timeout: 10_000 }).toBe(false)
    expect((await state()).t).toBeGreaterThanOrEqual(a.t - 0.05)
    await first.getByRole('button', { name: 'Stop' }).click()

    await first.getByRole('button', { name: 'Open' }).click()
    await page.getByTestId('recording-view').waitFor()
    await page
      .getByRole('navigation')
      .getByRole('button', { name: /^Devices/ })
      .click()
    await page
      .getByTestId('audit-suspects')
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: 'Relabel as phone' })
      .click()
    await expect
      .poll(() => page.getByTestId('audit-suspects').locator('tbody tr').count(), {
        timeout: 20_000,
      })
      .toBe(1)
  }, 120_000)
})
