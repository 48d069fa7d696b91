// Typed readers for parsed command-line values; each mistake names the flag and the fix. Values
// that the contract also takes are checked with its schemas (src-shared/api), so the command
// line and the app accept exactly the same values.
import { UsageError } from './errors'

const INTEGER = /^[+-]?\d+$/
// Decimal only: no hexadecimal (0x10), no blanks, no Infinity, no digit separators.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** A whole number as typed (decimal digits, optional sign), or undefined when not given. */
export function integerText(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!INTEGER.test(value))
    throw new UsageError(`--${name} ${quoted(value)}: expected a whole number`)
  return Number(value)
}

/** A decimal number as typed (e.g. -3, 0.5, 1e-3), or undefined when not given. */
export function numberText(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!DECIMAL.test(value) || !Number.isFinite(n))
    throw new UsageError(`--${name} ${quoted(value)}: expected a decimal number`)
  return n
}

/** A whole number >= `min` for flags the contract does not know (--workers, --port). */
export function intFlag(
  name: string,
  value: string | undefined,
  options: { min?: number } = {},
): number | undefined {
  const n = integerText(name, value)
  const min = options.min ?? 0
  if (n !== undefined && n < min)
    throw new UsageError(`--${name} ${value}: expected a whole number >= ${min}`)
  return n
}

/** A comma-separated list; an empty item (`--devices a,,b`, `--devices ''`) is kept for the check. */
export function listText(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim())
}

/** A schema of the contract, as far as the command line needs it. */
interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }
}

/** Where a request field came from: a flag (`--taps`) or an argument (`<out-dir>`), as typed. */
export interface Given {
  arg: string
  text: string | undefined
}

/**
 * Checks `request` with a contract schema; each issue becomes a usage error naming the flag or
 * argument that set the field (`given`, keyed by the field's path, e.g. `regularization.maxCutDb`)
 * and the value typed.
 */
export function checkWith<T>(
  schema: Schema<T>,
  request: Record<string, unknown>,
  given: Record<string, Given>,
): T {
  const r = schema.safeParse(request)
  if (r.success) return r.data
  const messages = r.error.issues.map((issue) => {
    const path = issue.path.map(String)
    const g = given[path.join('.')] ?? given[path.slice(0, -1).join('.')] ?? given[path[0] ?? '']
    const name = g ? `${g.arg}${g.text === undefined ? '' : ` ${quoted(g.text)}`}` : path.join('.')
    return `${name || 'request'}: ${issue.message}`
  })
  throw new UsageError(messages.join('; '))
}

export function choiceFlag<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} ${quoted(value)}: expected one of ${choices.join(', ')}`)
  }
  return value as T
}

/** Exactly `count` positional arguments, named in the error. */
export function positionals(given: string[], names: string[]): string[] {
  if (given.length !== names.length) {
    throw new UsageError(
      `expected ${names.map((n) => `<${n}>`).join(' ')}, got ${given.length ? given.join(' ') : 'nothing'}`,
    )
  }
  return given
}

/** `<lo>-<hi>` in Hz (non-negative, lo < hi), e.g. `--band 100-10000`. */
export function bandFlag(name: string, value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined
  const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value)
  if (!m || !(Number(m[2]) > Number(m[1]))) {
    throw new UsageError(
      `--${name} ${quoted(value)}: expected <low Hz>-<high Hz> with low < high, e.g. --${name} 100-10000`,
    )
  }
  return [Number(m[1]), Number(m[2])]
}

/** A value as the user would type it again: empty and blank-holding ones in quotes. */
function quoted(value: string): string {
  return value === '' || /\s/.test(value) ? `'${value}'` : value
}
