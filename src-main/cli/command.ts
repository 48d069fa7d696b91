import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './errors'
import type { CommandUsage } from './usage'

/** Where a command writes: results to out, progress and notes to err. */
export interface Io {
  out: NodeJS.WritableStream
  err: NodeJS.WriteStream
  signal: AbortSignal
}

export interface Command extends CommandUsage {
  run(argv: string[], io: Io): Promise<number>
}

/** parseArgs in strict mode, with unknown flags reported as usage errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
    return {
      values: r.values as Record<string, string | boolean | undefined>,
      positionals: r.positionals,
    }
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

/** Writes a value as JSON (one document) to out. */
export function printJson(io: Io, value: unknown): void {
  io.out.write(`${JSON.stringify(value, null, 2)}\n`)
}

export const str = (v: string | boolean | undefined): string | undefined =>
  typeof v === 'string' ? v : undefined
