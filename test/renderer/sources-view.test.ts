// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { LabelPreviewRow } from '@shared/api/views'
import { installTransport } from '../../src-renderer/api'
import { useJobsStore } from '../../src-renderer/stores/jobs'
import { useProjectStore } from '../../src-renderer/stores/project'
import SourcesView from '../../src-renderer/views/SourcesView.vue'
import { FakeTransport, projectView } from './fake-transport'

let fake: FakeTransport
let pinia: Pinia
let wrapper: VueWrapper | null = null

function preview(folder: string): LabelPreviewRow[] {
  return [
    {
      path: `${folder}/airport-lisbon-1-2-a.wav`,
      fields: { device: 'a', scene: 'airport', group: 'airport-lisbon-1-2' },
      error: null,
    },
    {
      path: `${folder}/notes.wav`,
      fields: { device: null, scene: null, group: null },
      error: 'no device in the name',
    },
  ]
}

beforeEach(async () => {
  vi.useFakeTimers()
  pinia = createPinia()
  setActivePinia(pinia)
  fake = new FakeTransport({
    'sources.preview': ({ folder }) => preview(folder),
    'sources.add': () => ({ jobId: 9 }),
    'jobs.list': () => [],
  })
  installTransport(fake)
  useProjectStore().apply(
    projectView({
      sources: [
        {
          id: 1,
          root: '/data/old',
          labelRule: { kind: 'folders' },
          labelRuleText: 'One folder per device (the parent folder of each file)',
          addedAt: '2025-01-01T00:00:00Z',
          scannedAt: '2025-01-01T00:00:00Z',
          recordings: 1234,
        },
      ],
    }),
  )
  await useJobsStore().init()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
})

async function mountView(): Promise<VueWrapper> {
  wrapper = mount(SourcesView, { global: { plugins: [pinia] } })
  await flushPromises()
  return wrapper
}

