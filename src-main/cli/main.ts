// Entry point of `scw` (bundled to out/main/cli.js). Ctrl-C or SIGTERM cancels the running job
// cleanly (finished work is kept, so running the command again resumes); a second one exits at
// once. A reader that goes away (`scw … | head`) ends the output quietly.
import { run } from './run'

const controller = new AbortController()
let interrupted = false
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(code)
    interrupted = true
    const again = signal === 'SIGINT' ? 'press Ctrl-C again' : 'send SIGTERM again'
    process.stderr.write(`\n${signal}: cancelling; ${again} to quit at once\n`)
    controller.abort()
  })
}
// EPIPE: the reader closed the pipe. Nothing more can be said there; the work itself goes on and
// the exit code stays the command's.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
  })
}

const code = await run(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  signal: controller.signal,
})
process.exitCode = code
