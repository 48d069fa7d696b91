import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

type Progress = { transferred: number; total: number | null }
interface Printer {
  update(p: Progress): void
  done(): void
}
const url = pathToFileURL(
  join(import.meta.dirname, '../../../src-main/launch/download-progress.mjs'),
)
const { formatBytes, progressPrinter } = (await import(url.href)) as {
  formatBytes(bytes: number): string
  progressPrinter(o: {
    say(m: string): void
    write(t: string): void
    tty: boolean
    now?: () => number
  }): Printer
}

function record(tty: boolean) {
  const said: string[] = []
  const written: string[] = []
  let clock = 0
  const printer = progressPrinter({
    say: (m) => said.push(m),
    write: (t) => written.push(t),
    tty,
    now: () => clock,
  })
  return { said, written, printer, tick: (ms: number) => (clock += ms) }
}

describe('download progress', () => {
  it('formats sizes in SI units', () => {
    expect(formatBytes(812)).toBe('812 bytes')
    expect(formatBytes(64_000)).toBe('64.0 kB')
    expect(formatBytes(108_249_811)).toBe('108.2 MB')
  })

  it('in a log: the size, then one line per tenth', () => {
    const { said, written, printer } = record(false)
    for (let t = 0; t <= 100e6; t += 2.5e6) printer.update({ transferred: t, total: 100e6 })
    printer.done()
    expect(said[0]).toBe('Size: 100.0 MB')
    expect(said.slice(1)).toEqual(
      Array.from({ length: 11 }, (_, i) => {
        const mb = `${(i * 10).toFixed(1)} MB`.replace(/^0\.0 MB$/, '0 bytes')
        return `  ${String(i * 10).padStart(3)} %  ${mb} of 100.0 MB`
      }),
    )
    expect(written).toEqual([])
  })

  it('on a terminal: one line redrawn at most ten times a second, ended at the close', () => {
    const { said, written, printer, tick } = record(true)
    printer.update({ transferred: 1e6, total: 4e6 })
    tick(50)
    printer.update({ transferred: 2e6, total: 4e6 }) // too soon: not drawn
    tick(100)
    printer.update({ transferred: 3e6, total: 4e6 })
    tick(10)
    printer.update({ transferred: 4e6, total: 4e6 }) // the end is always drawn
    printer.done()
    expect(said).toEqual(['Size: 4.0 MB'])
    expect(written).toEqual([
      '\r[scw]    25 %  1.0 MB of 4.0 MB\x1b[K',
      '\r[scw]    75 %  3.0 MB of 4.0 MB\x1b[K',
      '\r[scw]   100 %  4.0 MB of 4.0 MB\x1b[K',
      '\r[scw]   100 %  4.0 MB of 4.0 MB\x1b[K\n',
    ])
  })

  it('without a Content-Length: says so, then every 10 MB', () => {
    const { said, printer } = record(false)
    for (let t = 0; t <= 25e6; t += 5e6) printer.update({ transferred: t, total: null })
    expect(said).toEqual([
      'Size: unknown (the server sent no Content-Length)',
      '  0 bytes so far',
      '  10.0 MB so far',
      '  20.0 MB so far',
    ])
  })
})
