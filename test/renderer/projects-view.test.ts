// @vitest-environment happy-dom
// The Projects view's analysis settings: the analysis rate is the corpus's own unless chosen, the
// view says which, and can follow the corpus's rate again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { ProjectSettings } from '@shared/model/project'
import { installTransport } from '../../src-renderer/api'
import { useProjectStore } from '../../src-renderer/stores/project'
import ProjectsView from '../../src-renderer/views/ProjectsView.vue'
import { appInfo, FakeTransport, projectWith } from './fake-transport'

/** What main holds: the corpus is 48 kHz, the rate follows it unless chosen. */
let settings: Partial<ProjectSettings>
let fake: FakeTransport
let pinia: Pinia
let wrapper: VueWrapper | null = null

const CORPUS = {
  corpusSampleRate: 48000,
  analysisSampleRate: 48000,
  analysisSampleRateChosen: false,
}

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  settings = { ...CORPUS }
  fake = new FakeTransport({
    'app.info': () => appInfo(),
    'project.updateSettings': (req) => {
      if (req.analysisSampleRate === null) settings = { ...CORPUS }
      else if (req.analysisSampleRate !== undefined)
        settings = {
          ...settings,
          analysisSampleRate: req.analysisSampleRate,
          analysisSampleRateChosen: true,
        }
      if (req.nFft !== undefined)
        settings = { ...settings, stft: { nFft: req.nFft, hopLength: 512 } }
      return projectWith(settings)
    },
  })
  installTransport(fake)
  useProjectStore().apply(projectWith(settings))
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(ProjectsView, { global: { plugins: [pinia] } })
  await flushPromises()
  return wrapper
}

const field = (w: VueWrapper, caption: string) =>
  w
    .findAll('label.field')
    .find((l) => l.find('.caption').text() === caption)!
    .find('input')

describe('Projects view, analysis rate', () => {
  it('says the rate is the corpus’s own, and keeps it so when only the FFT size changes', async () => {
    const w = await mountView()
    expect(w.find('[data-testid=analysis-rate-source]').text()).toContain(
      "The analysis rate is the corpus's own",
    )
    expect(field(w, 'Analysis rate (Hz)').element).toHaveProperty('value', '48000')
    await field(w, 'FFT size (samples)').setValue('4096')
    await w.find('form.settings').trigger('submit')
    await flushPromises()
    expect(fake.callsOf('project.updateSettings')).toEqual([{ nFft: 4096, hopLength: 512 }])
    expect(useProjectStore().settings?.analysisSampleRateChosen).toBe(false)
  })

  it('shows a chosen rate with the corpus’s own, and follows the corpus again on request', async () => {
    const w = await mountView()
    await field(w, 'Analysis rate (Hz)').setValue('44100')
    await w.find('form.settings').trigger('submit')
    await flushPromises()
    expect(fake.callsOf('project.updateSettings')).toEqual([
      { nFft: 2048, hopLength: 512, analysisSampleRate: 44100 },
    ])
    const source = w.find('[data-testid=analysis-rate-source]')
    expect(source.text()).toContain("The analysis rate is chosen; the corpus's own is 48 kHz.")
    await source.find('button').trigger('click')
    await flushPromises()
    expect(fake.callsOf('project.updateSettings').at(-1)).toEqual({ analysisSampleRate: null })
    expect(w.find('[data-testid=analysis-rate-source]').text()).toContain("corpus's own")
    expect(field(w, 'Analysis rate (Hz)').element).toHaveProperty('value', '48000')
  })
})
