// The CSV beside each figure: exactly the plotted numbers, one column per series, a header that
// names units (`frequency_hz`, `b_db`), empty cells for gaps. Numbers are written in full
// (JavaScript's shortest round-trip form), so the CSV reads back to the very values drawn.

export interface CsvColumn {
  header: string
  values: ArrayLike<number | string | null>
}

function cell(v: number | string | null): string {
  if (v === null) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** A CSV table of equally long columns, `rows` given by index (e.g. the bins plotted). */
export function csvTable(columns: readonly CsvColumn[], rows?: readonly number[]): string {
  const n = columns[0]?.values.length ?? 0
  for (const c of columns) {
    if (c.values.length !== n) {
      throw new Error(`CSV column ${c.header} has ${c.values.length} values, expected ${n}`)
    }
  }
  const index = rows ?? Array.from({ length: n }, (_, i) => i)
  const lines = [columns.map((c) => cell(c.header)).join(',')]
  for (const i of index) lines.push(columns.map((c) => cell(c.values[i])).join(','))
  return `${lines.join('\n')}\n`
}
