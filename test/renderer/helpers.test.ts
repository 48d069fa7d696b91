// @vitest-environment happy-dom
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { JobView } from '@shared/api/views'
import {
  DEVICE_PALETTE,
  deviceColor,
  deviceColors,
  setProjectDevices,
} from '../../src-renderer/device-colors'
import { emptyRuleForm, ruleInputOf } from '../../src-renderer/components/label-rule-form'
import RecordingsTable from '../../src-renderer/components/RecordingsTable.vue'
import { describeJob } from '../../src-renderer/composables/use-job-progress'
import { frequencyTicks, plotColumns } from '../../src-renderer/composables/use-plot'
import { comboOf } from '../../src-renderer/composables/use-shortcuts'
import { parseViewHash, viewHash } from '../../src-renderer/composables/use-view-hash'
import { formatDuration, formatHzTick, formatRate } from '../../src-renderer/format'
import { recordingRow } from './fake-transport'

describe('frequency axis', () => {
  it('ticks 1-2-5 per decade, labelled 1k, 10k', () => {
    expect(frequencyTicks(20, 20_000)).toEqual([
      20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000,
    ])
    expect(frequencyTicks(30, 400)).toEqual([50, 100, 200])
    expect(frequencyTicks(0, 100)).toEqual([])
    expect(frequencyTicks(20, 20_000).map(formatHzTick)).toEqual([
      '20',
      '50',
      '100',
      '200',
      '500',
      '1k',
      '2k',
      '5k',
      '10k',
      '20k',
    ])
  })

  it('drops 0 Hz, turns non-finite values into gaps, and appends band edges', () => {
    const columns = plotColumns({
      frequencies: [0, 100, 200],
      series: [{ name: 'a', values: [1, -Infinity, 3] }],
      bands: [{ name: 'a', lower: [0, 0, 2], upper: [2, 2, 4] }],
    })
    expect(columns).toEqual([
      [100, 200],
      [null, 3],
      [2, 4],
      [0, 2],
    ])
  })
})

describe('device colours', () => {
  afterEach(() => setProjectDevices([]))

  it('are one map per project: a device has the same colour alone and among any others', () => {
    const names = ['a', 'b', 'c', 's1', 's2', 's3', 'phone', 'tablet', 'zoom-h4n']
    setProjectDevices([...names].reverse())
    expect(deviceColor('a')).toBe(DEVICE_PALETTE[0])
    expect(deviceColor('b')).toBe(DEVICE_PALETTE[1])
    const colors = deviceColors(names)
    expect(new Set(colors.values()).size).toBe(names.length)
    // The table's dot (deviceColor) and a plot of a subset (deviceColors) agree.
    for (const subset of [['c', 'phone'], ['zoom-h4n'], ['s3', 'a', 'tablet']]) {
      for (const [name, color] of deviceColors(subset)) expect(color).toBe(deviceColor(name))
    }
    expect(deviceColors([...names].reverse())).toEqual(colors)
  })

  it('never move a project device for a name the project does not know', () => {
    setProjectDevices(['a', 'b', 'c'])
    const colors = deviceColors(['alpha', 'b', 'c', 'a'])
    expect(colors.get('b')).toBe(DEVICE_PALETTE[1])
    expect(colors.get('alpha')).toBe(DEVICE_PALETTE[3])
    expect(new Set(colors.values()).size).toBe(4)
  })

  it('give distinct, stable colours to names shown before a project has loaded', () => {
    const colors = deviceColors(['Pixel 7', 'iPhone', 'zoom'])
    expect(new Set(colors.values()).size).toBe(3)
    expect(deviceColor('Pixel 7')).toBe(deviceColor('Pixel 7'))
  })
})

describe('formatting', () => {
  it('reads durations and rates the same everywhere', () => {
    expect(formatDuration(0.84)).toBe('0.8 s')
    expect(formatDuration(42)).toBe('42 s')
    expect(formatDuration(185)).toBe('3 min 05 s')
    expect(formatDuration(7620)).toBe('2 h 07 min')
    expect(formatDuration(null)).toBe('–')
    expect(formatRate(44100)).toBe('44.1 kHz')
    expect(formatRate(800)).toBe('800 Hz')
  })

  it('describes job progress', () => {
    const job: JobView = {
      id: 1,
      kind: 'export',
      status: 'running',
      createdAt: '',
      progress: {
        jobId: 1,
        kind: 'export',
        done: 1500,
        failed: 2,
        total: 3000,
        seconds: 1,
        totalSeconds: 2,
        rate: 3.25,
        filesPerSec: 0,
        skipped: 0,
        phase: null,
        etaSec: 75,
        current: null,
      },
      report: null,
      error: null,
    }
    expect(describeJob(job)).toMatchObject({
      label: 'Exporting',
      fraction: 0.5,
      counts: '1,500 / 3,000 files (2 failed)',
      rate: '3.3× real time',
      eta: '1 min 15 s left',
    })
    expect(describeJob({ ...job, progress: null })?.fraction).toBeNull()
    // A rescan: files per second, the unchanged ones counted, the ETA once there is one.
    const scan: JobView = {
      ...job,
      kind: 'scan',
      progress: {
        ...job.progress!,
        kind: 'scan',
        done: 1200,
        total: 1240,
        failed: 0,
        skipped: 1194,
        filesPerSec: 23.4,
        rate: 0,
        etaSec: null,
      },
    }
    expect(describeJob(scan)).toMatchObject({
      label: 'Scanning',
      counts: '1,200 / 1,240 files (1,194 unchanged)',
      rate: '23 files/s',
      eta: '',
    })
    const walking = {
      ...scan,
      progress: { ...scan.progress!, phase: 'walking' as const, done: 830, total: 0 },
    }
    expect(describeJob(walking)).toMatchObject({
      label: 'Finding files',
      fraction: null,
      counts: '830 files found so far',
      rate: '',
    })
  })
})

