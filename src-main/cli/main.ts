// Entry point of `scw` (bundled to out/main/cli.js). Ctrl-C cancels the running job cleanly
// (finished work is kept, so running the command again resumes); a second Ctrl-C exits at once.
import { run } from './run'

const controller = new AbortController()
let interrupted = false
process.on('SIGINT', () => {
  if (interrupted) process.exit(130)
  interrupted = true
  process.stderr.write('\ncancelling; press Ctrl-C again to quit at once\n')
  controller.abort()
})

const code = await run(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  signal: controller.signal,
})
process.exitCode = code
