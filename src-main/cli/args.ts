// Typed readers for parsed command-line values; each mistake names the flag and the fix.
import { UsageError } from './errors'

export function intFlag(
  name: string,
  value: string | undefined,
  options: { min?: number } = {},
): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  const min = options.min ?? 0
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} ${value}: expected a whole number >= ${min}`)
  return n
}

export function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n)) throw new UsageError(`--${name} ${value}: expected a number`)
  return n
}

export function choiceFlag<T extends string>(
  name: string,
  value: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} ${value}: expected one of ${choices.join(', ')}`)
  }
  return value as T
}

export function listFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return items.length ? items : undefined
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

/** `--<name> <low>-<high>` in Hz, e.g. `--band 50-16000`. */
export function bandFlag(name: string, value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined
  const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(value)
  if (!m || !(Number(m[2]) > Number(m[1])))
    throw new UsageError(
      `--${name} ${value}: expected <low Hz>-<high Hz> with low < high, e.g. --${name} 50-16000`,
    )
  return [Number(m[1]), Number(m[2])]
}