describe('label rule form', () => {
  it('gives the contract rule, or null while incomplete', () => {
    expect(ruleInputOf(emptyRuleForm())).toEqual({ kind: 'dcase' })
    expect(ruleInputOf({ ...emptyRuleForm('folders'), depth: 2 })).toEqual({
      kind: 'folders',
      depth: 2,
    })
    expect(ruleInputOf(emptyRuleForm('folders'))).toEqual({ kind: 'folders' })
    expect(ruleInputOf(emptyRuleForm('regex'))).toBeNull()
    expect(ruleInputOf(emptyRuleForm('table'))).toBeNull()
    expect(ruleInputOf({ ...emptyRuleForm('table'), csv: 'path,device\n' })).toEqual({
      kind: 'table',
      csv: 'path,device\n',
    })
    expect(ruleInputOf(emptyRuleForm('dcase-meta'))).toEqual({ kind: 'dcase-meta' })
    expect(ruleInputOf({ ...emptyRuleForm('dcase-meta'), metaFrom: 'file' })).toBeNull()
  })
})

describe('shortcuts and hash', () => {
  it('names key combos by physical key', () => {
    const e = (init: KeyboardEventInit): KeyboardEvent => new KeyboardEvent('keydown', init)
    expect(comboOf(e({ key: '¡', code: 'Digit1', altKey: true }))).toBe('Alt+1')
    expect(comboOf(e({ key: 'k', code: 'KeyK', ctrlKey: true }))).toBe('Ctrl+K')
    expect(comboOf(e({ key: 'Escape', code: 'Escape' }))).toBe('Escape')
  })

  it('round-trips views and the recording id', () => {
    expect(viewHash('recording', 42)).toBe('#/recording/42')
    expect(parseViewHash('#/recording/42')).toEqual({ view: 'recording', id: 42 })
    expect(parseViewHash(viewHash('devices', null))).toEqual({ view: 'devices', id: null })
    expect(parseViewHash('#/nonsense')).toBeNull()
  })
})

describe('recordings table', () => {
  const rows = [recordingRow(11), recordingRow(12), recordingRow(13)]
  const props = {
    rows,
    order: Uint32Array.from([2, 0, 1]),
    selected: new Set<number>(),
    sortKey: 'duration' as const,
    sortDir: 'desc' as const,
  }

  it('sorts by a header and marks the sorted column', async () => {
    const w = mount(RecordingsTable, { props })
    const headers = w.findAll('[role=columnheader]')
    expect(headers.map((h) => h.attributes('aria-sort'))).toContain('descending')
    await headers[1].find('button').trigger('click')
    expect(w.emitted('sort')).toEqual([['device']])
  })

  it('marks a row read with warnings, whose messages are its status tooltip', async () => {
    const warned = recordingRow(14, {
      analysis: 'failed',
      error: 'x.flac: no audio: nothing decodable',
      warnings: [
        { code: 'damaged', message: 'x.flac: bytes 100–900 are damaged; 4,096 frames are lost' },
        { code: 'length-mismatch', message: 'x.flac: 4,096 frames shorter than STREAMINFO says' },
      ],
    })
    // happy-dom lays nothing out: give the scroller a height so that the rows render.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400)
    onTestFinished(() => height.mockRestore())
    const w = mount(RecordingsTable, {
      props: { ...props, rows: [rows[0], warned], order: Uint32Array.from([0, 1]) },
      attachTo: document.body,
    })
    onTestFinished(() => w.unmount())
    await flushPromises()
    const marks = w.findAll('[data-testid=row-warnings]')
    expect(marks).toHaveLength(1)
    expect(marks[0].attributes('aria-label')).toBe('2 reading warnings')
    const cells = w.findAll('.state')
    expect(cells[0].attributes('title')).toBeUndefined()
    expect(cells[1].attributes('title')).toBe(
      'x.flac: no audio: nothing decodable\nx.flac: bytes 100–900 are damaged; 4,096 frames are lost\nx.flac: 4,096 frames shorter than STREAMINFO says',
    )
  })

  it('moves, extends, toggles, selects all and opens from the keyboard, in display order', async () => {
    const w = mount(RecordingsTable, { props })
    const grid = w.find('[role=grid]')
    await grid.trigger('keydown', { key: 'Enter' }) // no cursor yet: nothing
    await grid.trigger('keydown', { key: 'ArrowDown' })
    await grid.trigger('keydown', { key: 'ArrowDown', shiftKey: true })
    await grid.trigger('keydown', { key: ' ' })
    await grid.trigger('keydown', { key: 'a', ctrlKey: true })
    await grid.trigger('keydown', { key: 'Enter' })
    expect(w.emitted('select')).toEqual([
      [13, 'only'],
      [11, 'range'],
      [11, 'toggle'],
    ])
    expect(w.emitted('selectAll')).toHaveLength(1)
    expect(w.emitted('open')).toEqual([[11]])
  })
})
