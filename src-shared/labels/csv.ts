/** A field delimiter a label table may use. */
export type Delimiter = ',' | '\t' | ';'

/** One parsed record and the 1-based line it starts on. */
export interface CsvRecord {
  line: number
  fields: string[]
}

const CANDIDATES: readonly Delimiter[] = ['\t', ',', ';']

/** The delimiter used most often (outside quotes) on the first line; ',' when none occurs. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]))
  let quoted = false
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch as Delimiter)) {
      counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1)
    }
  }
  let best: Delimiter = ','
  let bestCount = 0
  for (const d of CANDIDATES) {
    const n = counts.get(d) ?? 0
    if (n > bestCount) [best, bestCount] = [d, n]
  }
  return best
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * Records of delimited text as RFC 4180 reads them: quoted fields with `""` escapes that may hold
 * delimiters and line breaks; CRLF, LF or CR line ends; a leading BOM. Blank lines are skipped,
 * and spaces around a quoted field are allowed.
 */
export function parseDelimited(text: string, delimiter: Delimiter): CsvRecord[] {
  const src = stripBom(text)
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let i = 0
  const endRecord = (): void => {
    fields.push(field)
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields })
    fields = []
    field = ''
  }
  while (i < src.length) {
    const ch = src[i]
    // A quote opens a quoted field at its start, spaces before it allowed (`a, "b"`).
    if (ch === '"' && field.trim() === '') {
      const opened = line
      field = ''
      i += 1
      for (;;) {
        if (i >= src.length) {
          throw new Error(`line ${opened}: quoted field is never closed; end it with '"'`)
        }
        const q = src[i]
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i += 1
          break
        }
        if (q === '\n' || (q === '\r' && src[i + 1] !== '\n')) line += 1
        field += q
        i += 1
      }
      while ((src[i] === ' ' || src[i] === '\t') && src[i] !== delimiter) i += 1
      const next = src[i]
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new Error(
          `line ${line}: unexpected ${JSON.stringify(next)} after a closing quote; ` +
            `write a quote inside a quoted field as ""`,
        )
      }
      continue
    }
    if (ch === delimiter) {
      fields.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1
      endRecord()
      line += 1
      recordLine = line
    } else {
      field += ch
    }
    i += 1
  }
  if (field !== '' || fields.length > 0) endRecord()
  return records
}
