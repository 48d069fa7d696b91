// `scw serve`: the workbench in a web browser (browser mode, src-main/server), on the same
// backend as the Electron app. Runs until Ctrl-C or SIGTERM, then closes the project cleanly.
import { basename, dirname, join, resolve } from 'node:path'
import { createBackend } from '../../backend/backend'
import { demoDir } from '../../launch/demo-dir'
import { browserStateDir } from '../../launch/state-dir'
import { isLoopback } from '../../server/auth'
import { startServer } from '../../server/server'
import { createDemoProject, DEMO_PROJECT_FILE } from '../../services/demo'
import { intFlag } from '../args'
import { parse, str, type Command, type Io } from '../command'
import { EXIT, UsageError } from '../errors'

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [<project.scw>] [--host 127.0.0.1] [--port N] [--open-demo]',
  summary:
    'open the workbench in a web browser: serves the app on 127.0.0.1 and prints a URL carrying a secret token, valid until the server stops (opening it sets a cookie)',
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      host: { type: 'string' },
      port: { type: 'string' },
      'open-demo': { type: 'boolean' },
    })
    if (pos.length > 1) throw new UsageError(`expected at most one project, got ${pos.join(' ')}`)
    const port = intFlag('port', str(values.port), { min: 0 }) ?? 0
    if (port > 65535) throw new UsageError(`--port ${port}: expected a port number up to 65535`)
    const host = str(values.host)
    const { projectPath, demoFolder } = await projectToOpen(
      pos[0],
      values['open-demo'] === true,
      io,
    )
    if (host !== undefined && !isLoopback(host)) {
      io.err.write(
        `\nWARNING: serving on ${host}, which is not a loopback address. Anyone who can reach this ` +
          `machine and learns the URL can read and change your projects and audio files.\n\n`,
      )
    }
    const backend = await createBackend({
      transport: 'browser',
      stateDir: browserStateDir(),
      demoDir: demoFolder,
      projectPath,
    })
    try {
      const server = await startServer({
        backend,
        host,
        port,
        allowNonLoopback: host !== undefined,
      })
      io.out.write(`Spectrum Correction Workbench (browser mode): ${server.url}\nCtrl-C to stop\n`)
      await stopRequested(io)
      await server.close()
    } finally {
      await backend.close()
    }
    io.err.write('stopped\n')
    return EXIT.ok
  },
}

/** The project to open at start (the demo is created first when asked for). */
async function projectToOpen(
  given: string | undefined,
  openDemo: boolean,
  io: Io,
): Promise<{ projectPath: string | undefined; demoFolder: string }> {
  const defaultDemo = demoDir()
  const path = given === undefined ? undefined : resolve(given)
  if (!openDemo && path !== join(defaultDemo, DEMO_PROJECT_FILE)) {
    return { projectPath: path, demoFolder: defaultDemo }
  }
  if (path !== undefined && basename(path) !== DEMO_PROJECT_FILE) {
    throw new UsageError(`--open-demo takes <folder>/${DEMO_PROJECT_FILE}, not ${given}`)
  }
  const demoFolder = path === undefined ? defaultDemo : dirname(path)
  const projectPath = await createDemoProject(demoFolder, {
    onProgress: (message) => io.err.write(`${message}\n`),
  })
  return { projectPath, demoFolder }
}

/** Resolves on Ctrl-C (the CLI aborts io.signal) or SIGTERM. */
function stopRequested(io: Io): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop)
      io.signal.removeEventListener('abort', stop)
      resolve()
    }
    if (io.signal.aborted) return resolve()
    process.on('SIGTERM', stop)
    io.signal.addEventListener('abort', stop)
  })
}
