import { createDemoProject } from '../../services/demo'
import { positionals } from '../args'
import { parse, printJson, type Command } from '../command'
import { EXIT } from '../errors'

export const demoCommand: Command = {
  name: 'demo',
  usage: 'demo <dir> [--json]',
  summary:
    'write the deterministic demo corpus (4 devices, aligned and unaligned recordings) and a ready project',
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, { json: { type: 'boolean' } })
    const [dir] = positionals(pos, ['dir'])
    const project = await createDemoProject(dir, {
      onProgress: (message) => io.err.write(`${message}\n`),
    })
    if (values.json) printJson(io, { project })
    else io.out.write(`demo project ready: ${project}\n`)
    return EXIT.ok
  },
}
