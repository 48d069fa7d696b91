import { createDemoProject } from '../../services/demo'
import { positionals } from '../args'
import { parse, printJson, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT } from '../errors'

export const demoCommand: Command = {
  ...USAGE.demo,
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
