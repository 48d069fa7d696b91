// The `scw` command line: dispatch, help and exit codes (0 ok, 1 usage, 2 bad input or project,
// 3 finished with some files failed). A command's module (and with it SQLite, the worker pool and
// the services) is loaded only when that command runs: help starts at once.
import { APP_NAME, APP_VERSION } from '@shared/app-info'
import type { Command, Io } from './command'
import { EXIT, UsageError } from './errors'
import { USAGE, type CommandName, type CommandUsage } from './usage'

/** Each command's module, imported on first use. */
const LOAD: Record<CommandName, () => Promise<Command>> = {
  index: async () => (await import('./commands/index-folder')).indexCommand,
  analyze: async () => (await import('./commands/analyze')).analyzeCommand,
  estimate: async () => (await import('./commands/estimate')).estimateCommand,
  evaluate: async () => (await import('./commands/evaluate')).evaluateCommand,
  fir: async () => (await import('./commands/fir')).firCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  'export-merge': async () => (await import('./commands/export-merge')).exportMergeCommand,
  irs: async () => (await import('./commands/irs')).irsCommand,
  audit: async () => (await import('./commands/audit')).auditCommand,
  summaries: async () => (await import('./commands/summaries')).summariesCommand,
  plot: async () => (await import('./commands/plot')).plotCommand,
  demo: async () => (await import('./commands/demo')).demoCommand,
  serve: async () => (await import('./commands/serve')).serveCommand,
}

export const COMMANDS: readonly CommandUsage[] = Object.values(USAGE)

export function helpText(): string {
  const lines = [`${APP_NAME} ${APP_VERSION}`, '', 'usage: scw <command> [options]', '']
  for (const c of COMMANDS) lines.push(`  scw ${c.usage}`, `      ${c.summary}`)
  lines.push(
    '',
    'Exit codes: 0 success, 1 usage, 2 bad input or project, 3 finished with some files failed.',
  )
  return `${lines.join('\n')}\n`
}

const isCommandName = (name: string): name is CommandName => Object.hasOwn(USAGE, name)

/** Runs one command line; returns the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out.write(helpText())
    return name ? EXIT.ok : EXIT.usage
  }
  if (name === '--version' || name === '-v') {
    io.out.write(`${APP_VERSION}\n`)
    return EXIT.ok
  }
  if (!isCommandName(name)) {
    io.err.write(`scw: unknown command ${name}\n\n${helpText()}`)
    return EXIT.usage
  }
  const usage = USAGE[name]
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.write(`usage: scw ${usage.usage}\n${usage.summary}\n`)
    return EXIT.ok
  }
  try {
    const command = await LOAD[name]()
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`scw ${name}: ${e.message}\nusage: scw ${usage.usage}\n`)
      return EXIT.usage
    }
    io.err.write(`scw ${name}: ${(e as Error).message ?? String(e)}\n`)
    if (process.env.SCW_DEBUG) io.err.write(`${(e as Error).stack}\n`)
    return EXIT.badInput
  }
}
