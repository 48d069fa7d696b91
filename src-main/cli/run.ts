// The `scw` command line: dispatch, help and exit codes (0 ok, 1 usage, 2 bad input or project,
// 3 finished with some files failed).
import { APP_NAME, APP_VERSION } from '@shared/app-info'
import type { Command, Io } from './command'
import { analyzeCommand } from './commands/analyze'
import { demoCommand } from './commands/demo'
import { estimateCommand } from './commands/estimate'
import { evaluateCommand } from './commands/evaluate'
import { exportCommand } from './commands/export'
import { firCommand } from './commands/fir'
import { indexCommand } from './commands/index-folder'
import { plotCommand } from './commands/plot'
import { serveCommand } from './commands/serve'
import { summariesCommand } from './commands/summaries'
import { EXIT, UsageError } from './errors'

export const COMMANDS: Command[] = [
  indexCommand,
  analyzeCommand,
  estimateCommand,
  evaluateCommand,
  firCommand,
  exportCommand,
  summariesCommand,
  plotCommand,
  demoCommand,
  serveCommand,
]

export function helpText(): string {
  const lines = [`${APP_NAME} ${APP_VERSION}`, '', 'usage: scw <command> [options]', '']
  for (const c of COMMANDS) lines.push(`  scw ${c.usage}`, `      ${c.summary}`)
  lines.push(
    '',
    'Exit codes: 0 success, 1 usage, 2 bad input or project, 3 finished with some files failed.',
  )
  return `${lines.join('\n')}\n`
}

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
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    io.err.write(`scw: unknown command ${name}\n\n${helpText()}`)
    return EXIT.usage
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.write(`usage: scw ${command.usage}\n${command.summary}\n`)
    return EXIT.ok
  }
  try {
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`scw ${name}: ${e.message}\nusage: scw ${command.usage}\n`)
      return EXIT.usage
    }
    io.err.write(`scw ${name}: ${(e as Error).message ?? String(e)}\n`)
    if (process.env.SCW_DEBUG) io.err.write(`${(e as Error).stack}\n`)
    return EXIT.badInput
  }
}
