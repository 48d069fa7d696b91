// The table `npm run bench:scale` prints: what, target, measured, pass or fail.

export interface Row {
  what: string
  /** Empty: a figure for information, without a target. */
  target?: string
  measured: string
  pass?: boolean
}

export function printTable(title: string, rows: readonly Row[]): void {
  const w = Math.max(...rows.map((r) => r.what.length), 4)
  const t = Math.max(...rows.map((r) => (r.target ?? '').length), 6)
  const m = Math.max(...rows.map((r) => r.measured.length), 8)
  console.log(`\n${title}`)
  console.log(`${'what'.padEnd(w)}  ${'target'.padEnd(t)}  ${'measured'.padEnd(m)}  result`)
  console.log(`${'-'.repeat(w)}  ${'-'.repeat(t)}  ${'-'.repeat(m)}  ------`)
  for (const r of rows) {
    const result = r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL'
    console.log(
      `${r.what.padEnd(w)}  ${(r.target ?? '').padEnd(t)}  ${r.measured.padEnd(m)}  ${result}`,
    )
  }
}
