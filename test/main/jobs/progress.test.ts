// Progress as jobs report it: rates in ×real time and in files per second, an ETA only once it
// means something, a rescan's unchanged files counted as done but not as speed, the walk's count
// before the total is known, and the CLI's line drawn from it. The clock is the test's own.
import { describe, expect, it } from 'vitest'
import type { JobProgress } from '@shared/model/job'
import { progressLine } from '../../../src-main/cli/progress-bar'
import { ProgressTracker } from '../../../src-main/jobs/progress'

/** A tracker on a clock the test moves; every emitted progress is kept. */
function tracked(init: ConstructorParameters<typeof ProgressTracker>[0]) {
  let ms = 0
  const seen: JobProgress[] = []
  const tracker = new ProgressTracker(
    init,
    (p) => seen.push(p),
    200,
    () => ms,
  )
  return { tracker, seen, at: (sec: number) => (ms = sec * 1000), last: () => seen.at(-1)! }
}

describe('progress', () => {
  it('scans: files per second and an ETA by files, once enough is done', () => {
    const { tracker, at, last } = tracked({ kind: 'scan', total: 1000, totalSeconds: 0 })
    at(0.5)
    for (let i = 0; i < 50; i++) tracker.tick(`f${i}.wav`, 0)
    // Half a second in: too early for an ETA even with 5% done.
    expect(last().etaSec).toBeNull()
    at(1)
    tracker.tick('f50.wav', 0)
    expect(last().filesPerSec).toBe(51)
    expect(last().rate).toBe(0)
    expect(last().etaSec).toBeCloseTo((1000 - 51) / 51, 9)
  })

  it('waits for 2% of the work and 3 files before the first ETA', () => {
    const { tracker, at, last } = tracked({ kind: 'analyze', total: 100, totalSeconds: 1000 })
    at(2)
    tracker.tick('a.wav', 10)
    tracker.tick('b.wav', 5)
    at(3)
    tracker.tick('c.wav', 4)
    // 3 files but 1.9% of the audio: no ETA yet.
    expect(last().etaSec).toBeNull()
    at(4)
    tracker.tick('d.wav', 30)
    expect(last().rate).toBeCloseTo(49 / 4, 9)
    expect(last().etaSec).toBeCloseTo(((1000 - 49) * 4) / 49, 9)
  })

  it('rescans: unchanged files are done from the start, the speed counts the probed ones', () => {
    const { tracker, seen, at, last } = tracked({
      kind: 'scan',
      total: 1000,
      totalSeconds: 0,
      skipped: 960,
    })
    at(2)
    for (let i = 0; i < 10; i++) tracker.tick(`new${i}.wav`, 0)
    tracker.end()
    expect(last()).toMatchObject({ done: 970, total: 1000, skipped: 960, filesPerSec: 5 })
    expect(last().etaSec).toBeCloseTo(30 / 5, 9)
    expect(seen.length).toBe(2)
  })

  it('walking: the files found so far, no total and no ETA', () => {
    const { tracker, at, last } = tracked({
      kind: 'scan',
      total: 0,
      totalSeconds: 0,
      phase: 'walking',
    })
    at(5)
    tracker.found(12000)
    expect(last()).toMatchObject({ phase: 'walking', done: 12000, etaSec: null })
  })

  it('emits at most every interval, and always at the end', () => {
    const { tracker, seen, at } = tracked({ kind: 'scan', total: 10, totalSeconds: 0 })
    at(1)
    tracker.tick('a', 0)
    tracker.tick('b', 0)
    at(1.1)
    tracker.tick('c', 0)
    expect(seen).toHaveLength(1)
    tracker.end()
    expect(seen.at(-1)!.done).toBe(3)
  })

  it("draws the CLI's probing line with counts, files/s and its ETA", () => {
    const { tracker, at, last } = tracked({
      kind: 'scan',
      total: 400,
      totalSeconds: 0,
      skipped: 100,
    })
    at(2)
    for (let i = 0; i < 100; i++) tracker.tick(`f${i}`, 0)
    tracker.end()
    expect(progressLine(last(), 10)).toBe(
      'probing [#####.....] 200/400, 100 unchanged 50 files/s ETA 0:04',
    )
    expect(progressLine({ ...last(), phase: 'walking', done: 77 })).toBe('finding files: 77 found')
    expect(progressLine({ ...last(), kind: 'analyze', rate: 312.4, skipped: 0 }, 10)).toContain(
      '312x ETA',
    )
  })
})