describe('Sources view', () => {
  it('previews the rule once typing pauses, and renders the rows', async () => {
    const w = await mountView()
    const folder = w.find('input.mono')
    for (const text of ['/d', '/da', '/data/new']) {
      await folder.setValue(text)
      vi.advanceTimersByTime(100)
    }
    expect(fake.callsOf('sources.preview')).toEqual([])
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(fake.callsOf('sources.preview')).toEqual([
      { folder: '/data/new', rule: { kind: 'dcase' } },
    ])

    const rows = w.findAll('table.preview tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('/data/new/airport-lisbon-1-2-a.wav')
    expect(rows[0].text()).toContain('airport')
    expect(rows[1].text()).toContain('no device in the name')
  })

  it('waits for a complete rule, then previews it', async () => {
    const w = await mountView()
    await w.find('input.mono').setValue('/data/new')
    await w.find('select').setValue('regex')
    vi.advanceTimersByTime(500)
    await flushPromises()
    expect(w.text()).toContain('Complete the rule to see a preview.')
    expect(fake.callsOf('sources.preview')).toEqual([])

    await w.find('input[aria-label="Regular expression"]').setValue('(?<device>[a-z])\\.wav$')
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(fake.callsOf('sources.preview')).toEqual([
      { folder: '/data/new', rule: { kind: 'regex', pattern: '(?<device>[a-z])\\.wav$' } },
    ])
  })

  it('shows a preview error inline', async () => {
    fake.handlers['sources.preview'] = () => {
      throw { code: 'failed', message: 'ENOENT: /data/none does not exist' }
    }
    const w = await mountView()
    await w.find('input.mono').setValue('/data/none')
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(w.find('.preview .error-text').text()).toBe('ENOENT: /data/none does not exist')
  })

  it('adds and scans, shows progress, then the report with unreadable files', async () => {
    const w = await mountView()
    await w.find('input.mono').setValue('/data/new')
    const add = w.findAll('button').find((b) => b.text() === 'Add and scan')!
    await add.trigger('click')
    await flushPromises()
    expect(fake.callsOf('sources.add')).toEqual([{ folder: '/data/new', rule: { kind: 'dcase' } }])

    fake.emit('job.progress', {
      jobId: 9,
      kind: 'scan',
      done: 5,
      failed: 1,
      total: 20,
      seconds: 0,
      totalSeconds: 0,
      rate: 0,
      filesPerSec: 0,
      skipped: 0,
      phase: null,
      etaSec: null,
      current: 'x.wav',
    })
    await flushPromises()
    expect(w.text()).toContain('Scanning')
    expect(w.text()).toContain('5 / 20 files (1 failed)')

    fake.emit('job.finished', {
      id: 9,
      kind: 'scan',
      status: 'done',
      createdAt: '',
      progress: null,
      error: null,
      report: {
        sourceId: 2,
        root: '/data/new',
        added: 19,
        updated: 0,
        unchanged: 0,
        removed: 0,
        errors: [{ path: 'broken.wav', error: 'truncated data chunk' }],
        devices: { a: 19 },
        unlabelled: [],
      },
    })
    await flushPromises()
    expect(w.text()).toContain('19 added')
    expect(w.text()).toContain('broken.wav')
    expect(w.text()).toContain('truncated data chunk')
  })

  it('browses folders in browser mode: a refused start falls back to home, Up and Choose', async () => {
    fake.handlers['system.listFolder'] = (req) => {
      if (req.path === '/elsewhere') {
        throw { code: 'invalid-request', message: '/elsewhere lies outside your home folder' }
      }
      const path = req.path ?? '/home/u'
      return {
        path,
        parent: path === '/home/u' ? null : '/home/u',
        audioFiles: path === '/home/u' ? 0 : 12,
        folders: path === '/home/u' ? [{ name: 'tau', path: '/home/u/tau', audioFiles: 12 }] : [],
        truncated: false,
        roots: ['/home/u'],
      }
    }
    const w = await mountView()
    await w.find('input.mono').setValue('/elsewhere')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Browse…')!
      .trigger('click')
    await flushPromises()
    const dialog = w.find('[data-testid=folder-browser]')
    expect(fake.callsOf('system.listFolder')).toEqual([{ path: '/elsewhere' }, {}])
    expect(dialog.find('[data-testid=folder-browser-path]').text()).toContain('/home/u')
    expect(dialog.text()).toContain('tau/')
    expect(dialog.text()).toContain('12 audio files')
    expect(dialog.find('[role=alert]').exists()).toBe(false)
    await dialog.find('button.folder').trigger('click')
    await flushPromises()
    expect(dialog.find('[data-testid=folder-browser-path]').text()).toContain('/home/u/tau')
    await dialog
      .findAll('button')
      .find((b) => b.text() === 'Choose this folder')!
      .trigger('click')
    expect((w.find('input.mono').element as HTMLInputElement).value).toBe('/home/u/tau')
  })

  it('lists sources and rescans one', async () => {
    fake.handlers['sources.rescan'] = () => ({ jobId: 10 })
    const w = await mountView()
    const row = w.findAll('tbody tr').find((r) => r.text().includes('/data/old'))!
    expect(row.text()).toContain('1,234')
    await row
      .findAll('button')
      .find((b) => b.text() === 'Rescan')!
      .trigger('click')
    expect(fake.callsOf('sources.rescan')).toEqual([{ sourceId: 1 }])
  })

  it('keeps a short folder on one line and lets a long one wrap only after a slash', async () => {
    const long = `/data/${'TAU-urban-acoustic-scenes-2020-mobile-development/'.repeat(2)}audio`
    useProjectStore().apply(
      projectView({
        sources: [
          [1, '/data/old'],
          [2, long],
        ].map(([id, root]) => ({
          id: Number(id),
          root: String(root),
          labelRule: { kind: 'folders' as const },
          labelRuleText: 'One folder per device',
          addedAt: '2025-01-01T00:00:00Z',
          scannedAt: '2025-01-01T00:00:00Z',
          recordings: 1,
        })),
      }),
    )
    const w = await mountView()
    const cells = w.findAll('td.root')
    expect(cells.map((c) => c.text())).toEqual(['/data/old', long])
    expect(cells[0].classes()).toContain('short')
    expect(cells[1].classes()).not.toContain('short')
    // Break chances after every slash, none inside a name.
    expect(cells[1].findAll('wbr')).toHaveLength(long.split('/').length - 1)
    expect(cells[1].attributes('title')).toBe(long)
  })
})
